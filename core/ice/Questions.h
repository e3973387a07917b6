#pragma once
/// @file Questions.h
/// Identity questions: the built-in bilingual bank (resources/ice/questions.json) and importers for
/// the paper's CSV (a `query` column) and plain JSONL / CSV / text lists.
#include <string>
#include <vector>

namespace ds::ice {

/// The five aspects the paper groups identity questions into.
inline const std::vector<std::string> kAspects = {"team", "cooperation", "industry", "technology", "geography"};

struct IceQuestion {
    std::string id; ///< stable id ("team-01/en"); for imports "q<line>"
    std::string text;
    std::string language; ///< "en" or "zh"
    std::string aspect;   ///< one of kAspects
};

/// The built-in bank in the given languages (default both), English and Chinese in parallel.
/// Empty + *error when the resource cannot be read.
std::vector<IceQuestion> builtinQuestions(const std::vector<std::string> &languages, std::string *error);

/// Imports a question list: CSV with a `query` (or `question`/`text`) column, JSONL with one of those
/// keys per line (or a bare JSON string), a JSON list, or plain text (one question per line). Language
/// and aspect are recognised from the text. False + *error naming file and line on malformed input.
bool importQuestions(const std::string &path, std::vector<IceQuestion> *out, std::string *error);

/// "zh" when the text is mostly CJK, else "en".
std::string detectLanguage(const std::string &text);
/// The aspect an identity question asks about, recognised from keywords (English and Chinese).
std::string detectAspect(const std::string &text);

/// Keeps the questions whose language is in `languages` (empty = all).
std::vector<IceQuestion> filterLanguages(std::vector<IceQuestion> qs, const std::vector<std::string> &languages);

} // namespace ds::ice
