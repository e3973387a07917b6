#include "sim/SimText.h"

#include <cctype>
#include <cmath>
#include <unordered_set>

namespace ds::sim {

std::u32string decodeUtf8(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        bool bad = false;
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80)
                bad = true;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (bad) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string encodeUtf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
    return out;
}

bool isCjk(char32_t cp)
{
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

bool hasCjk(std::string_view s)
{
    for (char32_t cp : decodeUtf8(s))
        if (isCjk(cp))
            return true;
    return false;
}

double cjkShare(std::string_view s)
{
    size_t total = 0, cjk = 0;
    for (char32_t cp : decodeUtf8(s)) {
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r')
            continue;
        ++total;
        if (isCjk(cp))
            ++cjk;
    }
    return total ? double(cjk) / double(total) : 0.0;
}

std::string toLower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string capitalizeFirst(std::string s)
{
    for (auto &c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
            break;
        }
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80)
            break;
    }
    return s;
}

std::string trim(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return std::string(s.substr(b, e - b));
}

bool containsNoCase(std::string_view hay, std::string_view needle)
{
    return toLower(hay).find(toLower(needle)) != std::string::npos;
}

static bool isWordByte(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool containsWord(std::string_view hay, std::string_view word)
{
    if (word.empty())
        return false;
    const std::string h = toLower(hay), w = toLower(word);
    for (size_t pos = h.find(w); pos != std::string::npos; pos = h.find(w, pos + 1)) {
        bool leftOk = pos == 0 || !isWordByte(h[pos - 1]) || !isWordByte(w.front());
        size_t end = pos + w.size();
        bool rightOk = end >= h.size() || !isWordByte(h[end]) || !isWordByte(w.back());
        if (leftOk && rightOk)
            return true;
    }
    return false;
}

std::string replaceAll(std::string s, std::string_view from, std::string_view to)
{
    if (from.empty())
        return s;
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

std::vector<WordToken> latinWords(std::string_view s)
{
    std::vector<WordToken> out;
    std::string cur;
    auto flush = [&] {
        while (!cur.empty() && (cur.back() == '\'' || cur.back() == '-'))
            cur.pop_back();
        if (!cur.empty())
            out.push_back({cur, toLower(cur)});
        cur.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        // Apostrophes and hyphens join words only between word bytes ("don't", "state-of-the-art").
        const bool joins = (c == '\'' || c == '-') && !cur.empty() && i + 1 < s.size() && isWordByte(s[i + 1]);
        if (isWordByte(c) || joins)
            cur += c;
        else
            flush();
    }
    flush();
    return out;
}

bool isStopword(std::string_view w)
{
    static const std::unordered_set<std::string_view> stop = {
        "a",        "about",     "above",     "after",   "again",   "all",      "also",       "am",      "an",       "and",       "any",
        "are",      "as",        "at",        "be",      "because", "been",     "before",     "being",   "below",    "between",   "both",
        "but",      "by",        "can",       "could",   "did",     "do",       "does",       "doing",   "down",     "during",    "each",
        "few",      "for",       "from",      "further", "had",     "has",      "have",       "having",  "he",       "her",       "here",
        "hers",     "him",       "his",       "how",     "i",       "if",       "in",         "into",    "is",       "it",        "its",
        "itself",   "just",      "me",        "more",    "most",    "my",       "no",         "nor",     "not",      "now",       "of",
        "off",      "on",        "once",      "only",    "or",      "other",    "our",        "ours",    "out",      "over",      "own",
        "same",     "she",       "should",    "so",      "some",    "such",     "than",       "that",    "the",      "their",     "theirs",
        "them",     "then",      "there",     "these",   "they",    "this",     "those",      "through", "to",       "too",       "under",
        "until",    "up",        "very",      "was",     "we",      "were",     "what",       "when",    "where",    "which",     "while",
        "who",      "whom",      "why",       "will",    "with",    "would",    "you",        "your",    "yours",    "yourself",  "let",
        "lets",     "let's",     "it's",      "i'm",     "don't",   "can't",    "please",     "explain", "write",    "give",      "tell",
        "describe", "summarise", "summarize", "compare", "list",    "show",     "help",       "need",    "want",     "like",      "make",
        "get",      "know",      "thanks",    "thank",   "hi",      "hello",    "short",      "brief",   "three",    "two",       "four",
        "five",     "tips",      "tip",       "guide",   "common",  "mistakes", "approaches", "history", "beginner", "beginners", "case",
        "question", "answer",    "using",     "use",     "one",     "many",     "much",       "way",     "ways",     "something", "things",
        "thing"};
    return stop.count(w) > 0;
}

TermCounts contentTerms(std::string_view s)
{
    TermCounts tc;
    for (const auto &w : latinWords(s))
        if (w.lower.size() > 1 && !isStopword(w.lower))
            tc[w.lower] += 1.0;
    const auto cps = decodeUtf8(s);
    for (size_t i = 0; i + 1 < cps.size(); ++i)
        if (isCjk(cps[i]) && isCjk(cps[i + 1]))
            tc[encodeUtf8(cps[i]) + encodeUtf8(cps[i + 1])] += 1.0;
    return tc;
}

double cosine(const TermCounts &a, const TermCounts &b)
{
    double dot = 0, na = 0, nb = 0;
    for (const auto &[k, v] : a) {
        na += v * v;
        auto it = b.find(k);
        if (it != b.end())
            dot += v * it->second;
    }
    for (const auto &[k, v] : b)
        nb += v * v;
    if (na <= 0 || nb <= 0)
        return 0.0;
    return dot / std::sqrt(na * nb);
}

std::vector<std::string> splitLines(std::string_view s)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n') {
            std::string line(s.substr(start, i - start));
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            out.push_back(std::move(line));
            start = i + 1;
        }
    }
    if (!out.empty() && out.back().empty() && !s.empty() && s.back() == '\n')
        out.pop_back();
    return out;
}

std::vector<std::string> splitSentences(std::string_view s)
{
    std::vector<std::string> out;
    auto push = [&](std::string_view piece) {
        auto t = trim(piece);
        if (!t.empty())
            out.push_back(std::move(t));
    };
    for (const auto &line : splitLines(s)) {
        std::string_view l(line);
        size_t start = 0;
        for (size_t i = 0; i < l.size(); ++i) {
            char c = l[i];
            bool end = false;
            size_t cut = i + 1;
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == l.size() || l[i + 1] == ' '))
                end = true;
            // 。！？ are three bytes in UTF-8: E3 80 82, EF BC 81, EF BC 9F.
            if (i + 3 <= l.size()) {
                std::string_view tri = l.substr(i, 3);
                if (tri == "\xE3\x80\x82" || tri == "\xEF\xBC\x81" || tri == "\xEF\xBC\x9F") {
                    end = true;
                    cut = i + 3;
                }
            }
            if (end) {
                push(l.substr(start, cut - start));
                start = cut;
                i = cut - 1;
            }
        }
        push(l.substr(start));
    }
    return out;
}

int approxTokens(std::string_view s)
{
    double words = static_cast<double>(latinWords(s).size());
    double cjk = 0;
    for (char32_t cp : decodeUtf8(s))
        if (isCjk(cp))
            cjk += 1;
    int t = static_cast<int>(std::lround(words * 1.3 + cjk * 0.75));
    return t < 1 ? 1 : t;
}

} // namespace ds::sim
