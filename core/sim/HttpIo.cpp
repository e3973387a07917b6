#include "sim/HttpIo.h"

#include "sim/SimText.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>

namespace ds::sim {

namespace {
constexpr size_t kMaxHeader = size_t{64} * 1024;
constexpr size_t kMaxBody = size_t{64} * 1024 * 1024;
} // namespace

std::string HttpRequest::header(std::string_view lowerName) const
{
    for (const auto &[k, v] : headers)
        if (k == lowerName)
            return v;
    return {};
}

std::string HttpRequest::queryValue(std::string_view name) const
{
    const auto q = target.find('?');
    if (q == std::string::npos)
        return {};
    const std::string query = target.substr(q + 1);
    size_t pos = 0;
    while (pos <= query.size()) {
        const size_t end = std::min(query.find('&', pos), query.size());
        const std::string part = query.substr(pos, end - pos);
        const size_t eq = part.find('=');
        if (part.substr(0, eq) == name)
            return eq == std::string::npos ? std::string() : part.substr(eq + 1);
        pos = end + 1;
    }
    return {};
}

bool HttpRequest::keepAlive() const
{
    const std::string c = toLower(header("connection"));
    if (version == "HTTP/1.0")
        return c.find("keep-alive") != std::string::npos;
    return c.find("close") == std::string::npos;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 529:
        return "Site Overloaded";
    default:
        return "Unknown";
    }
}

// Reads more bytes until the buffer holds `wanted`; false on EOF, error, stop or idle timeout.
bool HttpConnection::fill(size_t wanted)
{
    auto idleSince = std::chrono::steady_clock::now();
    char tmp[16384];
    while (m_buf.size() < wanted) {
        if (m_stop.load()) {
            m_failure = ReadStatus::Stopped;
            return false;
        }
        pollfd p{m_fd, POLLIN, 0};
        int pr = ::poll(&p, 1, 250);
        if (pr < 0 && errno != EINTR)
            return false;
        if (pr <= 0) {
            const auto idle = std::chrono::steady_clock::now() - idleSince;
            if (std::chrono::duration_cast<std::chrono::milliseconds>(idle).count() > m_idleTimeoutMs) {
                m_failure = ReadStatus::IdleTimeout;
                return false;
            }
            continue;
        }
        ssize_t n = ::recv(m_fd, tmp, sizeof tmp, 0);
        if (n == 0) {
            m_failure = ReadStatus::Closed;
            return false;
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            m_failure = ReadStatus::Closed;
            return false;
        }
        m_buf.append(tmp, static_cast<size_t>(n));
        idleSince = std::chrono::steady_clock::now();
    }
    return true;
}

bool HttpConnection::readChunkedBody(std::string &body)
{
    for (;;) {
        size_t eol;
        while ((eol = m_buf.find("\r\n")) == std::string::npos)
            if (!fill(m_buf.size() + 1))
                return false;
        const size_t size = std::stoul(m_buf.substr(0, eol), nullptr, 16);
        m_buf.erase(0, eol + 2);
        if (size == 0) {
            // Skip trailers up to the empty line.
            while (m_buf.find("\r\n") != 0) {
                size_t e = m_buf.find("\r\n");
                if (e == std::string::npos) {
                    if (!fill(m_buf.size() + 1))
                        return false;
                    continue;
                }
                m_buf.erase(0, e + 2);
            }
            m_buf.erase(0, 2);
            return true;
        }
        if (body.size() + size > kMaxBody || !fill(size + 2))
            return false;
        body.append(m_buf, 0, size);
        m_buf.erase(0, size + 2);
    }
}

HttpConnection::ReadStatus HttpConnection::read(HttpRequest &out)
{
    out = HttpRequest{};
    size_t headerEnd;
    while ((headerEnd = m_buf.find("\r\n\r\n")) == std::string::npos) {
        if (m_buf.size() > kMaxHeader)
            return ReadStatus::TooLarge;
        if (!fill(m_buf.size() + 1))
            return m_failure;
    }
    const auto lines = splitLines(std::string_view(m_buf).substr(0, headerEnd));
    m_buf.erase(0, headerEnd + 4);
    if (lines.empty())
        return ReadStatus::Malformed;
    const std::string &first = lines.front();
    const size_t s1 = first.find(' '), s2 = first.rfind(' ');
    if (s1 == std::string::npos || s2 == s1)
        return ReadStatus::Malformed;
    out.method = first.substr(0, s1);
    out.target = first.substr(s1 + 1, s2 - s1 - 1);
    out.version = first.substr(s2 + 1);
    out.path = out.target.substr(0, out.target.find('?'));
    for (size_t i = 1; i < lines.size(); ++i) {
        const size_t colon = lines[i].find(':');
        if (colon == std::string::npos)
            continue;
        out.headers.emplace_back(toLower(trim(lines[i].substr(0, colon))), trim(lines[i].substr(colon + 1)));
    }
    if (toLower(out.header("expect")) == "100-continue" && !sendAll("HTTP/1.1 100 Continue\r\n\r\n"))
        return ReadStatus::Closed;
    if (toLower(out.header("transfer-encoding")).find("chunked") != std::string::npos) {
        try {
            if (!readChunkedBody(out.body))
                return m_failure == ReadStatus::Closed ? ReadStatus::Malformed : m_failure;
        } catch (const std::exception &) {
            return ReadStatus::Malformed;
        }
        return ReadStatus::Ok;
    }
    const std::string cl = out.header("content-length");
    if (!cl.empty()) {
        size_t len = 0;
        try {
            len = std::stoul(cl);
        } catch (const std::exception &) {
            return ReadStatus::Malformed;
        }
        if (len > kMaxBody)
            return ReadStatus::TooLarge;
        if (!fill(len))
            return m_failure;
        out.body = m_buf.substr(0, len);
        m_buf.erase(0, len);
    }
    return ReadStatus::Ok;
}

bool HttpConnection::sendAll(std::string_view data)
{
    while (!data.empty()) {
        ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

static std::string head(int status, const std::vector<std::pair<std::string, std::string>> &headers, const std::string &contentType,
                        bool keepAlive)
{
    std::string h = "HTTP/1.1 " + std::to_string(status) + " " + reasonPhrase(status) + "\r\n";
    h += "Content-Type: " + contentType + "\r\n";
    for (const auto &[k, v] : headers)
        h += k + ": " + v + "\r\n";
    h += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    return h;
}

bool HttpConnection::write(const HttpResponse &r, bool keepAlive)
{
    std::string out = head(r.status, r.headers, r.contentType, keepAlive);
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
    out += r.body;
    return sendAll(out);
}

bool HttpConnection::beginChunked(int status, const std::string &contentType,
                                  const std::vector<std::pair<std::string, std::string>> &headers, bool keepAlive)
{
    std::string out = head(status, headers, contentType, keepAlive);
    out += "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";
    return sendAll(out);
}

bool HttpConnection::writeChunk(std::string_view data)
{
    if (data.empty())
        return true;
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    std::string out = size;
    out += data;
    out += "\r\n";
    return sendAll(out);
}

bool HttpConnection::endChunked()
{
    return sendAll("0\r\n\r\n");
}

} // namespace ds::sim
