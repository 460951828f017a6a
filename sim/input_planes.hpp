// The input side of a crossbar read: how a batch of input vectors becomes the line voltages of
// the read cycles.
//
// Each sample's vector is scaled to [-1, 1] by its largest magnitude (a digital factor applied
// again after the read; `input_scale: unit` clips to [-1, 1] instead, with a factor of 1),
// quantized to input_bits and driven through a DAC (one cycle) or bit-serially (one cycle per bit,
// shift-added after the ADC); the negative parts take cycles of their own, and only when some
// sample of the batch has one. Without input quantization the normalized vector is applied as it
// is, in one cycle.
#pragma once

#include <Eigen/Core>

#include <vector>

#include "sim/crossbar_spec.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim {

struct InputPlanes {
  // lines x (cycles x batch): cycle p of sample b in column p * batch + b.
  Eigen::MatrixXf stacked;
  // Weight of each cycle in the shift-add: 2^k / levels for bit k of a bit-serial input, 1 for a
  // DAC cycle (its values are the levels / levels), negative for the negative parts.
  std::vector<float> coefficients;
  Eigen::RowVectorXf scale;  // the per-sample factor (largest magnitude), one per column of x
  double active_lines = 0;   // nonzero entries of `stacked`: lines driven, summed over cycles
  Eigen::Index cycles() const { return static_cast<Eigen::Index>(coefficients.size()); }
};

// Encodes x (lines x batch) into `planes` (reusing its storage).
void encode_inputs(const Eigen::Ref<const Eigen::MatrixXf>& x, const TileSpec& tile,
                   const CrossbarSpec& numerics, InputPlanes& planes);

}  // namespace cimsim::sim
