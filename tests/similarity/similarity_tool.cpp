// Development and benchmark driver: runs the similarity library on AlpacaEval-format JSON files,
// without the store. Not a test; used by bench/similarity/*.sh.
//   similarity-tool matrix METRIC OUT.json FILE.json...
//   similarity-tool teacher STUDENT CAND1,CAND2,... FILE.json...   (every file = the reference pool)
#include "AlpacaFiles.h"
#include "similarity/Similarity.h"
#include "similarity/SimilarityJson.h"
#include "similarity/Teacher.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

using namespace ds::similarity;
using ds::similarity::testing::loadAlpacaFiles;

static std::vector<std::string> splitComma(const std::string &s)
{
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty())
            out.push_back(item);
    return out;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s matrix METRIC OUT.json FILES... | teacher STUDENT CANDS FILES...\n", argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    std::vector<std::string> files(argv + 4, argv + argc);
    const auto t0 = std::chrono::steady_clock::now();
    std::string error;
    const Corpus corpus = loadAlpacaFiles(files, &error);
    if (!error.empty()) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return 1;
    }
    const auto t1 = std::chrono::steady_clock::now();
    auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    if (mode == "matrix") {
        const auto metric = parseMetric(argv[2]);
        if (!metric) {
            std::fprintf(stderr, "error: unknown metric %s\n", argv[2]);
            return 2;
        }
        const auto m = computeSimilarity(corpus, *metric);
        nlohmann::json j = m;
        std::ofstream(argv[3]) << j.dump();
        std::fprintf(stderr, "%zu models x %zu prompts: load %.2f s, metric %.2f s\n", corpus.modelCount(), corpus.promptCount(),
                     secs(t0, t1), secs(t1, std::chrono::steady_clock::now()));
        return 0;
    }
    TeacherOptions o;
    if (const char *metric = std::getenv("DS_TEACHER_METRIC"))
        o.metric = parseMetric(metric).value_or(Metric::Combined);
    auto cands = splitComma(argv[3]);
    if (cands.size() == 1 && cands[0] == "all") {
        cands.clear();
        for (const auto &m : corpus.models)
            if (m != argv[2])
                cands.push_back(m);
    }
    const auto r = identifyTeacher(corpus, argv[2], cands, o, &error);
    if (!r) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return 1;
    }
    nlohmann::json j = *r;
    std::cout << j.dump(1) << "\n";
    return 0;
}
