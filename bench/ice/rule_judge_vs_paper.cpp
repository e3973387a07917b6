// Agreement of the offline rule judge with the paper's gpt-4o-mini loose labels.
// usage: ice_rule_bench DATA_DIR [--dump N] [--model M] [--verdicts OUT.jsonl]   (DATA_DIR = shared/data/ice)
// Prints loose and strict agreement (Cohen's kappa) per model and overall; --verdicts writes one
// line per response (paper vs rule labels, kind, evidence) for offline analysis.
#include "ice/Csv.h"
#include "ice/RuleJudge.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ds::ice;

// The paper's strict labels: (template, question) pairs of strict/GPT_<model>_*.csv.
static std::set<std::pair<std::string, std::string>> strictKeys(const std::string &dir, const std::string &model)
{
    std::set<std::pair<std::string, std::string>> keys;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator(dir + "/strict", ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("GPT_" + model + "_", 0) != 0)
            continue;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        std::vector<CsvRow> rows;
        std::string error;
        if (!parseCsv(ss.str(), &rows, &error) || rows.empty())
            continue;
        const int tp = csvColumn(rows[0], "jailbreak_prompt"), q = csvColumn(rows[0], "query");
        for (size_t i = 1; i < rows.size(); ++i)
            if (tp >= 0 && q >= 0 && static_cast<int>(rows[i].cells.size()) > std::max(tp, q))
                keys.emplace(rows[i].cells[tp], rows[i].cells[q]);
    }
    return keys;
}

static double kappa(const std::vector<bool> &a, const std::vector<bool> &b)
{
    const double n = static_cast<double>(a.size());
    double agree = 0, pa = 0, pb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        agree += a[i] == b[i];
        pa += a[i];
        pb += b[i];
    }
    const double po = agree / n, pe = (pa / n) * (pb / n) + (1 - pa / n) * (1 - pb / n);
    return pe >= 1 ? 1 : (po - pe) / (1 - pe);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DATA_DIR [--dump N] [--model M] [--verdicts OUT.jsonl]\n", argv[0]);
        return 2;
    }
    int dump = 0;
    std::string only, verdictsPath;
    for (int i = 2; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--dump"))
            dump = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--model"))
            only = argv[i + 1];
        if (!std::strcmp(argv[i], "--verdicts"))
            verdictsPath = argv[i + 1];
    }
    std::ofstream verdicts;
    if (!verdictsPath.empty())
        verdicts.open(verdictsPath);
    struct M {
        const char *file, *vendor;
        double published;
    };
    const M models[] = {{"deepseek-chat", "deepseek", 0.339}, {"qwen2.5-7b-instruct", "alibaba", 0.170}, {"glm-4-plus", "zhipu", 0.418}};
    std::vector<bool> allA, allB, allSA, allSB, allK;
    double judgeSeconds = 0; // wall time spent inside RuleJudge::judge() only (not parsing)
    for (const M &m : models) {
        if (!only.empty() && only != m.file)
            continue;
        std::ifstream in(std::string(argv[1]) + "/gpt_GPT_" + m.file + ".jsonl");
        RuleJudge judge(VendorRegistry::builtin(), m.vendor);
        const auto strictSet = strictKeys(argv[1], m.file);
        std::vector<bool> a, b, sa, sb, k;
        std::string line;
        int shown = 0;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line);
            const bool paper = j.at("eval_results").get<bool>();
            const std::string resp = j.at("target_responses").at(0).get<std::string>();
            const std::string query = j.at("query").get<std::string>();
            const auto t0 = std::chrono::steady_clock::now();
            const auto v = judge.judge(resp, query);
            judgeSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            a.push_back(paper);
            b.push_back(v.loose);
            // Baseline: a plain keyword match (any other vendor's name anywhere in the answer).
            bool other = false;
            for (const auto &h : VendorRegistry::builtin().hits(QString::fromStdString(resp)))
                other |= h.vendor != m.vendor;
            k.push_back(other);
            sa.push_back(strictSet.count({j.at("jailbreak_prompt").get<std::string>(), j.at("query").get<std::string>()}) > 0);
            sb.push_back(v.strict);
            if (verdicts.is_open())
                verdicts << nlohmann::json{{"model", m.file},
                                           {"line", a.size() - 1},
                                           {"paper", paper},
                                           {"rule", v.loose},
                                           {"paper_strict", bool(sa.back())},
                                           {"rule_strict", v.strict},
                                           {"kind", v.kind},
                                           {"vendor", v.vendor},
                                           {"evidence", v.evidence}}
                                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                         << "\n";
            if (dump && paper != v.loose && shown < dump) {
                ++shown;
                std::printf("---- paper=%d rule=%d kind=%s vendor=%s\nQ: %s\nEVIDENCE: %s\nR: %.700s\n", paper, v.loose, v.kind.c_str(),
                            v.vendor.c_str(), j["query"].get<std::string>().c_str(), v.evidence.c_str(), resp.c_str());
            }
        }
        double ra = 0, rb = 0, rsa = 0, rsb = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            ra += a[i];
            rb += b[i];
            rsa += sa[i];
            rsb += sb[i];
        }
        std::printf("%-22s n=%zu kappa=%.3f paper=%.3f (published %.3f) rules=%.3f | strict kappa=%.3f paper=%.3f "
                    "rules=%.3f\n",
                    m.file, a.size(), kappa(a, b), ra / a.size(), m.published, rb / b.size(), kappa(sa, sb), rsa / a.size(),
                    rsb / b.size());
        allA.insert(allA.end(), a.begin(), a.end());
        allB.insert(allB.end(), b.begin(), b.end());
        allSA.insert(allSA.end(), sa.begin(), sa.end());
        allSB.insert(allSB.end(), sb.begin(), sb.end());
        allK.insert(allK.end(), k.begin(), k.end());
    }
    std::printf("ALL n=%zu kappa=%.3f strict kappa=%.3f (keyword baseline loose kappa=%.3f)\n", allA.size(), kappa(allA, allB),
                kappa(allSA, allSB), kappa(allA, allK));
    std::printf("judge wall time: %.3f s for %zu responses (%.3f ms each)\n", judgeSeconds, allA.size(),
                allA.empty() ? 0.0 : 1000.0 * judgeSeconds / static_cast<double>(allA.size()));
    return 0;
}
