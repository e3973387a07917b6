#pragma once
/// @file Selector.h
/// Seed selection for the fuzzing loop: MCTS-Explore (GPTFuzz), round-robin, random.
/// Deterministic for a given seed; not thread-safe (owned by one run loop).
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ds::ice {

struct SelectorParams {
    std::string kind = "mcts"; ///< "mcts", "round-robin", "random"
    double c = 0.5;            ///< MCTS exploration weight: reward/(visits+1) + c*sqrt(2 ln t/(visits+0.01))
    double alpha = 0.1;        ///< MCTS: probability of stopping at each level of the walk down
    double beta = 0.2;         ///< MCTS: minimum reward decay factor max(beta, 1 - 0.1*level)
    uint64_t seed = 1;
};

class SeedSelector {
public:
    /// `roots` = template indexes of the initial seeds.
    SeedSelector(const std::vector<int> &roots, SelectorParams p);
    /// Picks the next template to mutate (a template index).
    int select();
    /// Reports the result of the last selection: `reward` = share of successful questions of the
    /// mutant; when `newTemplate` >= 0 it becomes a child of the selected node (GPTFuzz adds only
    /// successful mutants).
    void update(double reward, int newTemplate);
    const SelectorParams &params() const { return m_p; }
    std::mt19937_64 &rng() { return m_rng; }

private:
    struct Node {
        int tpl = 0;
        int parent = -1;
        int level = 0;
        std::vector<int> children;
        int64_t visits = 0;
        double reward = 0;
    };
    double uct(const Node &n) const;
    SelectorParams m_p;
    std::mt19937_64 m_rng;
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    std::vector<int> m_path;
    int64_t m_step = 0;
    size_t m_rr = 0;
};

} // namespace ds::ice
