#include "sim/SimProfile.h"

#include "sim/SimRandom.h"
#include "sim/SimText.h"

#include <algorithm>
#include <numeric>

namespace ds::sim {

Style styleFromName(std::string_view style, std::string_view modelName)
{
    const std::string s = toLower(style);
    if (s == "structured" || s == "markdown")
        return Style::Structured;
    if (s == "casual" || s == "chatty")
        return Style::Casual;
    if (s == "terse" || s == "concise")
        return Style::Terse;
    if (s == "academic" || s == "formal")
        return Style::Academic;
    if (s == "verbose")
        return Style::Verbose;
    return static_cast<Style>(hashParts(0, {"style", s, modelName}) % 5);
}

const char *styleName(Style style)
{
    switch (style) {
    case Style::Structured:
        return "structured";
    case Style::Casual:
        return "casual";
    case Style::Terse:
        return "terse";
    case Style::Academic:
        return "academic";
    case Style::Verbose:
        return "verbose";
    }
    return "structured";
}

namespace {

// `count` distinct indices out of [0, n), in a model-specific order.
std::vector<int> pickSome(Rng &rng, size_t n, size_t count)
{
    std::vector<int> all(n);
    std::iota(all.begin(), all.end(), 0);
    rng.shuffle(all);
    if (count < all.size())
        all.resize(count);
    return all;
}

LanguageHabits makeHabits(const Phrasebook &book, Rng rng, const LanguageHabits *teacher, double inherit)
{
    LanguageHabits h;
    for (size_t i = 0; i < book.concepts.size(); ++i) {
        const size_t n = book.concepts[i].variants.size();
        int p = static_cast<int>(rng.below(n));
        int s = static_cast<int>((size_t(p) + 1 + rng.below(n - 1)) % n);
        if (teacher && rng.chance(inherit))
            p = teacher->primary[i];
        h.primary.push_back(p);
        h.secondary.push_back(s);
    }
    // Roughly 40% of the template bank: two unrelated models share few sentences per answer.
    h.points = pickSome(rng, book.points.size(), (book.points.size() * 40 + 99) / 100);
    for (const auto &intros : book.intros)
        h.intros.push_back(pickSome(rng, intros.size(), 2));
    h.closers = pickSome(rng, book.closers.size(), 2);
    if (teacher) {
        // A student also picks up some of its teacher's favourite sentences and openings.
        for (auto &p : h.points)
            if (rng.chance(inherit)) {
                const int t = teacher->points[rng.below(teacher->points.size())];
                if (std::find(h.points.begin(), h.points.end(), t) == h.points.end())
                    p = t;
            }
        for (size_t i = 0; i < h.intros.size(); ++i)
            if (rng.chance(inherit))
                h.intros[i] = teacher->intros[i];
        if (rng.chance(inherit))
            h.closers = teacher->closers;
    }
    h.title = static_cast<int>(rng.below(book.titles.size()));
    h.sectionLabel = static_cast<int>(rng.below(book.sectionLabels.size()));
    h.summaryLabel = static_cast<int>(rng.below(book.summaryLabels.size()));
    h.casualOpeners = pickSome(rng, book.casualOpeners.size(), 2);
    h.casualClosers = pickSome(rng, book.casualClosers.size(), 2);
    h.connectors = pickSome(rng, book.connectors.size(), 3);
    h.citations = pickSome(rng, book.citations.size(), 2);
    h.interjection = static_cast<int>(rng.below(book.interjections.size()));
    h.conclusion = static_cast<int>(rng.below(book.conclusions.size()));
    h.verboseLeadIn = static_cast<int>(rng.below(book.verboseLeadIns.size()));
    h.verboseRestate = static_cast<int>(rng.below(book.verboseRestates.size()));
    h.verboseEnding = static_cast<int>(rng.below(book.verboseEndings.size()));
    h.terseEnding = static_cast<int>(rng.below(book.terseEndings.size()));
    h.fallbackKeywords = pickSome(rng, book.fallbackKeywords.size(), 4);
    h.topicRefs = pickSome(rng, book.topicRefs.size(), 2);
    return h;
}

} // namespace

ModelProfile makeProfile(const SimModelConfig &model, uint64_t seed, const ModelProfile *teacher, double inherit)
{
    ModelProfile p;
    p.name = model.name;
    p.seed = seed;
    p.style = styleFromName(model.style, model.name);
    Rng rng(hashParts(seed, {"profile", model.name}));
    p.en = makeHabits(englishPhrasebook(), rng.fork("en"), teacher ? &teacher->en : nullptr, inherit);
    p.zh = makeHabits(chinesePhrasebook(), rng.fork("zh"), teacher ? &teacher->zh : nullptr, inherit);
    static const char *separators[] = {": ", " - ", " — ", ". "};
    p.labelSeparator = separators[rng.below(4)];
    static const char *bullets[] = {"-", "*", "•"};
    p.bullet = bullets[rng.below(3)];
    p.subBulletRate = rng.chance(0.5) ? 0.3 : 0.0;
    p.exclaimRate = 0.2 + 0.3 * rng.uniform();
    p.topicMentions = rng.range(1, 2);
    return p;
}

} // namespace ds::sim
