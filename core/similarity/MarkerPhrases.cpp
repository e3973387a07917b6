#include "MarkerPhrases.h"

#include "Parallel.h"
#include "TermTable.h"
#include "Utf8Text.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace ds::similarity {

namespace {

bool isPunct(std::string_view tok)
{
    return tok.size() == 1 && !isWordChar(static_cast<unsigned char>(tok[0]));
}

bool hasLetter(const std::vector<std::string_view> &toks, std::size_t from, int n)
{
    for (int k = 0; k < n; ++k)
        for (char c : toks[from + k])
            if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80)
                return true;
    return false;
}

std::string displayText(const std::vector<std::string_view> &toks, std::size_t from, int n)
{
    std::string s;
    for (int k = 0; k < n; ++k) {
        const auto t = toks[from + k];
        if (k > 0 && !isPunct(t) && toks[from + k - 1] != "'")
            s.push_back(' ');
        s.append(t);
    }
    return s;
}

/// One worker's buffers for reading answers into phrases (reused from answer to answer).
struct PhraseScratch {
    std::string lowered;
    std::vector<std::string_view> toks; ///< the answer's tokens (views into `lowered`)
    std::vector<uint64_t> seen;         ///< its distinct phrase hashes, sorted
};

/// Reads one answer: fills `sc.toks` and `sc.seen` (the distinct phrase hashes, sorted); fn(hash,
/// from, n) is called for every occurrence (a phrase can stand twice in an answer).
template <class Fn> void distinctPhrases(std::string_view text, const MarkerOptions &o, PhraseScratch &sc, Fn fn)
{
    phraseTokens(text, sc.lowered, sc.toks);
    const std::vector<std::string_view> &toks = sc.toks;
    std::vector<uint64_t> &seen = sc.seen;
    seen.clear();
    for (std::size_t i = 0; i < toks.size(); ++i) {
        uint64_t h = 0;
        for (int n = 1; n <= o.maxN && i + n <= toks.size(); ++n) {
            h = (h ^ hashBytes(toks[i + n - 1])) * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(n);
            if (n < o.minN)
                continue;
            if (isPunct(toks[i]) || !hasLetter(toks, i, n)) // starts with a word; "1." is no phrase
                continue;
            seen.push_back(h);
            fn(h, i, n);
            const auto last = toks[i + n - 1];
            if (last == "." || last == "!" || last == "?") // phrases stay inside one sentence
                break;
        }
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
}

} // namespace

uint32_t PhraseCounts::count(uint64_t hash, std::size_t model) const
{
    auto it = m_counts.find(hash);
    return it == m_counts.end() ? 0 : it->second[model];
}

PhraseCounts PhraseCounts::count(const Corpus &corpus, const MarkerOptions &options)
{
    PhraseCounts pc;
    pc.m_models = corpus.modelCount();
    pc.m_answers = corpus.promptCount();
    const auto minDocs = static_cast<uint32_t>(std::max(2.0, std::ceil(options.minShare * pc.m_answers)));
    const unsigned threads = workerCount(options.threads);
    std::mutex lock;
    TermTable candidates(1 << 16); // phrase hash -> 1
    std::vector<uint64_t> candidateList;
    // pass 1: per model, phrases frequent enough to matter
    parallelFor(pc.m_models, threads, [&](std::size_t m, unsigned) {
        TermTable df(1 << 18);
        PhraseScratch sc;
        for (const auto &text : corpus.texts[m]) {
            distinctPhrases(text, options, sc, [](uint64_t, std::size_t, int) {});
            for (uint64_t h : sc.seen)
                df[h] += 1;
        }
        std::lock_guard<std::mutex> g(lock);
        df.forEach([&](uint64_t h, double n) {
            if (n >= minDocs)
                candidateList.push_back(h);
        });
    });
    for (uint64_t h : candidateList) {
        candidates[h] = 1;
        pc.m_counts[h].assign(pc.m_models, 0);
    }
    // pass 2: exact answer counts of the candidates in every model, and their display text
    parallelFor(pc.m_models, threads, [&](std::size_t m, unsigned) {
        std::unordered_map<uint64_t, std::string> texts;
        TermTable df(1 << 14);
        PhraseScratch sc;
        for (const auto &text : corpus.texts[m]) {
            distinctPhrases(text, options, sc, [&](uint64_t h, std::size_t from, int n) {
                if (candidates.get(h) > 0 && !texts.count(h))
                    texts.emplace(h, displayText(sc.toks, from, n));
            });
            for (uint64_t h : sc.seen)
                if (candidates.get(h) > 0)
                    df[h] += 1;
        }
        std::lock_guard<std::mutex> g(lock);
        df.forEach([&](uint64_t h, double n) { pc.m_counts[h][m] = static_cast<uint32_t>(n); });
        for (auto &[h, t] : texts)
            pc.m_text.try_emplace(h, std::move(t));
    });
    return pc;
}

