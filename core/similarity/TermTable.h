#pragma once
// A flat open-addressing hash table from term hash to a count or weight. The metrics look up every
// term of every answer, and std::unordered_map's node chasing was the bottleneck.
#include <cstdint>
#include <vector>

namespace ds::similarity {

class TermTable {
public:
    explicit TermTable(std::size_t expected = 1024) { rehash(capacityFor(expected)); }

    /// The slot of `key`, inserted with value 0 when new.
    double &operator[](uint64_t key)
    {
        if ((m_size + 1) * 10 > m_keys.size() * 7)
            rehash(m_keys.size() * 2);
        key = fix(key);
        std::size_t i = slot(key);
        while (m_keys[i] != 0 && m_keys[i] != key)
            i = (i + 1) & m_mask;
        if (m_keys[i] == 0) {
            m_keys[i] = key;
            ++m_size;
        }
        return m_values[i];
    }
    /// The value of `key`, or `fallback` when absent.
    double get(uint64_t key, double fallback = 0.0) const
    {
        key = fix(key);
        for (std::size_t i = slot(key);; i = (i + 1) & m_mask) {
            if (m_keys[i] == key)
                return m_values[i];
            if (m_keys[i] == 0)
                return fallback;
        }
    }
    std::size_t size() const { return m_size; }
    /// Calls fn(key, value&) for every entry.
    template <class Fn> void forEach(Fn fn)
    {
        for (std::size_t i = 0; i < m_keys.size(); ++i)
            if (m_keys[i] != 0)
                fn(m_keys[i], m_values[i]);
    }

private:
    static uint64_t fix(uint64_t k) { return k == 0 ? 1 : k; } // 0 marks an empty slot
    static std::size_t capacityFor(std::size_t n)
    {
        std::size_t c = 16;
        while (c * 7 < n * 10)
            c *= 2;
        return c;
    }
    std::size_t slot(uint64_t k) const { return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> 20) & m_mask; }
    void rehash(std::size_t capacity)
    {
        std::vector<uint64_t> keys(capacity, 0);
        std::vector<double> values(capacity, 0.0);
        std::swap(keys, m_keys);
        std::swap(values, m_values);
        m_mask = capacity - 1;
        m_size = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] != 0)
                (*this)[keys[i]] = values[i];
    }
    std::vector<uint64_t> m_keys;
    std::vector<double> m_values;
    std::size_t m_mask = 0, m_size = 0;
};

} // namespace ds::similarity
