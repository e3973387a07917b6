#pragma once
// Deterministic hashing and random numbers for the simulator. Every simulated choice is drawn from
// a generator seeded by a hash of (config seed, model name, prompt text, purpose), so an answer never
// depends on request order, timing or thread scheduling.
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace ds::sim {

/// SplitMix64 finaliser: spreads the bits of `x` (a good 64-bit mixer, cheap and stateless).
inline constexpr uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// FNV-1a over `text`, continued from `h`, then mixed. Stable across platforms and runs.
inline constexpr uint64_t hashText(std::string_view text, uint64_t h = 0xcbf29ce484222325ULL)
{
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

/// Combines a numeric seed with several text parts into one hash; the parts are length-separated
/// so ("ab","c") and ("a","bc") differ.
inline uint64_t hashParts(uint64_t seed, std::initializer_list<std::string_view> parts)
{
    uint64_t h = mix64(seed ^ 0x5851f42d4c957f2dULL);
    for (auto p : parts)
        h = hashText(p, h ^ (p.size() * 0x2545f4914f6cdd1dULL));
    return h;
}

/// Small deterministic generator (SplitMix64 stream). Not thread-safe; make one per use.
class Rng {
public:
    explicit Rng(uint64_t seed) : m_state(seed) {}
    /// Derives an independent generator for a named purpose, leaving this one untouched.
    Rng fork(std::string_view purpose) const { return Rng(hashText(purpose, m_state)); }
    uint64_t next() { return mix64(m_state += 0x9e3779b97f4a7c15ULL); }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    /// Uniform integer in [0, n); 0 when n == 0.
    size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
    /// Uniform integer in [lo, hi].
    /// The span is computed in 64 bits: hi - lo + 1 overflows int for wide ranges.
    int range(int lo, int hi)
    {
        if (hi <= lo)
            return lo;
        const auto span = static_cast<size_t>(static_cast<int64_t>(hi) - lo + 1);
        return static_cast<int>(lo + static_cast<int64_t>(below(span)));
    }
    bool chance(double p) { return uniform() < p; }
    template <class T> const T &pick(const std::vector<T> &v) { return v[below(v.size())]; }
    /// Fisher-Yates shuffle of `v` in place.
    template <class T> void shuffle(std::vector<T> &v)
    {
        for (size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[below(i)]);
    }

private:
    uint64_t m_state;
};

/// A deterministic fraction in [0, 1) for (seed, parts): "does this prompt fall under rate p?".
inline double unitFraction(uint64_t seed, std::initializer_list<std::string_view> parts)
{
    return static_cast<double>(hashParts(seed, parts) >> 11) * (1.0 / 9007199254740992.0);
}

} // namespace ds::sim