double logOddsZ(double y, double n, double yRef, double nRef, double prior, double priorAnswers)
{
    const double a = std::max(prior * priorAnswers, 1e-3); // alpha_w
    const double a0 = priorAnswers;
    // answers not using the phrase, plus the prior's share of them; floored so that a phrase in
    // every answer (y = n) stays finite
    const double notA = std::max(n - y + a0 - a, 0.5), notRef = std::max(nRef - yRef + a0 - a, 0.5);
    const double delta = std::log((y + a) / notA) - std::log((yRef + a) / notRef);
    return delta / std::sqrt(1.0 / (y + a) + 1.0 / (yRef + a));
}

namespace {

struct Scored {
    uint64_t hash;
    double z;
    std::vector<double> shares;
    double poolShare;
};

std::vector<MarkerPhrase> select(const PhraseCounts &counts, std::vector<Scored> scored, const MarkerOptions &o)
{
    std::sort(scored.begin(), scored.end(), [&](const Scored &x, const Scored &y) {
        if (std::abs(x.z - y.z) > 1e-9)
            return x.z > y.z;
        const auto &tx = counts.phrases().at(x.hash), &ty = counts.phrases().at(y.hash);
        if (tx.size() != ty.size())
            return tx.size() > ty.size(); // equally telling: keep the longer, it contains the others
        return tx < ty;
    });
    std::vector<MarkerPhrase> out;
    for (const auto &s : scored) {
        if (out.size() >= o.limit)
            break;
        const std::string &text = counts.phrases().at(s.hash);
        bool redundant = false;
        for (auto &kept : out)
            if (kept.phrase.find(text) != std::string::npos || text.find(kept.phrase) != std::string::npos) {
                redundant = true;
                break;
            }
        if (!redundant)
            out.push_back({text, s.z, s.shares, s.poolShare});
    }
    return out;
}

} // namespace

std::vector<MarkerPhrase> markerPhrases(const PhraseCounts &counts, std::size_t model, const std::vector<std::size_t> &reference,
                                        const MarkerOptions &o)
{
    return sharedMarkers(counts, model, model, reference, o);
}

std::vector<MarkerPhrase> sharedMarkers(const PhraseCounts &counts, std::size_t a, std::size_t b, const std::vector<std::size_t> &reference,
                                        const MarkerOptions &o)
{
    const double n = static_cast<double>(counts.answers());
    const double nRef = n * static_cast<double>(reference.size());
    const double nAll = nRef + n * (a == b ? 1 : 2);
    std::vector<Scored> scored;
    for (const auto &[h, text] : counts.phrases()) {
        const double ya = counts.count(h, a), yb = counts.count(h, b);
        if (ya < o.minShare * n || yb < o.minShare * n)
            continue;
        double yRef = 0;
        for (std::size_t r : reference)
            yRef += counts.count(h, r);
        const double prior = (yRef + ya + (a == b ? 0 : yb)) / nAll; // pooled share: the background
        const double z = std::min(logOddsZ(ya, n, yRef, nRef, prior, o.priorAnswers), logOddsZ(yb, n, yRef, nRef, prior, o.priorAnswers));
        if (!std::isfinite(z) || z < o.minZ)
            continue;
        std::vector<double> shares{ya / n};
        if (a != b)
            shares.push_back(yb / n);
        scored.push_back({h, z, std::move(shares), nRef > 0 ? yRef / nRef : 0.0});
    }
    return select(counts, std::move(scored), o);
}

} // namespace ds::similarity
