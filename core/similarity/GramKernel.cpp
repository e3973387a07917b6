#include "GramKernel.h"

#include <cstring>

// GCC/Clang vector extensions: 4 doubles per operation. target_clones compiles the kernel twice
// (AVX2+FMA and the baseline) and picks one at load time, so the binary still runs on any x86-64.
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__aarch64__))
#define DS_GRAM_VECTOR 1
#if defined(__x86_64__) && !defined(__APPLE__)
#define DS_GRAM_CLONES __attribute__((target_clones("arch=haswell", "default")))
#else
#define DS_GRAM_CLONES
#endif
#endif

namespace ds::similarity::detail {

#ifdef DS_GRAM_VECTOR

typedef double v4d __attribute__((vector_size(32)));
// Macros rather than helper functions: a function taking or returning v4d would change the ABI
// between the AVX2 clone and the baseline (GCC warns with -Wpsabi).
#define DS_LOAD4(v, p) std::memcpy(&(v), (p), sizeof(v4d))
#define DS_HSUM(v) (((v)[0] + (v)[1]) + ((v)[2] + (v)[3]))

DS_GRAM_CLONES
void gramBlock(const double *X, std::size_t rows, std::size_t cols, double *S, std::size_t ldS)
{
    // 2 x 4 tiles of S: 8 accumulators + 6 operands fit the 16 vector registers of AVX2.
    for (std::size_t i = 0; i < rows; i += 2) {
        const double *a0 = X + i * cols;
        const double *a1 = a0 + cols;
        for (std::size_t j = i & ~std::size_t(3); j < rows; j += 4) {
            const double *b0 = X + j * cols;
            const double *b1 = b0 + cols;
            const double *b2 = b1 + cols;
            const double *b3 = b2 + cols;
            v4d c00 = {}, c01 = {}, c02 = {}, c03 = {}, c10 = {}, c11 = {}, c12 = {}, c13 = {};
            for (std::size_t k = 0; k < cols; k += 4) {
                v4d x0, x1, y0, y1, y2, y3;
                DS_LOAD4(x0, a0 + k);
                DS_LOAD4(x1, a1 + k);
                DS_LOAD4(y0, b0 + k);
                DS_LOAD4(y1, b1 + k);
                DS_LOAD4(y2, b2 + k);
                DS_LOAD4(y3, b3 + k);
                c00 += x0 * y0;
                c01 += x0 * y1;
                c02 += x0 * y2;
                c03 += x0 * y3;
                c10 += x1 * y0;
                c11 += x1 * y1;
                c12 += x1 * y2;
                c13 += x1 * y3;
            }
            double *s0 = S + i * ldS + j;
            double *s1 = s0 + ldS;
            s0[0] += DS_HSUM(c00);
            s0[1] += DS_HSUM(c01);
            s0[2] += DS_HSUM(c02);
            s0[3] += DS_HSUM(c03);
            s1[0] += DS_HSUM(c10);
            s1[1] += DS_HSUM(c11);
            s1[2] += DS_HSUM(c12);
            s1[3] += DS_HSUM(c13);
        }
    }
}

#else

void gramBlock(const double *X, std::size_t rows, std::size_t cols, double *S, std::size_t ldS)
{
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = i & ~std::size_t(3); j < rows; ++j) {
            double dot = 0;
            for (std::size_t k = 0; k < cols; ++k)
                dot += X[i * cols + k] * X[j * cols + k];
            S[i * ldS + j] += dot;
        }
}

#endif

} // namespace ds::similarity::detail
