#include "sim/ir_drop.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace cimsim::sim {
namespace {

// Solves the tridiagonal system  -off x[i-1] + diag[i] x[i] - off x[i+1] = rhs[i]  in place
// (Thomas algorithm; the matrices here are diagonally dominant, so no pivoting is needed).
void solve_tridiagonal(std::vector<double>& diag, double off, std::vector<double>& rhs) {
  const std::size_t n = diag.size();
  for (std::size_t i = 1; i < n; ++i) {
    const double m = -off / diag[i - 1];
    diag[i] -= m * -off;
    rhs[i] -= m * rhs[i - 1];
  }
  rhs[n - 1] /= diag[n - 1];
  for (std::size_t i = n - 1; i-- > 0;) rhs[i] = (rhs[i] + off * rhs[i + 1]) / diag[i];
}

}  // namespace

Eigen::ArrayXXf ir_drop_path_ohm(Eigen::Index outputs, Eigen::Index inputs,
                                 Eigen::Index tile_outputs, Eigen::Index tile_inputs, double r_ohm,
                                 int column_pitch) {
  Eigen::ArrayXXf path(outputs, inputs);
  for (Eigen::Index k = 0; k < inputs; ++k) {
    const Eigen::Index tile_start = (k / tile_inputs) * tile_inputs;
    const Eigen::Index rows_in_tile = std::min(tile_inputs, inputs - tile_start);
    const double down_bitline = static_cast<double>(rows_in_tile - (k - tile_start));
    for (Eigen::Index c = 0; c < outputs; ++c) {
      const double along_wordline = static_cast<double>((c % tile_outputs) * column_pitch + 1);
      path(c, k) = static_cast<float>(r_ohm * (along_wordline + down_bitline));
    }
  }
  return path;
}

Eigen::VectorXf ir_drop_solve(const Eigen::Ref<const Eigen::ArrayXXf>& g,
                              const Eigen::Ref<const Eigen::VectorXf>& v, double r_ohm,
                              int column_pitch, double tolerance, int max_iterations) {
  const auto m = static_cast<std::size_t>(g.rows());  // columns (bitlines)
  const auto n = static_cast<std::size_t>(g.cols());  // input lines (wordlines)
  if (r_ohm == 0.0) return (g.matrix() * v).eval();
  const double wl = 1.0 / (r_ohm * column_pitch);  // wordline segment conductance
  const double bl = 1.0 / r_ohm;                   // bitline segment conductance
  // a[k][c]: wordline node of input k at column c; b[k][c]: bitline node of column c at row k.
  std::vector<double> a(n * m), b(n * m, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t c = 0; c < m; ++c) a[k * m + c] = v(static_cast<Eigen::Index>(k));
  }
  const double scale = std::max(1e-30, static_cast<double>(v.cwiseAbs().maxCoeff()));
  std::vector<double> diag, rhs;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    double change = 0;
    for (std::size_t k = 0; k < n; ++k) {  // wordline k, driven at c = -1
      diag.assign(m, 0.0);
      rhs.assign(m, 0.0);
      for (std::size_t c = 0; c < m; ++c) {
        const double cell = g(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(k));
        diag[c] = (c + 1 < m ? 2.0 : 1.0) * wl + cell;
        rhs[c] = cell * b[k * m + c] + (c == 0 ? wl * v(static_cast<Eigen::Index>(k)) : 0.0);
      }
      solve_tridiagonal(diag, wl, rhs);
      for (std::size_t c = 0; c < m; ++c) {
        change = std::max(change, std::abs(rhs[c] - a[k * m + c]));
        a[k * m + c] = rhs[c];
      }
    }
    for (std::size_t c = 0; c < m; ++c) {  // bitline c, grounded after row n-1
      diag.assign(n, 0.0);
      rhs.assign(n, 0.0);
      for (std::size_t k = 0; k < n; ++k) {
        const double cell = g(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(k));
        diag[k] = (k > 0 ? 2.0 : 1.0) * bl + cell;
        rhs[k] = cell * a[k * m + c];
      }
      solve_tridiagonal(diag, bl, rhs);
      for (std::size_t k = 0; k < n; ++k) {
        change = std::max(change, std::abs(rhs[k] - b[k * m + c]));
        b[k * m + c] = rhs[k];
      }
    }
    if (change <= tolerance * scale) {
      Eigen::VectorXf current(static_cast<Eigen::Index>(m));
      for (std::size_t c = 0; c < m; ++c)
        current(static_cast<Eigen::Index>(c)) = static_cast<float>(b[(n - 1) * m + c] * bl);
      return current;
    }
  }
  throw core::Error("IR-drop solver did not converge in " + std::to_string(max_iterations) +
                    " iterations (tolerance " + std::to_string(tolerance) +
                    "); raise hardware.crossbar.solver_max_iterations or use ir_drop: closed_form");
}

}  // namespace cimsim::sim
