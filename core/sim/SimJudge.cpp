#include "sim/SimJudge.h"

#include "sim/SimRandom.h"
#include "sim/SimText.h"
#include "util/TaskBlocks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace ds::sim {

namespace {

enum class LineKind : char { Heading = 'H', Numbered = 'N', Bullet = 'B', Prose = 'P', Code = 'C' };

std::vector<LineKind> lineKinds(std::string_view text)
{
    std::vector<LineKind> kinds;
    bool fence = false;
    for (const auto &raw : splitLines(text)) {
        const std::string t = trim(raw);
        if (t.rfind("```", 0) == 0) {
            if (!fence)
                kinds.push_back(LineKind::Code);
            fence = !fence;
            continue;
        }
        if (fence || t.empty())
            continue;
        if (t[0] == '#')
            kinds.push_back(LineKind::Heading);
        else if (t[0] == '-' || t[0] == '*' || t.rfind("•", 0) == 0)
            kinds.push_back(LineKind::Bullet);
        else if (std::isdigit(static_cast<unsigned char>(t[0])) && t.find('.') != std::string::npos && t.find('.') < 4)
            kinds.push_back(LineKind::Numbered);
        else
            kinds.push_back(LineKind::Prose);
    }
    return kinds;
}

struct StyleProfile {
    double heading = 0, numbered = 0, bullet = 0, code = 0; // shares of lines
    double bold = 0;                                        // per 100 words
    double exclaim = 0;                                     // share of sentences ending in '!'
    double sentenceLen = 0;                                 // words (or CJK chars / 2) per sentence
    double paragraphs = 0;                                  // blank-line separated blocks
    double length = 0;                                      // words + CJK characters
    double cjk = 0;
};

StyleProfile styleProfile(std::string_view text)
{
    StyleProfile p;
    const auto kinds = lineKinds(text);
    const double n = std::max<double>(1.0, double(kinds.size()));
    for (auto k : kinds) {
        if (k == LineKind::Heading)
            p.heading += 1 / n;
        if (k == LineKind::Numbered)
            p.numbered += 1 / n;
        if (k == LineKind::Bullet)
            p.bullet += 1 / n;
        if (k == LineKind::Code)
            p.code += 1 / n;
    }
    const double words = double(latinWords(text).size());
    double cjkChars = 0;
    for (char32_t cp : decodeUtf8(text))
        if (isCjk(cp))
            cjkChars += 1;
    p.length = words + cjkChars;
    size_t bold = 0;
    for (size_t pos = text.find("**"); pos != std::string_view::npos; pos = text.find("**", pos + 2))
        ++bold;
    const size_t boldSpans = bold / 2; // whole pairs of markers
    p.bold = 100.0 * double(boldSpans) / std::max(1.0, p.length);
    const auto sentences = splitSentences(text);
    double ex = 0;
    for (const auto &s : sentences)
        if (!s.empty() && (s.back() == '!' || s.find("！") != std::string::npos))
            ex += 1;
    p.exclaim = sentences.empty() ? 0 : ex / double(sentences.size());
    p.sentenceLen = sentences.empty() ? 0 : (words + cjkChars / 2) / double(sentences.size());
    size_t blocks = 0;
    bool inBlock = false;
    for (const auto &l : splitLines(text)) {
        const bool blank = trim(l).empty();
        if (!blank && !inBlock)
            ++blocks;
        inBlock = !blank;
    }
    p.paragraphs = double(blocks);
    p.cjk = p.length > 0 ? cjkChars / p.length : 0;
    return p;
}

// 1 when equal, towards 0 as they diverge; two zeros are equal.
double closeness(double a, double b)
{
    const double m = std::max(std::fabs(a), std::fabs(b));
    return m < 1e-9 ? 1.0 : 1.0 - std::fabs(a - b) / m;
}

template <class T, class Eq> size_t lcs(const std::vector<T> &a, const std::vector<T> &b, Eq eq)
{
    std::vector<size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = eq(a[i - 1], b[j - 1]) ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// A sentence's content words as sorted, unique hashes: the LCS below compares every pair of
// sentences, so the comparison must be a cheap merge rather than map lookups.
std::vector<uint64_t> termSet(std::string_view sentence)
{
    std::vector<uint64_t> v;
    for (const auto &entry : contentTerms(sentence))
        v.push_back(hashText(entry.first));
    std::sort(v.begin(), v.end());
    return v;
}

double jaccard(const std::vector<uint64_t> &a, const std::vector<uint64_t> &b)
{
    if (a.empty() && b.empty())
        return 1.0;
    size_t inter = 0;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] == b[j]) {
            ++inter;
            ++i;
            ++j;
        } else if (a[i] < b[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    const size_t uni = a.size() + b.size() - inter;
    return uni ? double(inter) / double(uni) : 0.0;
}

// Sublinear term frequency, as careful readers weigh words: repeating the topic ten times is not
// ten times the shared content.
TermCounts damped(TermCounts tc)
{
    for (auto &[k, v] : tc)
        v = 1.0 + std::log(v);
    return tc;
}

int toScale(double sim, double lo, double hi)
{
    const double x = std::clamp((sim - lo) / (hi - lo), 0.0, 1.0);
    return static_cast<int>(std::lround(1.0 + 4.0 * x));
}

std::string fmt(double v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

// Occasionally a judge wraps its JSON, the way chat models do, to exercise lenient parsing.
std::string present(const nlohmann::ordered_json &j, const JudgeStyle &style, uint64_t seed)
{
    std::string body = j.dump(); // not const: the plain return moves it
    Rng rng(seed);
    if (!rng.chance(style.sloppyRate))
        return body;
    switch (rng.below(3)) {
    case 0:
        return "```json\n" + j.dump(2) + "\n```";
    case 1:
        return "Here is my evaluation:\n\n" + body + "\n\nLet me know if you need more detail.";
    default:
        return body + "\n\nThe scores above reflect the comparison of the two responses.";
    }
}

std::string missingBlock(const char *name)
{
    nlohmann::ordered_json j;
    j["error"] = std::string("the prompt has no ") + name + " block";
    return j.dump();
}

} // namespace

SimilarityAspects compareResponses(std::string_view a, std::string_view b)
{
    SimilarityAspects s;
    const auto pa = styleProfile(a), pb = styleProfile(b);
    const double parts[] = {closeness(pa.heading, pb.heading),
                            closeness(pa.numbered, pb.numbered),
                            closeness(pa.bullet, pb.bullet),
                            closeness(pa.code, pb.code),
                            closeness(pa.bold, pb.bold),
                            closeness(pa.exclaim, pb.exclaim),
                            closeness(pa.sentenceLen, pb.sentenceLen),
                            closeness(pa.paragraphs, pb.paragraphs),
                            closeness(pa.length, pb.length),
                            closeness(pa.cjk, pb.cjk)};
    double sum = 0;
    for (double p : parts)
        sum += p;
    s.style = sum / double(std::size(parts));

    const auto ka = lineKinds(a), kb = lineKinds(b);
    const double kindSim = (ka.empty() && kb.empty())
                               ? 1.0
                               : 2.0 * double(lcs(ka, kb, [](LineKind x, LineKind y) { return x == y; })) / double(ka.size() + kb.size());
    using Terms = std::vector<uint64_t>;
    std::vector<Terms> sa, sb;
    for (const auto &x : splitSentences(a))
        sa.push_back(termSet(x));
    for (const auto &x : splitSentences(b))
        sb.push_back(termSet(x));
    const auto same = [](const Terms &x, const Terms &y) { return jaccard(x, y) >= 0.6; };
    const double sentSim = (sa.empty() && sb.empty()) ? 1.0 : 2.0 * double(lcs(sa, sb, same)) / double(sa.size() + sb.size());
    s.logic = 0.3 * kindSim + 0.7 * sentSim;
    s.content = cosine(damped(contentTerms(a)), damped(contentTerms(b)));
    return s;
}

RseScores scoreResponses(std::string_view a, std::string_view b)
{
    const auto sim = compareResponses(a, b);
    RseScores r;
    r.style = toScale(sim.style, 0.35, 0.92);
    r.logic = toScale(sim.logic, 0.12, 0.85);
    r.content = toScale(sim.content, 0.2, 0.9);
    r.overall = static_cast<int>(std::lround(0.2 * r.style + 0.35 * r.logic + 0.45 * r.content));
    r.overall = std::clamp(r.overall, 1, 5);
    r.rationale = "Style similarity " + fmt(sim.style) + " (formatting, sentence length, tone); logical structure " + fmt(sim.logic) +
                  " (order of sections and sentences); content overlap " + fmt(sim.content) + " (shared vocabulary).";
    return r;
}

std::string judgeRse(std::string_view prompt, const JudgeStyle &style, uint64_t seed)
{
    auto r1 = ds::task::extractBlock(prompt, "RESPONSE_1");
    auto r2 = ds::task::extractBlock(prompt, "RESPONSE_2");
    if (!r1)
        return missingBlock("RESPONSE_1");
    if (!r2)
        return missingBlock("RESPONSE_2");
    const auto s = scoreResponses(*r1, *r2);
    nlohmann::ordered_json j;
    j["style"] = s.style;
    j["logic"] = s.logic;
    j["content"] = s.content;
    j["overall"] = s.overall;
    j["rationale"] = s.rationale;
    return present(j, style, seed);
}

std::string judgeIceLoose(std::string_view prompt, const std::vector<VendorInfo> &vendors, const JudgeStyle &style, uint64_t seed)
{
    auto fact = ds::task::extractBlock(prompt, "FACT");
    auto response = ds::task::extractBlock(prompt, "RESPONSE");
    if (!fact)
        return missingBlock("FACT");
    if (!response)
        return missingBlock("RESPONSE");
    const auto truth = mentionedVendors(*fact, vendors);
    const auto claims = firstPersonClaims(*response, vendors);
    std::string conflictKey;
    for (const auto &c : claims)
        if (!truth.count(c)) {
            conflictKey = c;
            break;
        }
    nlohmann::ordered_json j;
    j["conflict"] = !conflictKey.empty();
    if (!conflictKey.empty())
        j["reason"] = "The response presents itself as " + aliasFound(*response, vendors, conflictKey) +
                      ", which contradicts the fact: " + trim(*fact);
    else if (claims.empty())
        j["reason"] = "The response makes no first-person claim about who built it.";
    else
        j["reason"] = "The response's first-person identity is consistent with the fact.";
    return present(j, style, seed);
}

std::string judgeIceStrict(std::string_view prompt, const std::vector<VendorInfo> &vendors, const JudgeStyle &style, uint64_t seed)
{
    auto vendorText = ds::task::extractBlock(prompt, "VENDORS");
    auto response = ds::task::extractBlock(prompt, "RESPONSE");
    if (!vendorText)
        return missingBlock("VENDORS");
    if (!response)
        return missingBlock("RESPONSE");
    // Each line (or comma-separated item) names a vendor, optionally "key: alias, alias".
    std::vector<VendorInfo> listed;
    for (const auto &line : splitLines(*vendorText)) {
        std::string l = trim(line);
        while (!l.empty() && (l[0] == '-' || l[0] == '*'))
            l = trim(l.substr(1));
        if (l.empty())
            continue;
        std::vector<std::string> items;
        const auto colon = l.find(':');
        if (colon != std::string::npos) {
            VendorInfo v{toLower(trim(l.substr(0, colon))), {trim(l.substr(0, colon))}};
            std::string rest = l.substr(colon + 1) + ",";
            for (size_t p = 0, q; (q = rest.find(',', p)) != std::string::npos; p = q + 1)
                if (auto a = trim(rest.substr(p, q - p)); !a.empty())
                    v.aliases.push_back(a);
            listed.push_back(v);
            continue;
        }
        std::string rest = l + ",";
        for (size_t p = 0, q; (q = rest.find(',', p)) != std::string::npos; p = q + 1) {
            std::string item = trim(rest.substr(p, q - p));
            if (auto paren = item.find('('); paren != std::string::npos)
                item = trim(item.substr(0, paren));
            if (!item.empty())
                listed.push_back({toLower(item), {item}});
        }
    }
    // Known vendors bring their model families along ("openai" also means ChatGPT, GPT-4).
    for (auto &v : listed)
        for (const auto &known : vendors) {
            bool same = known.key == v.key;
            for (const auto &a : known.aliases)
                same = same || toLower(a) == v.key;
            if (same)
                v.aliases.insert(v.aliases.end(), known.aliases.begin(), known.aliases.end());
        }
    const auto claims = firstPersonClaims(*response, listed);
    nlohmann::ordered_json j;
    j["claims_other_vendor"] = !claims.empty();
    j["vendor"] = claims.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(*claims.begin());
    return present(j, style, seed);
}

} // namespace ds::sim
