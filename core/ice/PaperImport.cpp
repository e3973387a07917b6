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

namespace {

/// One line of the paper's results file.
struct PaperRecord {
    std::string tpl, query, response;
    bool eval = false;
};

/// Parses one JSON line; "" or what is wrong with it.
std::string parsePaperRecord(const std::string &line, PaperRecord &rec)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const std::exception &e) {
        return std::string("malformed JSON: ") + e.what();
    }
    if (!j.is_object())
        return "expected a JSON object";
    for (const char *k : {"jailbreak_prompt", "query", "target_responses", "eval_results"})
        if (!j.contains(k))
            return std::string("missing key '") + k + "'";
    if (!j["jailbreak_prompt"].is_string() || !j["query"].is_string())
        return "jailbreak_prompt and query must be strings";
    const auto &tr = j["target_responses"];
    if (tr.is_string())
        rec.response = tr.get<std::string>();
    else if (tr.is_array() && !tr.empty() && tr.front().is_string())
        rec.response = tr.front().get<std::string>();
    else
        return "target_responses must be a non-empty list of strings";
    const auto eval = boolOf(j["eval_results"]);
    if (!eval)
        return "eval_results must be a boolean (or a list of booleans)";
    rec.eval = *eval;
    rec.tpl = j["jailbreak_prompt"].get<std::string>();
    rec.query = j["query"].get<std::string>();
    return {};
}

/// The run being rebuilt from the file: templates and questions numbered as first seen, one item per
/// (template, question) with the paper's label and our offline judge's.
struct PaperRun {
    std::vector<IceTemplateRow> templates;
    std::vector<IceQuestionRow> questions;
    std::vector<IceItem> items;
    std::map<std::string, int> templateIdx, questionIdx;
    std::map<std::pair<int, int>, int> lineOf;
    int looseHits = 0;

    /// "" or why the record cannot be added (a duplicate pair).
    std::string add(const PaperRecord &rec, int line, const VendorRegistry &reg, const RuleJudge &rules)
    {
        auto [ti, newT] = templateIdx.emplace(rec.tpl, static_cast<int>(templates.size()));
        if (newT)
            templates.push_back({ti->second, rec.tpl, "imported", "", -1, -1, true, reg.namesVendor(rec.tpl), ""});
        auto [qi, newQ] = questionIdx.emplace(rec.query, static_cast<int>(questions.size()));
        if (newQ)
            questions.push_back(
                {qi->second, "q" + std::to_string(qi->second + 1), rec.query, detectLanguage(rec.query), detectAspect(rec.query)});
        if (const auto [at, fresh] = lineOf.emplace(std::make_pair(ti->second, qi->second), line); !fresh)
            return "duplicate (jailbreak_prompt, query) pair, first seen on line " + std::to_string(at->second);
        IceItem it;
        it.templateIdx = ti->second;
        it.questionIdx = qi->second;
        it.prompt = rec.tpl.find("{query}") != std::string::npos ? rec.tpl : rec.tpl + "\n{query}";
        it.response = rec.response;
        IceLabel imported;
        imported.judge = "imported";
        imported.loose = rec.eval;
        it.labels.push_back(imported);
        it.labels.push_back(ruleLabel(rules.judge(rec.response, rec.query)));
        looseHits += rec.eval;
        items.push_back(std::move(it));
        return {};
    }
};

} // namespace

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
    PaperRun paper;
    std::istringstream in(content);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        PaperRecord rec;
        if (std::string why = parsePaperRecord(line, rec); !why.empty())
            return fail(n, why);
        if (std::string why = paper.add(rec, n, reg, rules); !why.empty())
            return fail(n, why);
    }
    if (paper.items.empty())
        return fail(1, "no records");
    result->looseHits += paper.looseHits;
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
    if (!ice.importRun(run.id, paper.templates, paper.questions, paper.items, &e)) {
        store.setRunStatus(run.id, RunStatus::Failed, "import failed: " + e);
        if (error)
            *error = "import failed (nothing stored): " + e;
        return false;
    }
    store.setRunStatus(run.id, RunStatus::Complete);
    result->runId = run.id;
    result->items = static_cast<int>(paper.items.size());
    result->templates = static_cast<int>(paper.templates.size());
    result->questions = static_cast<int>(paper.questions.size());
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
