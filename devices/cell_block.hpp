// The state of a block of cells (one conductance array of a tile) as plain Eigen arrays.
//
// A DeviceModel creates a block (DeviceModel::make_block) and later operates on it in bulk; the
// block holds per-cell state only, the model holds the shared parameters. Every array is
// rows x cols, column-major like the tile's matrices. A tile may read `g`, `g_lo` and `g_hi`
// directly; the other arrays belong to the model (their meaning is model-specific and documented
// next to each model) and are empty when the model does not use them.
#pragma once

#include <Eigen/Core>
#include <cstdint>

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

}  // namespace cimsim::devices
