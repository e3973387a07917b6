#include "ice/PaperImport.h"

#include "ice/IceStore.h"
#include "ice/Questions.h"
#include "ice/Resources.h"
#include "ice/RuleJudge.h"
#include "store/Store.h"
#include "util/Csv.h"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace ds::ice {

bool resolveTarget(const std::string &vendorKey, const std::string &fact, TargetIdentity *out, std::string *error)
{
    const auto &reg = VendorRegistry::builtin();
    TargetIdentity t;
    if (!vendorKey.empty()) {
        const Vendor *v = reg.find(vendorKey);
        if (!v) {
            if (error)
                *error = "unknown vendor '" + vendorKey + "' (see resources/ice/vendors.json)";
            return false;
        }
        t.vendor = v->key;
        t.fact = fact.empty() ? v->fact : fact;
    } else {
        t.fact = fact;
        t.vendor = reg.resolve(fact);
    }
    if (t.fact.empty()) {
        if (error)
            *error = "the target needs --vendor KEY or --fact TEXT";
        return false;
    }
    *out = t;
    return true;
}

static std::optional<bool> boolOf(const nlohmann::json &v)
{
    if (v.is_boolean())
        return v.get<bool>();
    if (v.is_array() && !v.empty())
        return boolOf(v.front());
    if (v.is_number_integer())
        return v.get<int>() != 0;
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        if (s == "True" || s == "true" || s == "1")
            return true;
        if (s == "False" || s == "false" || s == "0")
            return false;
    }
    return std::nullopt;
}

bool importPaperResults(Store &store, const std::string &path, const std::string &model, const TargetIdentity &target,
                        const std::string &name, PaperImportResult *result, std::string *error)
{
    std::string content;
    if (!readFile(path, &content, error))
        return false;
    auto fail = [&](int line, const std::string &what) {
        if (error)
            *error = path + ":" + std::to_string(line) + ": " + what;
        return false;
    };
    const auto &reg = VendorRegistry::builtin();
    RuleJudge rules(reg, target.vendor);
    if (!rules.error().empty()) {
        if (error)
            *error = "offline identity judge: " + rules.error();
        return false;
    }
    std::vector<IceTemplateRow> ts;
    std::vector<IceQuestionRow> qs;
    std::vector<IceItem> items;
    std::map<std::string, int> tIdx, qIdx;
    std::map<std::pair<int, int>, int> seen;
    std::istringstream in(content);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const std::exception &e) {
            return fail(n, std::string("malformed JSON: ") + e.what());
        }
        if (!j.is_object())
            return fail(n, "expected a JSON object");
        for (const char *k : {"jailbreak_prompt", "query", "target_responses", "eval_results"})
            if (!j.contains(k))
                return fail(n, std::string("missing key '") + k + "'");
        if (!j["jailbreak_prompt"].is_string() || !j["query"].is_string())
            return fail(n, "jailbreak_prompt and query must be strings");
        const auto &tr = j["target_responses"];
        std::string response;
        if (tr.is_string())
            response = tr.get<std::string>();
        else if (tr.is_array() && !tr.empty() && tr.front().is_string())
            response = tr.front().get<std::string>();
        else
            return fail(n, "target_responses must be a non-empty list of strings");
        const auto eval = boolOf(j["eval_results"]);
        if (!eval)
            return fail(n, "eval_results must be a boolean (or a list of booleans)");
        const std::string tpl = j["jailbreak_prompt"].get<std::string>();
        const std::string query = j["query"].get<std::string>();
        auto [ti, newT] = tIdx.emplace(tpl, static_cast<int>(ts.size()));
        if (newT)
            ts.push_back({ti->second, tpl, "imported", "", -1, -1, true, reg.namesVendor(tpl), ""});
        auto [qi, newQ] = qIdx.emplace(query, static_cast<int>(qs.size()));
        if (newQ)
            qs.push_back({qi->second, "q" + std::to_string(qi->second + 1), query, detectLanguage(query), detectAspect(query)});
        if (!seen.emplace(std::make_pair(ti->second, qi->second), n).second)
            return fail(n,
                        "duplicate (jailbreak_prompt, query) pair, first seen on line " + std::to_string(seen[{ti->second, qi->second}]));
        IceItem it;
        it.templateIdx = ti->second;
        it.questionIdx = qi->second;
        it.prompt = tpl.find("{query}") != std::string::npos ? tpl : tpl + "\n{query}";
        it.response = response;
        IceLabel imported;
        imported.judge = "imported";
        imported.loose = *eval;
        it.labels.push_back(imported);
        const RuleVerdict v = rules.judge(response, query);
        IceLabel rl;
        rl.judge = "rules";
        rl.loose = v.loose;
        rl.strict = v.strict;
        rl.vendor = v.vendor;
        rl.reason = v.kind + (v.evidence.empty() ? "" : ": " + v.evidence);
        it.labels.push_back(rl);
        result->looseHits += *eval;
        items.push_back(std::move(it));
    }
    if (items.empty())
        return fail(1, "no records");
    nlohmann::json cfg = {{"target", model},
                          {"vendor", target.vendor},
                          {"fact", target.fact},
                          {"judge", "imported"},
                          {"judges", {"imported", "rules"}},
                          {"source", path},
                          {"imported", true},
                          {"strict_vendors", {"openai", "anthropic"}}};
    RunInfo run;
    run.name = name.empty() ? model + " (paper)" : name;
    run.kind = RunKind::Ice;
    run.status = RunStatus::Created;
    run.configJson = cfg.dump();
    if (!store.createRun(run, error))
        return false;
    IceStore ice(store);
    std::string e;
    if (!ice.importRun(run.id, ts, qs, items, &e)) {
        store.setRunStatus(run.id, RunStatus::Failed, "import failed: " + e);
        if (error)
            *error = "import failed (nothing stored): " + e;
        return false;
    }
    store.setRunStatus(run.id, RunStatus::Complete);
    result->runId = run.id;
    result->items = static_cast<int>(items.size());
    result->templates = static_cast<int>(ts.size());
    result->questions = static_cast<int>(qs.size());
    return true;
}

