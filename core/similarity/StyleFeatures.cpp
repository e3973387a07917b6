#include "StyleFeatures.h"

#include "Utf8Text.h"

#include <string>
#include <unordered_set>

namespace ds::similarity {

const std::vector<std::string_view> &functionWords()
{
    static const std::vector<std::string_view> words = {
        "a",         "an",       "the",      "this",        "that",         "these",     "those",     "i",       "me",
        "my",        "we",       "us",       "our",         "you",          "your",      "he",        "him",     "his",
        "she",       "her",      "it",       "its",         "they",         "them",      "their",     "who",     "whom",
        "which",     "what",     "whose",    "is",          "are",          "was",       "were",      "be",      "been",
        "being",     "am",       "do",       "does",        "did",          "have",      "has",       "had",     "will",
        "would",     "shall",    "should",   "can",         "could",        "may",       "might",     "must",    "of",
        "in",        "on",       "at",       "by",          "for",          "with",      "about",     "against", "between",
        "into",      "through",  "during",   "before",      "after",        "above",     "below",     "to",      "from",
        "up",        "down",     "out",      "off",         "over",         "under",     "and",       "but",     "or",
        "nor",       "so",       "yet",      "if",          "then",         "else",      "because",   "as",      "until",
        "while",     "although", "though",   "whether",     "than",         "not",       "no",        "also",    "however",
        "therefore", "thus",     "moreover", "furthermore", "additionally", "overall",   "here",      "there",   "when",
        "where",     "why",      "how",      "all",         "any",          "both",      "each",      "few",     "more",
        "most",      "other",    "some",     "such",        "only",         "own",       "same",      "very",    "just",
        "too",       "really",   "quite",    "certainly",   "sure",         "generally", "typically", "usually", "often",
        "please",    "let",      "s",        "t",           "ll",           "re",        "ve",        "d",       "m"};
    return words;
}

namespace {

uint64_t tagged(char tag, std::string_view s)
{
    std::string key(1, tag);
    key.push_back(':');
    key.append(s);
    return hashBytes(key);
}

bool isSentenceEnd(std::string_view tok)
{
    return tok == "." || tok == "!" || tok == "?" || tok == ":";
}

} // namespace

void styleFeatures(std::string_view text, std::vector<uint64_t> &out)
{
    static const std::unordered_set<std::string_view> fw(functionWords().begin(), functionWords().end());
    thread_local std::string buf;
    thread_local std::vector<std::string_view> toks;
    phraseTokens(text, buf, toks);
    bool atStart = true;
    for (const auto tok : toks) {
        const bool punct = tok.size() == 1 && !isWordChar(static_cast<unsigned char>(tok[0]));
        if (punct) {
            out.push_back(tagged('p', tok));
            if (isSentenceEnd(tok))
                atStart = true;
            continue;
        }
        if (atStart)
            out.push_back(tagged('o', tok));
        atStart = false;
        if (fw.count(tok))
            out.push_back(tagged('f', tok));
    }
    // Typographic marks distinguish models strongly (curly quotes, em dashes) and are not ASCII.
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = decodeUtf8(text, pos);
        switch (cp) {
        case 0x2014:
        case 0x2013:
        case 0x2018:
        case 0x2019:
        case 0x201C:
        case 0x201D:
        case 0x2026:
        case 0x2022: {
            std::string mark;
            appendUtf8(mark, cp);
            out.push_back(tagged('p', mark));
            break;
        }
        default:
            break;
        }
    }
}

} // namespace ds::similarity
