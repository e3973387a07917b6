#pragma once
/// @file RulePatterns.h
/// The rule judge's vocabulary as data: named regular expressions and word lists loaded from
/// resources/ice/rule_patterns.json (each with a note saying what it states about English or Chinese).
/// Loaded once and immutable; the compiled expressions are per thread, so every function here is
/// thread-safe.
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>

namespace ds::ice {

class RulePatterns {
public:
    struct Pattern {
        QString regex;
        bool caseSensitive = false;
        std::string note;
    };
    /// The bundled file, loaded on first use. When it cannot be read or parsed, the set is empty and
    /// error() says why (judges built on it then refuse to run: see RuleJudge::error()).
    static const RulePatterns &builtin();
    /// Parses a patterns document; nullopt + *error naming the pattern or list at fault (an invalid
    /// regular expression included).
    static std::optional<RulePatterns> fromJson(const std::string &json, std::string *error);

    const std::map<std::string, Pattern> &patterns() const { return m_patterns; }
    const std::map<std::string, QStringList> &wordLists() const { return m_words; }
    const std::string &error() const { return m_error; }
    /// Names the judge needs that are missing here ("" when complete).
    std::string missing() const;

private:
    std::map<std::string, Pattern> m_patterns;
    std::map<std::string, QStringList> m_words;
    std::string m_error;
};

namespace rules {

/// The named pattern of the builtin set, compiled once per thread (never matches when missing).
const QRegularExpression &pattern(const char *name);
/// A literal expression of the code itself, compiled once per thread (case-insensitive unless `ci` is false).
const QRegularExpression &rx(const char *literal, bool ci = true);
/// True when `word` is in the builtin word list `list` (exact, case-sensitive).
bool listed(const char *list, const QString &word);

} // namespace rules
} // namespace ds::ice
