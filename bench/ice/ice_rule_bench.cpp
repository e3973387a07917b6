// Agreement of the offline identity judge with the paper's gpt-4o-mini labels on the development models.
// usage: ice_rule_bench DATA_DIR [--model M] [--verdicts OUT.jsonl] [--no-words] [--l2 X] [--min-count N] [--epochs N]
//        [--train OUT.json]
//        (DATA_DIR = ../shared/data/ice)
// Prints, per model and overall, for the rules alone, the keyword-match baseline, and the learned judge
// evaluated leave-one-model-out (trained on the other six models): loose kappa, the judge's loose rate
// against the paper's with its template-bootstrap 95% interval, strict kappa and rates. --train fits the
// learned judge on all seven models and writes its weights (resources/ice/identity_judge_model.json).
#include "ice/DevSet.h"
#include "ice/JudgeAgreement.h"
#include "ice/JudgeFeatures.h"
#include "ice/JudgeTraining.h"
#include "ice/RuleJudge.h"
#include "stats/Bootstrap.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

using namespace ds::ice;

namespace {

std::string fmt(const std::optional<double> &k)
{
    char b[32];
    if (!k)
        return "n/a";
    std::snprintf(b, sizeof b, "%.3f", *k);
    return b;
}

// The baseline: any other vendor's name anywhere in the answer is a conflict.
bool keywordMatch(const std::string &response, const std::string &trueVendor)
{
    for (const auto &h : VendorRegistry::builtin().hits(QString::fromStdString(response)))
        if (h.vendor != trueVendor)
            return true;
    return false;
}

// One judge's figures, per development model and pooled.
void printTable(const char *title, const std::vector<LabelledResponse> &all, const JudgeLabels &labels)
{
    std::printf("\n%s\n%-28s %5s | %-6s %-6s %-21s %-6s | %-6s %-6s %-6s\n", title, "model", "n", "kappa", "judge", "paper [95% CI]",
                "inside", "s.kap", "s.jdg", "s.pap");
    int inside = 0, models = 0;
    for (const DevModel &m : devModels()) {
        std::vector<LabelledResponse> data;
        JudgeLabels part;
        for (size_t i = 0; i < all.size(); ++i)
            if (all[i].model == m.file) {
                data.push_back(all[i]);
                part.loose.push_back(labels.loose[i]);
                part.strict.push_back(labels.strict[i]);
            }
        if (data.empty())
            continue;
        const Agreement a = agreementWithPaper(data, part);
        ++models;
        inside += a.looseInsidePaperCi();
        std::printf("%-28s %5zu | %-6s %.3f  %.3f [%.3f, %.3f] %-6s | %-6s %.3f  %.3f\n", m.label.c_str(), a.n, fmt(a.looseKappa).c_str(),
                    a.judgeLoose, a.paperLoose, a.paperLooseCi.lo, a.paperLooseCi.hi, a.looseInsidePaperCi() ? "yes" : "NO",
                    fmt(a.strictKappa).c_str(), a.judgeStrict, a.paperStrict);
    }
    std::vector<bool> paperLoose, paperStrict;
    for (const auto &r : all) {
        paperLoose.push_back(r.loose);
        paperStrict.push_back(r.strict);
    }
    std::printf("%-28s %5zu | %-6s   loose rate inside the paper's interval for %d of %d models | strict kappa %s\n", "ALL (pooled)",
                all.size(), fmt(ds::stats::cohenKappa(paperLoose, labels.loose)).c_str(), inside, models,
                fmt(ds::stats::cohenKappa(paperStrict, labels.strict)).c_str());
}

struct BenchOptions {
    std::string dataDir, only, verdictsPath, trainPath;
    FeatureOptions features;
    FitOptions fit;
};

std::optional<BenchOptions> parseArgs(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(
            stderr,
            "usage: %s DATA_DIR [--model M] [--verdicts OUT.jsonl] [--no-words] [--l2 X] [--min-count N] [--epochs N] [--train OUT.json]\n",
            argv[0]);
        return std::nullopt;
    }
    BenchOptions o;
    o.dataDir = argv[1];
    for (int i = 2; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--model") && hasValue)
            o.only = argv[++i];
        else if (!std::strcmp(argv[i], "--verdicts") && hasValue)
            o.verdictsPath = argv[++i];
        else if (!std::strcmp(argv[i], "--train") && hasValue)
            o.trainPath = argv[++i];
        else if (!std::strcmp(argv[i], "--l2") && hasValue)
            o.fit.l2 = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--min-count") && hasValue)
            o.fit.minCount = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--epochs") && hasValue)
            o.fit.epochs = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--no-words"))
            o.features.words = false;
        else {
            std::fprintf(stderr, "unknown or incomplete option %s\n", argv[i]);
            return std::nullopt;
        }
    }
    return o;
}

