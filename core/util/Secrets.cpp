#include "util/Secrets.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <set>

namespace ds {

namespace {

constexpr std::string_view kRedacted = "[redacted]";

std::mutex &secretsMutex()
{
    static std::mutex m;
    return m;
}

std::set<std::string, std::less<>> &secrets()
{
    static std::set<std::string, std::less<>> s;
    return s;
}

bool isKeyByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isWordByte(unsigned char c)
{
    return isKeyByte(c) && c != '-';
}

bool isSpaceByte(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool startsWithNoCase(std::string_view s, size_t pos, std::string_view prefix)
{
    if (pos + prefix.size() > s.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[pos + i]);
        if (c >= 'A' && c <= 'Z')
            c = static_cast<unsigned char>(c + ('a' - 'A'));
        if (c != static_cast<unsigned char>(prefix[i]))
            return false;
    }
    return true;
}

// Names whose value is a credential. `assignOnly` names ("key", "token") count only as `name=`,
// the query-string form, so prose such as "primary key: id" is left alone.
struct CredentialName {
    std::string_view name;
    bool assignOnly;
};
constexpr std::array<CredentialName, 12> kCredentialNames = {{{"proxy-authorization", false},
                                                              {"authorization", false},
                                                              {"x-goog-api-key", false},
                                                              {"x-api-key", false},
                                                              {"api-key", false},
                                                              {"api_key", false},
                                                              {"apikey", false},
                                                              {"access_token", false},
                                                              {"client_secret", false},
                                                              {"password", false},
                                                              {"token", true},
                                                              {"key", true}}};

/// Length of the credential value after a name at `pos` ("" when `pos` holds no such name):
/// `name: value`, `name=value`, `"name": "value"`, with an optional "Bearer " in front.
/// Returns {start of value, end of value}, or {npos, npos}.
std::pair<size_t, size_t> credentialValueAt(std::string_view s, size_t pos)
{
    constexpr auto none = std::pair<size_t, size_t>{std::string_view::npos, std::string_view::npos};
    for (const auto &cn : kCredentialNames) {
        if (!startsWithNoCase(s, pos, cn.name))
            continue;
        size_t i = pos + cn.name.size();
        if (i < s.size() && isWordByte(static_cast<unsigned char>(s[i])))
            continue; // "keyboard", "tokens"
        if (i < s.size() && (s[i] == '"' || s[i] == '\''))
            ++i;
        const size_t beforeSpace = i;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        if (i >= s.size() || (s[i] != ':' && s[i] != '='))
            return none;
        if (cn.assignOnly && (s[i] != '=' || i != beforeSpace))
            return none;
        ++i;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        if (i < s.size() && (s[i] == '"' || s[i] == '\''))
            ++i;
        if (startsWithNoCase(s, i, "bearer ") || startsWithNoCase(s, i, "basic "))
            for (i += 6; i < s.size() && s[i] == ' ';)
                ++i;
        size_t end = i;
        while (end < s.size() && !isSpaceByte(static_cast<unsigned char>(s[end])) && s[end] != '"' && s[end] != '\'' && s[end] != ',' &&
               s[end] != '&' && s[end] != ';')
            ++end;
        return end > i ? std::pair{i, end} : none;
    }
    return none;
}

} // namespace

void registerSecret(std::string_view secret)
{
    if (secret.size() < 6)
        return;
    std::lock_guard lock(secretsMutex());
    secrets().emplace(secret);
}

std::string redactKnownSecrets(std::string text)
{
    std::lock_guard lock(secretsMutex());
    for (const auto &secret : secrets()) {
        size_t at = text.find(secret);
        if (at == std::string::npos)
            continue;
        // Rebuilt in one pass: replacing in place would be quadratic in the number of occurrences.
        std::string out;
        out.reserve(text.size());
        size_t from = 0;
        for (; at != std::string::npos; at = text.find(secret, from)) {
            out.append(text, from, at - from).append(kRedacted);
            from = at + secret.size();
        }
        out.append(text, from, std::string::npos);
        text = std::move(out);
    }
    return text;
}

std::string redactSecrets(std::string_view line)
{
    const std::string known = redactKnownSecrets(std::string(line));
    const std::string_view s = known;
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool boundary = i == 0 || !isKeyByte(static_cast<unsigned char>(s[i - 1]));
        if (boundary && isKeyByte(c)) {
            if (const auto [from, to] = credentialValueAt(s, i); from != std::string_view::npos) {
                out.append(s.substr(i, from - i)).append(kRedacted);
                i = to;
                continue;
            }
            size_t end = i;
            while (end < s.size() && isKeyByte(static_cast<unsigned char>(s[end])))
                ++end;
            const size_t length = end - i;
            const bool skPrefixed = startsWithNoCase(s, i, "sk-") && length >= 11;
            if (skPrefixed || length >= 40)
                out.append(kRedacted);
            else
                out.append(s.substr(i, length));
            i = end;
            continue;
        }
        if (c == ':' && s.substr(i, 3) == "://") {
            // scheme://user:password@host: the lookahead stops at the first '/', so it never rescans.
            size_t j = i + 3;
            while (j < s.size() && s[j] != '/' && s[j] != '@' && !isSpaceByte(static_cast<unsigned char>(s[j])))
                ++j;
            if (j < s.size() && s[j] == '@' && j > i + 3) {
                out.append("://").append(kRedacted).append("@");
                i = j + 1;
                continue;
            }
        }
        out += char(c);
        ++i;
    }
    return out;
}

std::string urlCredentialProblem(std::string_view url)
{
    const std::string_view pointer = " Keep keys out of URLs: name the environment variable that holds the key with "
                                     "--api-key-env VAR, or store it in the system keychain from the GUI.";
    const size_t scheme = url.find("://");
    const size_t hostStart = scheme == std::string_view::npos ? 0 : scheme + 3;
    const size_t hostEnd = std::min(url.find_first_of("/?#", hostStart), url.size());
    if (url.substr(hostStart, hostEnd - hostStart).find('@') != std::string_view::npos)
        return "the base URL contains a user name or password (user:password@host)." + std::string(pointer);
    const size_t query = url.find('?');
    if (query != std::string_view::npos) {
        const std::string_view q = url.substr(query + 1);
        for (size_t at = 0; at < q.size();) {
            const size_t amp = std::min(q.find('&', at), q.size());
            const std::string_view param = q.substr(at, amp - at);
            const std::string_view name = param.substr(0, param.find('='));
            for (const auto &cn : kCredentialNames)
                if (name.size() == cn.name.size() && startsWithNoCase(name, 0, cn.name))
                    return "the base URL carries a credential in its query (" + std::string(name) + "=...)." + std::string(pointer);
            at = amp + 1;
        }
    }
    return {};
}

} // namespace ds
