#include "ice/RulePatterns.h"

#include "ice/Resources.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ds::ice {

namespace {

using RX = QRegularExpression;
constexpr auto kCi = RX::CaseInsensitiveOption | RX::UseUnicodePropertiesOption;

// What the judge looks up by name; a file without one of these is incomplete.
const char *const kRequired[] = {
    "claim_words",    "contrast",          "negation",         "denial",        "uncertain",          "pretend",
    "policy_of",      "policy_by",         "speaker_complies", "rules_bind_me", "rules_subject_slot", "rules_act_en",
    "rules_act_zh",   "not_direct_object", "refusal",          "breaks",        "user_breaks",        "maker_slot",
    "makers_unnamed", "including",         "name_list_gap",    "made_by_lead",  "list_heading",       "makers_subject",
    "makers_pronoun", "maker_agent_end",   "agents_belong",    "generic",       "geo_words",          "fictional_maker",
    "maker_noun",     "maker_trigger",     "maker_of_me",      "made_up",       "continuation"};
const char *const kRequiredLists[] = {"common_capitalised", "not_a_name", "generic_labels"};

} // namespace

const RulePatterns &RulePatterns::builtin()
{
    static const RulePatterns set = [] {
        std::string content, error;
        if (!readResource("rule_patterns.json", &content, &error)) {
            RulePatterns empty;
            empty.m_error = error;
            return empty;
        }
        auto parsed = fromJson(content, &error);
        if (!parsed) {
            RulePatterns empty;
            empty.m_error = "resources/ice/rule_patterns.json: " + error;
            return empty;
        }
        if (const std::string m = parsed->missing(); !m.empty())
            parsed->m_error = "resources/ice/rule_patterns.json lacks " + m;
        return *parsed;
    }();
    return set;
}

std::optional<RulePatterns> RulePatterns::fromJson(const std::string &json, std::string *error)
{
    RulePatterns out;
    try {
        const auto j = nlohmann::json::parse(json);
        if (j.value("version", 0) != 1)
            throw std::runtime_error("unsupported version (expected 1)");
        for (const auto &[name, p] : j.at("patterns").items()) {
            Pattern pat;
            for (const auto &piece : p.at("regex"))
                pat.regex += QString::fromStdString(piece.get<std::string>());
            pat.caseSensitive = p.value("case_sensitive", false);
            pat.note = p.value("note", std::string());
            const RX check(pat.regex, pat.caseSensitive ? RX::UseUnicodePropertiesOption : kCi);
            if (!check.isValid())
                throw std::runtime_error("pattern '" + name + "': " + check.errorString().toStdString() + " at offset " +
                                         std::to_string(check.patternErrorOffset()));
            out.m_patterns.emplace(name, pat);
        }
        if (j.contains("words"))
            for (const auto &[name, w] : j.at("words").items()) {
                QStringList list;
                for (const auto &word : w.at("words"))
                    list << QString::fromStdString(word.get<std::string>());
                out.m_words.emplace(name, list);
            }
    } catch (const std::exception &e) {
        if (error)
            *error = e.what();
        return std::nullopt;
    }
    return out;
}

std::string RulePatterns::missing() const
{
    std::string out;
    for (const char *n : kRequired)
        if (!m_patterns.count(n))
            out += (out.empty() ? "pattern " : ", pattern ") + std::string(n);
    for (const char *n : kRequiredLists)
        if (!m_words.count(n))
            out += (out.empty() ? "word list " : ", word list ") + std::string(n);
    return out;
}

namespace rules {

const QRegularExpression &pattern(const char *name)
{
    // One compiled copy per thread and name, found by the name's text (callers may pass temporaries).
    static thread_local std::vector<std::pair<std::string, RX>> cache;
    for (auto &[n, r] : cache)
        if (n == name)
            return r;
    const auto &all = RulePatterns::builtin().patterns();
    const auto it = all.find(name);
    RX compiled = it == all.end() ? RX(QStringLiteral("(?!)"))
                                  : RX(it->second.regex, it->second.caseSensitive ? RX::UseUnicodePropertiesOption : kCi);
    cache.emplace_back(name, compiled);
    return cache.back().second;
}

const QRegularExpression &rx(const char *literal, bool ci)
{
    static thread_local std::vector<std::pair<const char *, RX>> cache;
    for (auto &[p, r] : cache)
        if (p == literal)
            return r;
    cache.emplace_back(literal, RX(QString::fromUtf8(literal), ci ? kCi : RX::UseUnicodePropertiesOption));
    return cache.back().second;
}

bool listed(const char *list, const QString &word)
{
    const auto &all = RulePatterns::builtin().wordLists();
    const auto it = all.find(list);
    return it != all.end() && it->second.contains(word);
}

} // namespace rules
} // namespace ds::ice
