#pragma once
/// @file RuleText.h
/// How the rule judge cuts a response into the pieces it reads: quoted and bracketed speech and persona
/// labels set aside, sentences, and clauses marked when they speak in the first person. Internal to the
/// rule judge; pure functions, thread-safe.
#include "ice/Vendors.h"

#include <QString>

#include <vector>

namespace ds::ice::rules {

struct Clause {
    QString text;
    bool firstPerson = false;
};

/// First person: "I" (case-sensitive), me/my/we/our, lower-case "us", 我, and phrases that address the
/// model in the second person about its own making ("your developers", "你的开发团队").
bool hasFirstPerson(const QString &s);
/// Capitalised words that are not maker names (word list common_capitalised).
bool isCommonCapitalised(const QString &w);
/// Markup removed; quoted first-person speech of someone else dropped; a quote that opens its line
/// (after at most a speaker label) kept as the speaker's own voice.
QString preprocess(QString t);
/// Persona labels at line starts and first-person bracketed asides removed; names in brackets kept.
QString stripBracketedRolePlay(const QString &in, const VendorRegistry &reg);
std::vector<QString> sentences(const QString &t);
std::vector<Clause> clauses(const QString &sentence);

} // namespace ds::ice::rules
