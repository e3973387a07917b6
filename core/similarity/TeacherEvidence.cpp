#include "TeacherEvidence.h"

#include "MarkerPhrases.h"
#include "StructureProfile.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ds::similarity {

namespace {

using HabitShares = std::array<double, StructureFeatureCount>;

/// Share of one model's answers that show each layout habit (count > 0).
HabitShares habitShares(const std::vector<std::string> &answers)
{
    HabitShares shares;
    shares.fill(0.0);
    for (const auto &text : answers) {
        const auto counts = structureOf(text);
        for (int k = 0; k < StructureFeatureCount; ++k)
            shares[k] += counts[k] > 0 ? 1.0 : 0.0;
    }
    for (auto &x : shares)
        x /= std::max<double>(1.0, static_cast<double>(answers.size()));
    return shares;
}

} // namespace

std::vector<Evidence> sharedHabits(const Corpus &corpus, std::size_t student, std::size_t candidate,
                                   const std::vector<std::size_t> &reference, std::size_t limit, unsigned threads)
{
    std::vector<Evidence> out;
    MarkerOptions mo;
    mo.threads = threads;
    mo.limit = limit;
    const PhraseCounts counts = PhraseCounts::count(corpus, mo);
    for (const auto &m : sharedMarkers(counts, student, candidate, reference, mo))
        out.push_back({"marker", m.phrase, m.shares[0], m.shares[1], m.poolShare});

    const HabitShares s = habitShares(corpus.texts[student]), c = habitShares(corpus.texts[candidate]);
    HabitShares pool;
    pool.fill(0.0);
    for (std::size_t r : reference) {
        const HabitShares x = habitShares(corpus.texts[r]);
        for (int k = 0; k < StructureFeatureCount; ++k)
            pool[k] += x[k] / static_cast<double>(reference.size());
    }
    const auto &names = structureFeatureNames();
    std::vector<std::pair<double, Evidence>> habits;
    for (int k = 0; k < StructureFeatureCount; ++k) {
        if (k == Words || k == Lines || k == Paragraphs || reference.empty())
            continue; // every answer has them
        const double dS = s[k] - pool[k], dC = c[k] - pool[k];
        if (dS * dC <= 0 || std::abs(dS) < 0.10 || std::abs(dC) < 0.10)
            continue;
        const std::string verb = dS > 0 ? "uses " : "rarely uses ";
        habits.push_back({std::min(std::abs(dS), std::abs(dC)), {"structure", verb + std::string(names[k]), s[k], c[k], pool[k]}});
    }
    std::sort(habits.begin(), habits.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    for (auto &h : habits)
        out.push_back(std::move(h.second));
    return out;
}

} // namespace ds::similarity
