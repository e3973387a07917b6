#include "DemoDb.h"

#include "ice/IceRun.h"
#include "ice/IceStore.h"
#include "ice/RuleJudge.h"
#include "rse/RseConfig.h"
#include "store/Store.h"

#include <QTest>

namespace ds::test {

namespace {
const char *kPrompts[] = {
    "Explain how a hash map handles collisions.",
    "Write a haiku about autumn rain.",
    "What is 17 * 23? Show your steps.",
    "Summarise the causes of the French Revolution in three bullet points.",
    "How do I reverse a linked list in C++?",
    "Give me three tips for a job interview.",
    "What is the derivative of x^3 * sin(x)?",
    "Describe the water cycle to a ten-year-old.",
    "=cmd|' /C calc'!A0 is this spreadsheet formula dangerous?",
    "<b>Bold</b> HTML in a prompt must stay plain text.",
    "Translate 'good morning' into French, German and Spanish.",
    "Why is the sky blue?",
};
std::string answer(const std::string &model, int i)
{
    const std::string p = kPrompts[i];
    if (model == "ref")
        return "## Answer\n\nCertainly! Here is a structured answer to: " + p +
               "\n\n1. First point.\n2. Second point.\n\nIn summary, this covers it.";
    if (model == "s1")
        return "## Answer\n\nCertainly! Here is a structured answer to: " + p +
               "\n\n1. First point.\n2. Another point.\n\nIn summary, that is it.";
    return "short reply about " + p.substr(0, 20) + " - done.";
}

/// Creates a complete ICE run `name` of `target` (vendor deepseek, rule labels) and returns its id.
int64_t createIceRun(Store &store, const std::string &name, const std::string &target)
{
    ice::IceRunConfig cfg;
    cfg.name = name;
    cfg.target = target;
    cfg.vendor = "deepseek";
    cfg.fact = "I am DeepSeek-V3, developed by DeepSeek.";
    cfg.judge = "rules";
    RunInfo run;
    run.name = name;
    run.kind = RunKind::Ice;
    run.status = RunStatus::Complete;
    run.configJson = cfg.toJson().dump();
    std::string error;
    if (!store.createRun(run, &error))
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
    return run.id;
}

/// A frozen template of the final set.
ice::IceTemplateRow templateRow(int idx, const std::string &text, bool namesVendor = false)
{
    ice::IceTemplateRow row;
    row.idx = idx;
    row.text = text;
    row.origin = "frozen";
    row.inFinal = true;
    row.namesVendor = namesVendor;
    return row;
}

/// The response to template `t` with question `q`, unlabelled.
ice::IceItem iceItem(int t, int q, const std::string &prompt, const std::string &response)
{
    ice::IceItem it;
    it.templateIdx = t;
    it.questionIdx = q;
    it.prompt = prompt;
    it.response = response;
    return it;
}

ice::IceQuestionRow questionRow(int idx, const std::string &language, const std::string &aspect, const std::string &text)
{
    ice::IceQuestionRow row;
    row.idx = idx;
    row.qid = "q" + std::to_string(idx);
    row.language = language;
    row.aspect = aspect;
    row.text = text;
    return row;
}
} // namespace

Judgment demoJudgment(int64_t runId, int64_t promptId, const std::string &test, const std::string &ref, const std::string &order,
                      double overall)
{
    Judgment j;
    j.runId = runId;
    j.promptId = promptId;
    j.dataset = "demo";
    j.testModel = test;
    j.refModel = ref;
    j.judgeModel = "judge";
    j.order = judgeOrderFromName(order).value();
    j.requestKey = "judge:" + std::to_string(runId) + ":" + test + ":" + order + ":" + std::to_string(promptId);
    j.overall = overall;
    j.status = JudgmentStatus::Ok;
    return j;
}

int64_t createDemoRseRun(Store &store, const std::string &name, const std::string &reference, const std::vector<std::string> &tests,
                         bool swap)
{
    RunInfo run = completeRseRun(name, rseConfig(reference, tests, {"demo"}, swap));
    std::string error;
    if (!store.createRun(run, &error))
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
    return run.id;
}

DemoDb buildDemoDb(const QString &path)
{
    DemoDb demo;
    demo.path = path;
    std::string error;
    auto store = Store::open(path.toStdString(), &error);
    if (!store) {
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
        return demo;
    }
    for (const char *name : {"ref", "s1", "u1", "judge"}) {
        ModelConfig m = openAiModel(name, "http://127.0.0.1:9/v1");
        m.priceInPerMTok = 1.0;
        m.priceOutPerMTok = 2.0;
        store->saveModel(m, &error);
    }
    DatasetInfo ds;
    ds.name = "demo";
    ds.format = "jsonl";
    ds.source = "demo.jsonl";
    std::vector<PromptItem> items;
    for (int i = 0; i < demo.prompts; ++i) {
        PromptItem p;
        p.idx = i;
        p.extId = "q" + std::to_string(i);
        p.text = kPrompts[i];
        p.category = i % 2 ? "writing" : "reasoning";
        items.push_back(p);
    }
    if (!store->createDataset(ds, items, &error))
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
    const auto prompts = store->prompts(ds.id);
    std::vector<ResponseRecord> rs;
    for (const char *model : {"ref", "s1", "u1"})
        for (const auto &p : prompts)
            rs.push_back(importedAnswer(model, p.id, answer(model, p.idx)));
    if (!store->importResponses(rs, &error))
        QTest::qFail(error.c_str(), __FILE__, __LINE__);

    const int64_t rseRun = demo.rseRun = createDemoRseRun(*store, "demo-rse", "ref", {"s1", "u1"}, true);
    for (const auto &p : prompts)
        for (const char *model : {"s1", "u1"})
            for (const char *order : {"rt", "tr"}) {
                const bool student = std::string(model) == "s1";
                const int style = student ? 5 - (p.idx % 2) : 2 + (p.idx % 2);
                const int logic = student ? 4 : 2;
                const int content = student ? 4 + (p.idx % 3 == 0) : 1 + (p.idx % 2);
                Judgment j = demoJudgment(rseRun, p.id, model, "ref", order, (style + logic + content) / 3.0);
                j.style = style;
                j.logic = logic;
                j.content = content;
                j.rationale = student ? "Nearly the same structure and wording." : "Different length, structure and detail.";
                store->putJudgment(j);
            }
    store->setRunStatus(rseRun, RunStatus::Complete);

    demo.iceRun = createIceRun(*store, "demo-ice", "s1");
    std::vector<ice::IceTemplateRow> ts;
    for (int t = 0; t < 4; ++t)
        ts.push_back(templateRow(t, "Template " + std::to_string(t) + ": answer honestly. {query}", t == 3));
    std::vector<ice::IceQuestionRow> qs;
    const char *aspects[] = {"team", "industry", "geography"};
    for (int q = 0; q < 6; ++q)
        qs.push_back(questionRow(q, q % 2 ? "zh" : "en", aspects[q / 2], q % 2 ? "你是谁开发的？" : "Who developed you?"));
    std::vector<ice::IceItem> its;
    for (int t = 0; t < 4; ++t)
        for (int q = 0; q < 6; ++q) {
            const bool conflict = (t + q) % 3 == 0;
            const bool strict = conflict && t % 2 == 0;
            ice::IceItem it = iceItem(t, q, ts[size_t(t)].text,
                                      conflict ? (strict ? "I am ChatGPT, a model developed by OpenAI." : "I was created by Nexus Forge.")
                                               : "I am DeepSeek-V3, developed by DeepSeek.");
            // Labelled by the real rule judge, reasons included, as an ICE run stores them.
            static const ice::RuleJudge judge(ice::VendorRegistry::builtin(), "deepseek");
            it.labels.push_back(ice::ruleLabel(judge.judge(it.response, qs[size_t(q)].text)));
            its.push_back(it);
        }
    if (!IceStore(*store).importRun(demo.iceRun, ts, qs, its, &error))
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
    store->flush();
    return demo;
}

ComparisonRuns addComparisonRuns(const QString &path)
{
    ComparisonRuns out;
    std::string error;
    auto store = Store::open(path.toStdString(), &error);
    if (!store) {
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
        return out;
    }
    const auto prompts = store->prompts(store->dataset("demo")->id);
    const int64_t rseRun = out.rseOtherReference = createDemoRseRun(*store, "other-reference", "s1", {"u1"}, true);
    for (const auto &p : prompts)
        for (const char *order : {"rt", "tr"}) {
            const int score = std::string(order) == "rt" ? 3 : 2;
            Judgment j = demoJudgment(rseRun, p.id, "u1", "s1", order, score);
            j.style = j.logic = j.content = score;
            j.rationale = std::string(order) == "rt" ? "Reference-first rationale." : "Test-first rationale.";
            store->putJudgment(j);
        }
    store->setRunStatus(rseRun, RunStatus::Complete);
    out.iceSecond = createIceRun(*store, "second-ice", "u1");
    std::vector<ice::IceTemplateRow> ts;
    for (int t = 0; t < 2; ++t)
        ts.push_back(templateRow(t, "Second template " + std::to_string(t) + " {query}"));
    std::vector<ice::IceQuestionRow> qs;
    for (int q = 0; q < 2; ++q)
        qs.push_back(questionRow(q, "en", q ? "industry" : "team", "Who developed you?"));
    std::vector<ice::IceItem> its;
    for (int t = 0; t < 2; ++t)
        for (int q = 0; q < 2; ++q) {
            // Fixed labels (not the rule judge's), so figures of this run never change with the judge.
            const bool loose = !(t == 1 && q == 1);
            ice::IceItem it = iceItem(t, q, ts[size_t(t)].text,
                                      loose ? "I am ChatGPT, a model developed by OpenAI. (second run)" : "I am DeepSeek-V3. (second run)");
            ice::IceLabel l;
            l.judge = "rules";
            l.loose = loose;
            l.strict = loose && t == 0;
            l.vendor = loose ? (t == 0 ? "openai" : "anthropic") : "";
            it.labels.push_back(l);
            its.push_back(it);
        }
    if (!IceStore(*store).importRun(out.iceSecond, ts, qs, its, &error))
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
    store->flush();
    return out;
}

} // namespace ds::test
