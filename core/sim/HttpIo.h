#pragma once
// Minimal blocking HTTP/1.1 over one socket: enough for the simulator (keep-alive, Content-Length
// and chunked request bodies, Expect: 100-continue, chunked responses for SSE). Not a general server.
#include <atomic>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ds::sim {

struct HttpRequest {
    std::string method;                                       ///< "GET", "POST", ...
    std::string target;                                       ///< as sent, e.g. "/v1/models?x=1"
    std::string path;                                         ///< target without the query string
    std::string version;                                      ///< "HTTP/1.1"
    std::vector<std::pair<std::string, std::string>> headers; ///< names lowercased
    std::string body;

    /// Value of header `lowerName` ("" when absent).
    std::string header(std::string_view lowerName) const;
    /// The value of `name` in the query string, as sent ("" when absent).
    std::string queryValue(std::string_view name) const;
    /// HTTP/1.1 without "Connection: close", or HTTP/1.0 with "Connection: keep-alive".
    bool keepAlive() const;
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string contentType = "application/json";
};

/// Standard reason phrase for `status` ("OK", "Too Many Requests", ...).
const char *reasonPhrase(int status);

/// One client connection. Reads requests one after another; writes whole responses or chunks.
/// Blocking; every wait wakes up regularly to honour `stop` and the idle timeout.
class HttpConnection {
public:
    enum class ReadStatus { Ok, Closed, Malformed, TooLarge, Stopped, IdleTimeout };

    HttpConnection(int fd, const std::atomic<bool> &stop, int idleTimeoutMs = 120000)
        : m_fd(fd), m_stop(stop), m_idleTimeoutMs(idleTimeoutMs)
    {
    }

    ReadStatus read(HttpRequest &out);
    /// Writes status line, headers (Content-Length added) and body.
    bool write(const HttpResponse &r, bool keepAlive);
    /// Starts a chunked response (for server-sent events).
    bool beginChunked(int status, const std::string &contentType, const std::vector<std::pair<std::string, std::string>> &headers,
                      bool keepAlive);
    bool writeChunk(std::string_view data);
    bool endChunked();
    /// Sends raw bytes (used for deliberately broken responses).
    bool sendAll(std::string_view data);

private:
    bool fill(size_t wanted);
    bool readChunkedBody(std::string &body);

    int m_fd;
    const std::atomic<bool> &m_stop;
    int m_idleTimeoutMs;
    std::string m_buf;
    ReadStatus m_failure = ReadStatus::Closed;
};

} // namespace ds::sim
