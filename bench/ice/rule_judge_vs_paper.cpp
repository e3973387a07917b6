// Agreement of the offline rule judge with the paper's gpt-4o-mini loose labels.
// usage: ice_rule_bench DATA_DIR [--dump N]   (DATA_DIR = shared/data/ice)
#include "ice/RuleJudge.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace ds::ice;

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
        std::fprintf(stderr, "usage: %s DATA_DIR [--dump N] [--model M]\n", argv[0]);
        return 2;
    }
    int dump = 0;
    std::string only;
    for (int i = 2; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--dump"))
            dump = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--model"))
            only = argv[i + 1];
    }
    struct M {
        const char *file, *vendor;
        double published;
    };
    const M models[] = {{"deepseek-chat", "deepseek", 0.339}, {"qwen2.5-7b-instruct", "alibaba", 0.170},
                        {"glm-4-plus", "zhipu", 0.418}};
    std::vector<bool> allA, allB;
    for (const M &m : models) {
        if (!only.empty() && only != m.file)
            continue;
        std::ifstream in(std::string(argv[1]) + "/gpt_GPT_" + m.file + ".jsonl");
        RuleJudge judge(VendorRegistry::builtin(), m.vendor);
        std::vector<bool> a, b;
        std::string line;
        int shown = 0;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line);
            const bool paper = j.at("eval_results").get<bool>();
            const std::string resp = j.at("target_responses").at(0).get<std::string>();
            const auto v = judge.judge(resp, j.at("query").get<std::string>());
            a.push_back(paper);
            b.push_back(v.loose);
            if (dump && paper != v.loose && shown < dump) {
                ++shown;
                std::printf("---- paper=%d rule=%d kind=%s vendor=%s\nQ: %s\nEVIDENCE: %s\nR: %.700s\n", paper, v.loose,
                            v.kind.c_str(), v.vendor.c_str(), j["query"].get<std::string>().c_str(),
                            v.evidence.c_str(), resp.c_str());
            }
        }
        double ra = 0, rb = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            ra += a[i];
            rb += b[i];
        }
        std::printf("%-22s n=%zu kappa=%.3f paper=%.3f (published %.3f) rules=%.3f\n", m.file, a.size(), kappa(a, b),
                    ra / a.size(), m.published, rb / b.size());
        allA.insert(allA.end(), a.begin(), a.end());
        allB.insert(allB.end(), b.begin(), b.end());
    }
    std::printf("ALL n=%zu kappa=%.3f\n", allA.size(), kappa(allA, allB));
    return 0;
}
