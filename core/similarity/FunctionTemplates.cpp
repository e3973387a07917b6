#include "FunctionTemplates.h"

#include "StyleFeatures.h"
#include "Utf8Text.h"

#include <unordered_set>

namespace ds::similarity {

namespace {

constexpr int kMaxN = 4;

std::string classOf(std::string_view token)
{
    static const std::unordered_set<std::string_view> words(functionWords().begin(), functionWords().end());
    if (words.count(token) || (token.size() == 1 && !isWordChar(static_cast<unsigned char>(token[0]))))
        return std::string(token);
    bool digits = !token.empty();
    for (char c : token)
        digits = digits && c >= '0' && c <= '9';
    return digits ? "#" : "w";
}

} // namespace

std::vector<std::string> functionTemplate(std::string_view text)
{
    std::vector<std::string> out;
    std::string buffer;
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        phraseTokens(text.substr(start, end - start), buffer, tokens);
        if (!tokens.empty())
            out.emplace_back("^");
        for (auto t : tokens)
            out.push_back(classOf(t));
        start = end + 1;
    }
    return out;
}

void functionTemplateFeatures(std::string_view text, std::vector<uint64_t> &out)
{
    const auto seq = functionTemplate(text);
    std::string key;
    for (std::size_t i = 0; i < seq.size(); ++i) {
        key.clear();
        for (int n = 1; n <= kMaxN && i + n <= seq.size(); ++n) {
            key += seq[i + n - 1];
            key.push_back('\x1f'); // unit separator: "a b" + "c" never equals "a" + "b c"
            out.push_back(hashBytes(key));
        }
    }
}

} // namespace ds::similarity
