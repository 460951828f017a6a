// The state of a block of cells (one conductance array of a tile) as plain Eigen arrays.
//
// A DeviceModel creates a block (DeviceModel::make_block) and later operates on it in bulk; the
// block holds per-cell state only, the model holds the shared parameters. Every array is
// rows x cols, column-major like the tile's matrices. A tile may read `g`, `g_lo` and `g_hi`
// directly; the other arrays belong to the model (their meaning is model-specific and documented
// next to each model) and are empty when the model does not use them.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace cimsim::devices {

using CellArray = Eigen::ArrayXXf;   // one float per cell
using PulseArray = Eigen::ArrayXXi;  // signed pulse counts per cell: > 0 potentiate, < 0 depress

struct CellBlock {
  CellArray g;           // conductance the array sees on a read, before read noise (S)
  CellArray g_lo;        // this cell's lowest reachable conductance (S)
  CellArray g_hi;        // this cell's highest reachable conductance (S); g_lo == g_hi: frozen cell
  CellArray up;          // model parameter per cell for potentiation (e.g. step size in S)
  CellArray down;        // model parameter per cell for depression
  CellArray up_shape;    // model shape parameter per cell for potentiation
  CellArray down_shape;  // model shape parameter per cell for depression
  CellArray hidden;      // persistent state behind `g` when a model has write noise (S)
  CellArray g_written;   // conductance right after the last write: drift reference (S)
  CellArray drift_nu;    // drift exponent per cell
  CellArray age_s;       // time since the last write of each cell (s)
  Eigen::ArrayXXi wear;  // pulses received so far (only when endurance is limited)
  CellArray scratch;     // workspace for bulk random numbers

  Eigen::Index rows() const { return g.rows(); }
  Eigen::Index cols() const { return g.cols(); }
};

// References to every per-cell state array of `block` (all members but the `scratch` workspace),
// in declaration order. The structured binding must name every data member of CellBlock, so a
// member added to the struct and not here stops the build instead of being silently skipped by
// the code that walks the arrays (cell_subset.cpp).
template <class Block>
requires std::is_same_v<std::remove_const_t<Block>, CellBlock>
auto state_arrays(Block& block) {
  [[maybe_unused]] auto& [g, g_lo, g_hi, up, down, up_shape, down_shape, hidden, g_written,
                          drift_nu, age_s, wear, scratch] = block;
  return std::tie(g, g_lo, g_hi, up, down, up_shape, down_shape, hidden, g_written, drift_nu, age_s,
                  wear);
}

// Calls f(from_array, to_array) for every per-cell state array, the same member of both blocks
// each time (either block may be const). An array a model does not use is empty.
template <class From, class To, class F>
void for_each_array(From& from, To& to, F&& f) {
  auto a = state_arrays(from);
  auto b = state_arrays(to);
  [&]<std::size_t... I>(std::index_sequence<I...>) { (f(std::get<I>(a), std::get<I>(b)), ...); }
  (std::make_index_sequence<std::tuple_size_v<decltype(a)>>{});
}

}  // namespace cimsim::devices