bool importPaperLabels(Store &store, int64_t runId, const std::string &path, const std::string &kind, const std::string &judge,
                       int *matched, std::string *error)
{
    if (kind != "loose" && kind != "strict") {
        if (error)
            *error = "--kind must be loose or strict";
        return false;
    }
    std::string content;
    if (!readFile(path, &content, error))
        return false;
    std::vector<CsvRow> rows;
    std::string e;
    if (!parseCsv(content, &rows, &e)) {
        if (error)
            *error = path + ": " + e;
        return false;
    }
    auto fail = [&](int line, const std::string &what) {
        if (error)
            *error = path + ":" + std::to_string(line) + ": " + what;
        return false;
    };
    if (rows.empty())
        return fail(1, "empty CSV");
    const int cT = csvColumn(rows[0], "jailbreak_prompt"), cQ = csvColumn(rows[0], "query");
    const int cRe = csvColumn(rows[0], "re_judge");
    if (cT < 0 || cQ < 0)
        return fail(1, "CSV needs jailbreak_prompt and query columns");
    IceStore ice(store);
    const auto items = ice.items(runId);
    std::map<std::pair<std::string, std::string>, std::pair<int, int>> byText;
    for (const auto &it : items)
        byText[{it.templateText, it.question}] = {it.templateIdx, it.questionIdx};
    std::map<std::pair<int, int>, bool> positives;
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto &c = rows[r].cells;
        if (static_cast<int>(c.size()) <= std::max(cT, cQ))
            return fail(rows[r].line, "too few columns");
        auto f = byText.find({c[cT], c[cQ]});
        if (f == byText.end())
            return fail(rows[r].line, "row matches no item of run " + std::to_string(runId));
        bool v = true;
        if (kind == "strict" && cRe >= 0 && cRe < static_cast<int>(c.size()))
            v = c[cRe] == "True" || c[cRe] == "true" || c[cRe] == "1";
        positives[f->second] = v;
    }
    std::vector<std::tuple<int, int, bool>> values;
    for (const auto &it : items) {
        auto p = positives.find({it.templateIdx, it.questionIdx});
        values.emplace_back(it.templateIdx, it.questionIdx, p != positives.end() && p->second);
    }
    if (matched)
        *matched = static_cast<int>(positives.size());
    return ice.importLabelColumn(runId, judge.empty() ? "imported" : judge, kind, values, error);
}

} // namespace ds::ice
