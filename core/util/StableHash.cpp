#include "util/StableHash.h"

namespace ds {

namespace {
constexpr uint64_t kMul = 0xc6a4a7935bd1e995ULL;
constexpr uint64_t kSeed = 0xc70f6907ULL;

uint64_t mix(uint64_t x)
{
    return x ^ (x >> 47);
}

/// `n` (1..8) bytes as a little-endian word, whatever the host's byte order.
uint64_t littleEndianWord(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    for (size_t i = n; i-- > 0;)
        w = (w << 8) | p[i];
    return w;
}
} // namespace

uint64_t stableHash64(std::string_view bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const size_t len = bytes.size();
    uint64_t h = kSeed ^ (uint64_t(len) * kMul);
    const size_t whole = len & ~size_t(7);
    for (size_t i = 0; i < whole; i += 8) {
        h ^= mix(littleEndianWord(p + i, 8) * kMul) * kMul;
        h *= kMul;
    }
    if (len & 7) {
        h ^= littleEndianWord(p + whole, len & 7);
        h *= kMul;
    }
    return mix(mix(h) * kMul);
}

} // namespace ds