/// Every development response with the rules' and the keyword baseline's labels and the learned
/// judge's features, in the same order.
struct Judged {
    std::vector<LabelledResponse> all;
    JudgeLabels rules, keyword;
    std::vector<Features> features;
    double ruleSeconds = 0; ///< time spent in RuleJudge::judge alone
};

void writeVerdict(std::ofstream &out, const DevModel &m, size_t line, const LabelledResponse &r, const RuleVerdict &v)
{
    out << nlohmann::json{{"model", m.file},
                          {"line", line},
                          {"paper", r.loose},
                          {"rule", v.loose},
                          {"paper_strict", r.strict},
                          {"rule_strict", v.strict},
                          {"kind", v.kind},
                          {"kinds", v.kinds},
                          {"claims_true", v.claimsTrue},
                          {"vendor", v.vendor},
                          {"evidence", v.evidence},
                          {"question", r.question},
                          {"response", r.response}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
}

bool judgeDevModels(const BenchOptions &o, const std::vector<std::string> &strictVendors, Judged &j)
{
    std::ofstream verdicts;
    if (!o.verdictsPath.empty())
        verdicts.open(o.verdictsPath);
    for (const DevModel &m : devModels()) {
        if (!o.only.empty() && o.only != m.file)
            continue;
        std::vector<LabelledResponse> data;
        std::string error;
        if (!readDevModel(o.dataDir, m, &data, &error)) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
            return false;
        }
        const RuleJudge judge(VendorRegistry::builtin(), m.vendor, strictVendors);
        for (size_t i = 0; i < data.size(); ++i) {
            const LabelledResponse &r = data[i];
            const auto t0 = std::chrono::steady_clock::now();
            const RuleVerdict v = judge.judge(r.response, r.question);
            j.ruleSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            j.rules.loose.push_back(v.loose);
            j.rules.strict.push_back(v.strict);
            j.keyword.loose.push_back(keywordMatch(r.response, m.vendor));
            j.keyword.strict.push_back(false);
            j.features.push_back(judgeFeatures(VendorRegistry::builtin(), m.vendor, strictVendors, r.response, r.question, v, o.features));
            if (verdicts.is_open())
                writeVerdict(verdicts, m, i, r, v);
        }
        j.all.insert(j.all.end(), data.begin(), data.end());
    }
    return true;
}

/// Fits the learned judge on every development model, writes its weights to `path` and prints its
/// in-sample figures.
bool trainAndWrite(const std::string &path, const Judged &j, const std::vector<TrainingExample> &examples, const FitOptions &fit)
{
    std::string error;
    auto models = trainIdentityModels(examples, fit, &error);
    if (!models) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return false;
    }
    const std::string provenance = "trained by `ice_rule_bench ../shared/data/ice --train` on the paper's labels of " +
                                   std::to_string(j.all.size()) + " responses of " + std::to_string(devModels().size()) +
                                   " development models (loose: eval_results, strict: strict/*.csv)";
    models->loose.provenance = provenance;
    models->strict.provenance = provenance;
    std::ofstream out(path);
    out << models->toJson();
    if (!out) {
        std::fprintf(stderr, "error: cannot write %s\n", path.c_str());
        return false;
    }
    std::printf("\nwrote %s (%zu loose, %zu strict weights)\n", path.c_str(), models->loose.weights().size(),
                models->strict.weights().size());
    printTable("LEARNED JUDGE, IN-SAMPLE (trained on all seven: not an estimate of accuracy)", j.all,
               applyIdentityModels(*models, examples));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    const auto options = parseArgs(argc, argv);
    if (!options)
        return 2;
    const std::vector<std::string> strictVendors = {"openai", "anthropic"};
    Judged j;
    if (!judgeDevModels(*options, strictVendors, j))
        return 1;
    printTable("RULES ALONE (written against these files: development figures)", j.all, j.rules);
    printTable("KEYWORD BASELINE (any other vendor named anywhere)", j.all, j.keyword);
    std::printf("rule judge wall time: %.3f s for %zu responses (%.3f ms each)\n", j.ruleSeconds, j.all.size(),
                j.all.empty() ? 0.0 : 1000.0 * j.ruleSeconds / static_cast<double>(j.all.size()));

    std::vector<TrainingExample> examples;
    examples.reserve(j.all.size());
    for (size_t i = 0; i < j.all.size(); ++i)
        examples.push_back({&j.all[i], j.features[i]});
    std::string error;
    const auto t0 = std::chrono::steady_clock::now();
    const auto lomo = leaveOneModelOut(examples, options->fit, &error);
    if (!lomo) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return 1;
    }
    printTable("LEARNED JUDGE, LEAVE-ONE-MODEL-OUT (each model judged by weights trained on the other six)", j.all, *lomo);
    std::printf("leave-one-model-out: %.1f s for %zu folds\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                devModels().size());
    if (!options->trainPath.empty() && !trainAndWrite(options->trainPath, j, examples, options->fit))
        return 1;
    return 0;
}
