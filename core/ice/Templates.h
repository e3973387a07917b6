#pragma once
/// @file Templates.h
/// Jailbreak-style templates with a `{query}` slot: built-in seeds, GPTFuzzer-format import, filling,
/// and validation of helper-model mutants.
#include <string>
#include <vector>

namespace ds::ice {

inline constexpr const char *kQuerySlot = "{query}";

struct IceTemplate {
    std::string id;   ///< seed id, or "t<n>" for imports/mutants
    std::string text; ///< contains {query}
};

/// The built-in seed templates (resources/ice/templates.json). Empty + *error if unreadable.
std::vector<IceTemplate> builtinTemplates(std::string *error);

/// Imports GPTFuzzer-format templates: a JSON list of strings (or of objects with text/template),
/// an object with a "templates" list, or a CSV with a text/template column. Templates without
/// {query} get it appended on a new line (as GPTFuzzer does). False + *error (file:line) on
/// malformed input.
bool importTemplates(const std::string &path, std::vector<IceTemplate> *out, std::string *error);

/// Puts `query` into every {query} slot (appends it on a new line when there is none).
std::string fillTemplate(const std::string &tpl, const std::string &query);

/// The result of validating one mutant.
struct MutantCheck {
    bool ok = false;
    std::string text;    ///< cleaned template (chatter, fences and surrounding quotes removed)
    std::string problem; ///< "no-slot", "empty", "" when ok
};

/// Cleans a helper reply: strips lead-in chatter ("Here is the rephrased template:"), code fences,
/// surrounding quotes and trailing sign-offs, normalises slot spellings ({QUERY}, { query }, [INSERT
/// PROMPT HERE]), then requires a {query} slot. Pure function.
MutantCheck cleanMutant(const std::string &reply);

/// Normalised form used to drop duplicate templates (whitespace collapsed, case folded).
std::string templateFingerprint(const std::string &text);

} // namespace ds::ice
