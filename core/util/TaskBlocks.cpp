#include "util/TaskBlocks.h"

#include <cstdio>
#include <random>

namespace ds::task {

std::string block(std::string_view name, std::string_view nonce, std::string_view content)
{
    std::string out;
    out.reserve(content.size() + 64);
    out += "<<<BEGIN ";
    out += name;
    out += ' ';
    out += nonce;
    out += ">>>\n";
    out += content;
    if (!content.empty() && content.back() != '\n')
        out += '\n';
    out += "<<<END ";
    out += name;
    out += ' ';
    out += nonce;
    out += ">>>\n";
    return out;
}

std::string freshNonce(std::initializer_list<std::string_view> texts, unsigned long long seed)
{
    std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
    for (;;) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rng() & 0xffffffffu));
        bool clash = false;
        for (auto t : texts)
            if (t.find(buf) != std::string_view::npos)
                clash = true;
        if (!clash)
            return buf;
    }
}

std::string taskOf(std::string_view prompt)
{
    auto pos = prompt.find(kTaskPrefix);
    if (pos == std::string_view::npos)
        return {};
    pos += kTaskPrefix.size();
    auto end = prompt.find_first_of("\r\n", pos);
    auto id = prompt.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    while (!id.empty() && id.back() == ' ')
        id.remove_suffix(1);
    return std::string(id);
}

std::optional<std::string> extractBlock(std::string_view prompt, std::string_view name)
{
    std::string open = "<<<BEGIN ";
    open += name;
    open += ' ';
    auto b = prompt.find(open);
    if (b == std::string_view::npos)
        return std::nullopt;
    auto nonceStart = b + open.size();
    auto nonceEnd = prompt.find(">>>", nonceStart);
    if (nonceEnd == std::string_view::npos)
        return std::nullopt;
    std::string nonce(prompt.substr(nonceStart, nonceEnd - nonceStart));
    auto contentStart = nonceEnd + 3;
    if (contentStart < prompt.size() && prompt[contentStart] == '\n')
        ++contentStart;
    std::string close = "<<<END ";
    close += name;
    close += ' ';
    close += nonce;
    close += ">>>";
    auto e = prompt.find(close, contentStart);
    if (e == std::string_view::npos)
        return std::nullopt;
    auto content = prompt.substr(contentStart, e - contentStart);
    if (!content.empty() && content.back() == '\n')
        content.remove_suffix(1);
    return std::string(content);
}

} // namespace ds::task
