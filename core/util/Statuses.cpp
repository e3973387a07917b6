// The stored names of the status, kind and order enums in util/Types.h: the one place a status becomes text and back.
// Every layer above the store, the reports' JSON and the CLI's output compares the enums.
#include "util/Types.h"

#include <iterator>

namespace ds {

namespace {

template <typename Enum> struct Named {
    Enum value;
    const char *name;
};

constexpr Named<RunStatus> kRunStatusNames[] = {
    {RunStatus::Created, "created"},       {RunStatus::Running, "running"}, {RunStatus::Complete, "complete"},
    {RunStatus::Incomplete, "incomplete"}, {RunStatus::Paused, "paused"},   {RunStatus::Cancelled, "cancelled"},
    {RunStatus::Failed, "failed"},         {RunStatus::Busy, "busy"},
};

constexpr Named<AnswerStatus> kAnswerStatusNames[] = {
    {AnswerStatus::Ok, "ok"},           {AnswerStatus::Error, "error"},       {AnswerStatus::Empty, "empty"},
    {AnswerStatus::Refusal, "refusal"}, {AnswerStatus::Filtered, "filtered"}, {AnswerStatus::Truncated, "truncated"},
    {AnswerStatus::Invalid, "invalid"},
};

constexpr Named<JudgmentStatus> kJudgmentStatusNames[] = {
    {JudgmentStatus::Ok, "ok"},
    {JudgmentStatus::Repaired, "repaired"},
    {JudgmentStatus::Unreadable, "unreadable"},
    {JudgmentStatus::RequestFailed, "request-failed"},
};

constexpr Named<RunKind> kRunKindNames[] = {{RunKind::Rse, "rse"}, {RunKind::Ice, "ice"}, {RunKind::Unknown, "unknown"}};

constexpr Named<JudgeOrder> kJudgeOrderNames[] = {{JudgeOrder::ReferenceFirst, "rt"}, {JudgeOrder::TestFirst, "tr"}};

template <typename Enum, size_t N> const char *nameOf(const Named<Enum> (&table)[N], Enum value)
{
    for (const auto &entry : table)
        if (entry.value == value)
            return entry.name;
    return "?"; // unreachable while every enumerator has a row (tst_store statusNamesRoundTrip)
}

template <typename Enum, size_t N> Enum valueOf(const Named<Enum> (&table)[N], std::string_view name, Enum unknown)
{
    for (const auto &entry : table)
        if (name == entry.name)
            return entry.value;
    return unknown;
}

} // namespace

const char *runStatusName(RunStatus s)
{
    return nameOf(kRunStatusNames, s);
}

RunStatus runStatusFromName(std::string_view name)
{
    return valueOf(kRunStatusNames, name, RunStatus::Failed);
}

const char *answerStatusName(AnswerStatus s)
{
    return nameOf(kAnswerStatusNames, s);
}

AnswerStatus answerStatusFromName(std::string_view name)
{
    return valueOf(kAnswerStatusNames, name, AnswerStatus::Invalid);
}

const char *runKindName(RunKind k)
{
    return nameOf(kRunKindNames, k);
}

RunKind runKindFromName(std::string_view name)
{
    return valueOf(kRunKindNames, name, RunKind::Unknown);
}

const char *judgeOrderName(JudgeOrder o)
{
    return nameOf(kJudgeOrderNames, o);
}

std::optional<JudgeOrder> judgeOrderFromName(std::string_view name)
{
    for (const auto &entry : kJudgeOrderNames)
        if (name == entry.name)
            return entry.value;
    return std::nullopt;
}

const char *judgmentStatusName(JudgmentStatus s)
{
    return nameOf(kJudgmentStatusNames, s);
}

JudgmentStatus judgmentStatusFromName(std::string_view name)
{
    return valueOf(kJudgmentStatusNames, name, JudgmentStatus::Unreadable);
}

} // namespace ds
