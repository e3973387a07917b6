// Store's response queries (table `responses`): recording answers, and choosing the answer of a model to a
// prompt (an import wins, otherwise the newest API answer).
#include "store/Store.h"

#include "store/Placeholders.h"
#include "store/RowReader.h"
#include "util/Secrets.h"

#include <algorithm>
#include <span>
#include <tuple>

namespace ds {

namespace {

using sql::member;

const sql::RowReader<ResponseRecord> kResponseRow{
    {"id", member<&ResponseRecord::id>},
    {"request_key", member<&ResponseRecord::requestKey>},
    {"model", member<&ResponseRecord::model>},
    {"prompt_id", member<&ResponseRecord::promptId>}, // NULL: not tied to a prompt (0)
    {"kind", member<&ResponseRecord::kind>},
    {"status", [](ResponseRecord &r, const sql::Stmt &s, int col) { r.status = answerStatusFromName(s.text(col)); }},
    {"text", member<&ResponseRecord::text>},
    {"reasoning", member<&ResponseRecord::reasoning>},
    {"tokens_in", member<&ResponseRecord::tokensIn>},
    {"tokens_out", member<&ResponseRecord::tokensOut>},
    {"latency_ms", member<&ResponseRecord::latencyMs>},
    {"cost", member<&ResponseRecord::cost>},
    {"http_status", member<&ResponseRecord::httpStatus>},
    {"attempts", member<&ResponseRecord::attempts>},
    {"error", member<&ResponseRecord::error>},
    {"raw", member<&ResponseRecord::rawJson>},
    {"request", member<&ResponseRecord::requestJson>},
    {"source", member<&ResponseRecord::source>},
    {"run_id", member<&ResponseRecord::runId>},
    {"finish_reason", member<&ResponseRecord::finishReason>},
    {"tokens_reasoning", member<&ResponseRecord::tokensReasoning>},
    {"refusal", member<&ResponseRecord::refusal>},
};

void bindResponse(sql::Stmt &s, const ResponseRecord &r)
{
    s.bind(1, r.requestKey).bind(2, r.model);
    if (r.promptId)
        s.bind(3, r.promptId);
    else
        s.bind(3, nullptr);
    // The store boundary for secrets: keys in use are scrubbed from everything; error texts and the
    // raw bodies of failed requests (where servers echo keys) are scrubbed of key-shaped strings too.
    // Answers only lose exact keys: text that merely looks like a key is data.
    s.bind(4, r.kind).bind(5, answerStatusName(r.status)).bind(6, redactKnownSecrets(r.text)).bind(7, redactKnownSecrets(r.reasoning));
    s.bind(8, r.tokensIn).bind(9, r.tokensOut).bind(10, r.latencyMs).bind(11, r.cost);
    s.bind(12, r.httpStatus).bind(13, r.attempts).bind(14, redactSecrets(r.error));
    s.bind(15, r.status == AnswerStatus::Ok ? redactKnownSecrets(r.rawJson) : redactSecrets(r.rawJson));
    s.bind(16, redactKnownSecrets(r.requestJson)).bind(17, r.source);
    if (r.runId)
        s.bind(18, r.runId);
    else
        s.bind(18, nullptr);
    s.bind(19, r.finishReason).bind(20, r.tokensReasoning).bind(21, redactKnownSecrets(r.refusal));
}

} // namespace

static constexpr const char *kResponseUpsert =
    "INSERT INTO responses(request_key, model, prompt_id, kind, status, text, reasoning, tokens_in, tokens_out, "
    "latency_ms, cost, http_status, attempts, error, raw, request, source, run_id, finish_reason, tokens_reasoning, refusal) "
    "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21) "
    "ON CONFLICT(request_key) DO UPDATE SET model=excluded.model, prompt_id=excluded.prompt_id, "
    "kind=excluded.kind, status=excluded.status, text=excluded.text, reasoning=excluded.reasoning, "
    "tokens_in=excluded.tokens_in, tokens_out=excluded.tokens_out, latency_ms=excluded.latency_ms, "
    "cost=excluded.cost, http_status=excluded.http_status, attempts=responses.attempts+excluded.attempts, "
    "error=excluded.error, raw=excluded.raw, request=excluded.request, source=excluded.source, "
    "run_id=excluded.run_id, finish_reason=excluded.finish_reason, tokens_reasoning=excluded.tokens_reasoning, "
    "refusal=excluded.refusal, created_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') "
    // An ok answer is never replaced by anything else, and an error never replaces a paid answer
    // (an empty / refused / filtered / truncated one is kept until a retry brings a better one).
    "WHERE NOT (responses.status='ok' AND excluded.status<>'ok') AND NOT (responses.status<>'error' AND excluded.status='error')";

void Store::putResponse(const ResponseRecord &r, std::function<void(const std::string &)> onDone)
{
    post(
        [r](sql::Db &db) {
            auto s = db.prepare(kResponseUpsert);
            bindResponse(s, r);
            s.run();
        },
        std::move(onDone));
}

bool Store::importResponses(const std::vector<ResponseRecord> &rs, std::string *error)
{
    return execSync(
        [&](sql::Db &db) {
            auto s = db.prepare(kResponseUpsert);
            for (const auto &r : rs) {
                bindResponse(s, r);
                s.run();
            }
        },
        error);
}

std::optional<ResponseRecord> Store::responseByKey(const std::string &key)
{
    auto s = reader().prepare("SELECT " + kResponseRow.list() + " FROM responses WHERE request_key=?1");
    s.bind(1, key);
    if (s.step())
        return kResponseRow.read(s);
    return std::nullopt;
}

std::unordered_map<std::string, ResponseRecord> Store::okResponses(const std::vector<std::string> &keys)
{
    std::unordered_map<std::string, ResponseRecord> out;
    auto s = reader().prepare("SELECT " + kResponseRow.list() + " FROM responses WHERE request_key=?1 AND status='ok'");
    for (const auto &k : keys) {
        s.bind(1, k);
        if (s.step())
            out.emplace(k, kResponseRow.read(s));
        s.reset();
    }
    return out;
}

std::unordered_map<int64_t, ResponseRecord> Store::answers(const std::string &model, int64_t datasetId)
{
    std::unordered_map<int64_t, ResponseRecord> out;
    // Imports sort last so they win; among API answers the newest wins.
    auto s = reader().prepare("SELECT " + kResponseRow.list("r") +
                              " FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                              "WHERE p.dataset_id=?1 AND r.model=?2 AND r.status='ok' AND r.kind='answer' "
                              "ORDER BY (r.source='import'), r.id");
    s.bind(1, datasetId).bind(2, model);
    while (s.step()) {
        ResponseRecord r = kResponseRow.read(s);
        out[r.promptId] = std::move(r);
    }
    return out;
}

int64_t Store::pairedAnswerCount(const std::string &modelA, const std::string &modelB, int64_t datasetId)
{
    auto s = reader().prepare(
        "SELECT COUNT(*) FROM prompts p WHERE p.dataset_id=?1 AND "
        "EXISTS (SELECT 1 FROM responses r WHERE r.prompt_id=p.id AND r.model=?2 AND r.status='ok' AND r.kind='answer') AND "
        "EXISTS (SELECT 1 FROM responses r WHERE r.prompt_id=p.id AND r.model=?3 AND r.status='ok' AND r.kind='answer')");
    s.bindAll(datasetId, modelA, modelB);
    s.step();
    return s.i64(0);
}

std::map<std::string, int64_t> Store::answerStatusCounts(const std::string &model, int64_t datasetId)
{
    std::map<std::string, int64_t> out;
    auto s = reader().prepare("SELECT status, COUNT(*) FROM (SELECT r.status, ROW_NUMBER() OVER (PARTITION BY r.prompt_id "
                              "ORDER BY (r.status='ok') DESC, r.id DESC) AS rn FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                              "WHERE p.dataset_id=?1 AND r.model=?2 AND r.kind='answer') WHERE rn=1 GROUP BY status");
    s.bind(1, datasetId).bind(2, model);
    while (s.step())
        out[s.text(0)] = s.i64(1);
    return out;
}

std::vector<std::string> Store::modelsWithAnswers(int64_t datasetId)
{
    std::vector<std::string> out;
    auto s = reader().prepare("SELECT DISTINCT r.model FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                              "WHERE p.dataset_id=?1 AND r.status='ok' AND r.kind='answer' ORDER BY r.model");
    s.bind(1, datasetId);
    while (s.step())
        out.push_back(s.text(0));
    return out;
}

int64_t Store::responseCount()
{
    auto s = reader().prepare("SELECT COUNT(*) FROM responses");
    s.step();
    return s.i64(0);
}

std::unordered_map<std::string, std::unordered_map<int64_t, std::string>> Store::answerTexts(int64_t datasetId,
                                                                                             const std::vector<std::string> &models)
{
    std::unordered_map<std::string, std::unordered_map<int64_t, std::string>> out;
    // The rule of answers() (imports win, then the newest id) is applied here rather than with
    // ORDER BY, which would make SQLite copy every text through a temporary sort b-tree (2-3x slower).
    // rank = (is ok, is import, id); a row replaces the kept one only when its rank is higher.
    // An empty answer is an answer with no words (similar to nothing), so it takes part, as an empty
    // text, unless the model also has an ok answer to that prompt.
    using Rank = std::tuple<bool, bool, int64_t>;
    std::unordered_map<std::string, std::unordered_map<int64_t, Rank>> rank;
    // Chunks keep the IN list below SQLite's bound-parameter limit.
    constexpr std::size_t kChunk = 500;
    for (std::size_t begin = 0; begin < models.size(); begin += kChunk) {
        const std::span<const std::string> chunk(models.data() + begin, std::min(kChunk, models.size() - begin));
        const sql::Placeholders in(2, chunk.size()); // after ?1, the dataset
        auto s = reader().prepare("SELECT r.model, r.prompt_id, r.source='import', r.id, r.text, r.status='ok' "
                                  "FROM responses r JOIN prompts p ON p.id=r.prompt_id WHERE p.dataset_id=?1 AND r.model IN (" +
                                  in.list() + ") AND r.status IN ('ok','empty') AND r.kind='answer'");
        s.bind(1, datasetId);
        in.bind(s, chunk);
        std::string model;
        std::unordered_map<int64_t, std::string> *texts = nullptr;
        std::unordered_map<int64_t, Rank> *ranks = nullptr;
        while (s.step()) {
            std::string m = s.text(0);
            if (!texts || m != model) {
                model = std::move(m);
                texts = &out[model];
                ranks = &rank[model];
            }
            const int64_t promptId = s.i64(1);
            const Rank r{s.i64(5) != 0, s.i64(2) != 0, s.i64(3)};
            auto [it, fresh] = ranks->try_emplace(promptId, r);
            if (!fresh) {
                if (r < it->second)
                    continue;
                it->second = r;
            }
            (*texts)[promptId] = s.text(4);
        }
    }
    return out;
}

std::unordered_map<std::string, std::string> Store::answersToPrompt(int64_t promptId, const std::vector<std::string> &models)
{
    std::unordered_map<std::string, std::string> out;
    // Imports sort last so they win; among API answers the newest wins (as in answers()).
    auto s = reader().prepare("SELECT model, text FROM responses WHERE prompt_id=?1 AND model=?2 AND status='ok' "
                              "AND kind='answer' ORDER BY (source='import') DESC, id DESC LIMIT 1");
    for (const auto &m : models) {
        s.reset();
        s.bind(1, promptId).bind(2, m);
        if (s.step())
            out.emplace(m, s.text(1));
    }
    return out;
}

} // namespace ds
