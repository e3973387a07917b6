#pragma once
// A 64-bit hash with a fixed, written-down definition, for values that outlive the process: seeds
// that shape a judge prompt (and so its request key, the cache of paid answers) and feature hashes
// behind similarity figures. std::hash is implementation-defined and may change with the toolchain,
// which would silently miss the cache and pay again, or move a figure.
//
// Definition (MurmurHash64A-style, as libstdc++ 64-bit defines std::hash for strings, so keys made
// by earlier builds on that toolchain stay valid): m = 0xc6a4a7935bd1e995, h = seed ^ (len * m);
// for each 8-byte little-endian word w: h ^= mix(w * m) * m, h *= m; a tail of 1-7 bytes is read
// little-endian into one word t: h ^= t, h *= m; finally h = mix(mix(h) * m), where
// mix(x) = x ^ (x >> 47), all arithmetic modulo 2^64, seed = 0xc70f6907.
#include <cstdint>
#include <string_view>

namespace ds {

uint64_t stableHash64(std::string_view bytes);

} // namespace ds
