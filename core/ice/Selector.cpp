#include "ice/Selector.h"

#include <cmath>

namespace ds::ice {

SeedSelector::SeedSelector(const std::vector<int> &roots, SelectorParams p) : m_p(std::move(p)), m_rng(m_p.seed)
{
    for (int t : roots) {
        m_roots.push_back(static_cast<int>(m_nodes.size()));
        m_nodes.push_back({t, -1, 0, {}, 0, 0});
    }
}

double SeedSelector::uct(const Node &n) const
{
    const double t = static_cast<double>(std::max<int64_t>(m_step, 1));
    return n.reward / (static_cast<double>(n.visits) + 1.0) + m_p.c * std::sqrt(2.0 * std::log(t) / (static_cast<double>(n.visits) + 0.01));
}

int SeedSelector::select()
{
    m_path.clear();
    if (m_nodes.empty())
        return -1;
    if (m_p.kind == "round-robin") {
        const int n = static_cast<int>(m_rr++ % m_nodes.size());
        m_path.push_back(n);
        return m_nodes[n].tpl;
    }
    if (m_p.kind == "random") {
        std::uniform_int_distribution<size_t> d(0, m_nodes.size() - 1);
        const int n = static_cast<int>(d(m_rng));
        m_path.push_back(n);
        return m_nodes[n].tpl;
    }
    ++m_step;
    auto best = [&](const std::vector<int> &cands) {
        int b = cands.front();
        for (int c : cands)
            if (uct(m_nodes[c]) > uct(m_nodes[b]))
                b = c;
        return b;
    };
    int cur = best(m_roots);
    m_path.push_back(cur);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    while (!m_nodes[cur].children.empty()) {
        if (u(m_rng) < m_p.alpha)
            break;
        cur = best(m_nodes[cur].children);
        m_path.push_back(cur);
    }
    for (int n : m_path)
        ++m_nodes[n].visits;
    return m_nodes[cur].tpl;
}

void SeedSelector::update(double reward, int newTemplate)
{
    if (m_path.empty())
        return;
    const int last = m_path.back();
    if (m_p.kind == "mcts") {
        const double decay = std::max(m_p.beta, 1.0 - 0.1 * m_nodes[last].level);
        for (int n : m_path)
            m_nodes[n].reward += reward * decay;
    }
    if (newTemplate >= 0) {
        const int id = static_cast<int>(m_nodes.size());
        m_nodes.push_back({newTemplate, last, m_nodes[last].level + 1, {}, 0, 0});
        m_nodes[last].children.push_back(id);
    }
}

} // namespace ds::ice
