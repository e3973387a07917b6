#pragma once
/// @file IceTypes.h
/// Plain value types of an ICE run as stored (header-only: the store includes it without linking
/// ds_ice). No Qt, no SQL.
#include "util/Types.h" // AnswerStatus

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ds::ice {

/// One template of a run: a seed, a validated mutant, or a replayed (frozen/imported) template.
struct IceTemplateRow {
    int idx = 0; ///< position within the run (stable key)
    std::string text;
    std::string origin;       ///< "seed", "mutant", "frozen", "imported"
    std::string op;           ///< mutation operator ("" for seeds)
    int parentIdx = -1;       ///< seed it was mutated from
    int iteration = -1;       ///< fuzzing iteration that produced it
    bool inFinal = false;     ///< part of the run's final (evaluated) template set
    bool namesVendor = false; ///< the template text names a vendor or model family
    std::string note;         ///< e.g. why a mutant was rejected
};

struct IceQuestionRow {
    int idx = 0;
    std::string qid;
    std::string text;
    std::string language; ///< "en" / "zh"
    std::string aspect;
};

/// One judge's labels for one response. Missing values mean "not judged" (or parse failure).
struct IceLabel {
    std::string judge; ///< "rules", "imported", or a judge model name
    std::optional<bool> loose;
    std::optional<bool> strict;
    std::string vendor;                         ///< claimed vendor key when known
    JudgmentStatus status = JudgmentStatus::Ok; ///< Unreadable / RequestFailed: a verdict is missing
    std::string reason;
    std::string raw;
};

/// One response of the target to one filled template, with the labels of every judge.
struct IceItem {
    int64_t id = 0;
    int templateIdx = 0;
    int questionIdx = 0;
    std::string prompt; ///< the filled template as sent
    std::string response;
    std::string responseKey;                ///< request key in the response cache ("" for imports)
    AnswerStatus status = AnswerStatus::Ok; ///< Error: the request failed; otherwise what came back
    std::string error;
    // Joined on read:
    std::string templateText;
    bool templateNamesVendor = false;
    std::string question, language, aspect;
    std::vector<IceLabel> labels;

    const IceLabel *label(const std::string &judge) const
    {
        for (const auto &l : labels)
            if (l.judge == judge)
                return &l;
        return nullptr;
    }
};

} // namespace ds::ice
