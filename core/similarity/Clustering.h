#pragma once
// Layout helpers for showing a similarity map: a clustering order and a 2-D embedding.
#include <utility>
#include <vector>

namespace ds::similarity {

/// Row/column order that puts similar models next to each other: the leaf order of an
/// average-linkage (UPGMA) dendrogram on distances d = max_offdiag(s) - s.
/// `similarity` is square and symmetric; returns a permutation of 0..n-1.
std::vector<int> clusterOrder(const std::vector<std::vector<double>> &similarity);

/// Classical (Torgerson) MDS of the same distances: the two leading eigenvectors of the double-
/// centred squared-distance matrix, scaled by sqrt(eigenvalue). One (x, y) per model.
std::vector<std::pair<double, double>> classicalMds(const std::vector<std::vector<double>> &similarity);

/// Eigen-decomposition of a symmetric matrix (cyclic Jacobi). Eigenvalues descending; vectors[k] is
/// the unit eigenvector of values[k].
void symmetricEigen(std::vector<std::vector<double>> a, std::vector<double> &values, std::vector<std::vector<double>> &vectors);

} // namespace ds::similarity
