#include "StructureProfile.h"

#include "Parallel.h"

#include <algorithm>
#include <cmath>

namespace ds::similarity {

const std::array<std::string_view, StructureFeatureCount> &structureFeatureNames()
{
    static const std::array<std::string_view, StructureFeatureCount> names = {
        "headings",    "bullet items", "numbered items", "table rows",          "code blocks", "bold spans",
        "inline code", "paragraphs",   "lines",          "lines ending in ':'", "words"};
    return names;
}

namespace {

std::string_view trimLeft(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    return s.substr(i);
}

bool startsNumbered(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    return i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

std::size_t countOf(std::string_view s, std::string_view needle)
{
    std::size_t n = 0;
    for (std::size_t pos = s.find(needle); pos != std::string_view::npos; pos = s.find(needle, pos + needle.size()))
        ++n;
    return n;
}

} // namespace

StructureCounts structureOf(std::string_view text)
{
    StructureCounts c{};
    bool inCode = false;
    bool prevBlank = true;
    std::size_t fences = 0;
    std::size_t words = 0;
    bool inWord = false;
    for (char ch : text) {
        const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const std::string_view t = trimLeft(line);
        if (t.rfind("```", 0) == 0) {
            ++fences;
            inCode = !inCode;
        } else if (!inCode) {
            if (t.empty()) {
                prevBlank = true;
            } else {
                c[Lines] += 1;
                if (prevBlank)
                    c[Paragraphs] += 1;
                prevBlank = false;
                if (t[0] == '#') {
                    std::size_t h = t.find_first_not_of('#');
                    if (h <= 6 && t[h] == ' ') // a line of only '#' gives npos, also > 6
                        c[Headings] += 1;
                }
                if (t.size() > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ')
                    c[Bullets] += 1;
                if (t.rfind("\xE2\x80\xA2", 0) == 0) // U+2022 bullet
                    c[Bullets] += 1;
                if (startsNumbered(t))
                    c[Numbered] += 1;
                if (t[0] == '|')
                    c[TableRows] += 1;
                if (t.back() == ':')
                    c[ColonIntros] += 1;
                // Whole pairs only: an unclosed marker is not a span.
                const std::size_t boldSpans = countOf(t, "**") / 2;
                const std::size_t codeSpans = countOf(t, "`") / 2;
                c[Bold] += static_cast<double>(boldSpans);
                c[InlineCode] += static_cast<double>(codeSpans);
            }
        } else {
            c[Lines] += 1;
        }
        start = end + 1;
    }
    const std::size_t codeBlocks = (fences + 1) / 2; // an unclosed fence still opens a block
    c[CodeBlocks] = static_cast<double>(codeBlocks);
    c[Words] = static_cast<double>(words);
    return c;
}

PairScores structureScores(const Corpus &corpus, const SimilarityOptions &options)
{
    const std::size_t M = corpus.modelCount();
    const std::size_t P = corpus.promptCount();
    const unsigned threads = workerCount(options.threads);
    PairScores out = PairScores::zeros(corpus, options);
    if (M == 0 || P == 0)
        return out;

    std::vector<StructureCounts> feats(M * P); // [m * P + p], log(1 + count)
    parallelFor(M, threads, [&](std::size_t m, unsigned) {
        for (std::size_t p = 0; p < P; ++p) {
            auto c = structureOf(corpus.texts[m][p]);
            for (auto &x : c)
                x = std::log1p(x);
            feats[m * P + p] = c;
        }
    });
    StructureCounts mu{}, sd{};
    for (const auto &f : feats)
        for (int k = 0; k < StructureFeatureCount; ++k)
            mu[k] += f[k];
    for (auto &x : mu)
        x /= static_cast<double>(feats.size());
    for (const auto &f : feats)
        for (int k = 0; k < StructureFeatureCount; ++k)
            sd[k] += (f[k] - mu[k]) * (f[k] - mu[k]);
    for (auto &x : sd)
        x = std::max(std::sqrt(x / static_cast<double>(feats.size())), 1e-9);
    for (auto &f : feats)
        for (int k = 0; k < StructureFeatureCount; ++k)
            f[k] = (f[k] - mu[k]) / sd[k];

    std::vector<std::vector<double>> sums(threads, std::vector<double>(M * M, 0.0));
    parallelFor(P, threads, [&](std::size_t p, unsigned w) {
        for (std::size_t i = 0; i < M; ++i) {
            sums[w][i * M + i] += 1.0;
            for (std::size_t j = i + 1; j < M; ++j) {
                double gap = 0;
                for (int k = 0; k < StructureFeatureCount; ++k)
                    gap += std::min(std::abs(feats[i * P + p][k] - feats[j * P + p][k]), 3.0) / 3.0;
                const double s = 1.0 - gap / static_cast<double>(StructureFeatureCount);
                out.addScore(sums[w], i, j, p, s);
            }
        }
    });
    out.setMeanFromSums(sums);
    return out;
}

} // namespace ds::similarity
