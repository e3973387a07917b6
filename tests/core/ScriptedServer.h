#pragma once
// A scripted HTTP/1.1 server on 127.0.0.1 for engine and client tests: each request is answered by
// a function of its index and raw text (keep-alive; "CLOSE" drops the connection).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ds::test {

class ScriptedServer {
public:
    using Script = std::function<std::string(int index, const std::string &request)>;
    explicit ScriptedServer(Script s) : m_script(std::move(s))
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::listen(m_fd, 128);
        socklen_t len = sizeof a;
        getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { acceptLoop(); });
    }
    ~ScriptedServer()
    {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
        for (auto &t : m_conns)
            t.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/v1"; }
    int requests() const { return m_count.load(); }
    int maxConcurrent() const { return m_maxConcurrent.load(); }
    std::string lastRequest()
    {
        std::lock_guard l(m_mutex);
        return m_last;
    }

private:
    void acceptLoop()
    {
        while (!m_stop) {
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            m_conns.emplace_back([this, c] { serve(c); });
        }
    }
    void serve(int c)
    {
        std::string buf;
        char tmp[8192];
        for (;;) {
            size_t headerEnd;
            while ((headerEnd = buf.find("\r\n\r\n")) == std::string::npos) {
                const ssize_t n = ::recv(c, tmp, sizeof tmp, 0);
                if (n <= 0) {
                    ::close(c);
                    return;
                }
                buf.append(tmp, size_t(n));
            }
            size_t length = 0;
            const auto cl = buf.find("Content-Length: ");
            if (cl != std::string::npos && cl < headerEnd)
                length = std::stoul(buf.substr(cl + 16));
            while (buf.size() < headerEnd + 4 + length) {
                const ssize_t n = ::recv(c, tmp, sizeof tmp, 0);
                if (n <= 0) {
                    ::close(c);
                    return;
                }
                buf.append(tmp, size_t(n));
            }
            const std::string request = buf.substr(0, headerEnd + 4 + length);
            buf.erase(0, headerEnd + 4 + length);
            const int index = m_count++;
            const int now = ++m_concurrent;
            int prev = m_maxConcurrent.load();
            while (now > prev && !m_maxConcurrent.compare_exchange_weak(prev, now)) {
            }
            {
                std::lock_guard l(m_mutex);
                m_last = request;
            }
            std::string response = m_script(index, request);
            --m_concurrent;
            if (response == "CLOSE") {
                ::close(c);
                return;
            }
            for (size_t sent = 0; sent < response.size();) { // large bodies may go out in parts
                const ssize_t n = ::send(c, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += size_t(n);
            }
            if (response.find("Connection: close") != std::string::npos) {
                ::close(c);
                return;
            }
        }
    }

    Script m_script;
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_count{0}, m_concurrent{0}, m_maxConcurrent{0};
    std::thread m_thread;
    std::vector<std::thread> m_conns;
    std::mutex m_mutex;
    std::string m_last;
};

inline std::string http(int status, const std::string &body, const std::string &extraHeaders = {})
{
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace ds::test
