#pragma once
// Dense Gram matrix kernel for the bag-of-features metrics: S += X Xᵀ for a small block of columns.
// Internal to ds_similarity.
#include <cstddef>

namespace ds::similarity::detail {

/// Number of columns of one block of the dense matrix handed to gramBlock (about 400 KB of doubles
/// for 200 models, so a block stays in L2 while every row pair is multiplied).
constexpr std::size_t kGramBlockColumns = 256;

/// S[i * ldS + j] += sum_k X[i * cols + k] * X[j * cols + k] for every i and every j >= (i & ~3)
/// (the upper triangle and diagonal are always complete; a few entries below it are touched too).
/// X is row-major, rows x cols, with rows and cols multiples of 4 (zero padded). Exact double
/// arithmetic, only the order of the additions differs from a plain loop. Uses AVX2/FMA when the
/// CPU has it (runtime dispatch on x86-64 with GCC/Clang).
void gramBlock(const double *X, std::size_t rows, std::size_t cols, double *S, std::size_t ldS);

} // namespace ds::similarity::detail
