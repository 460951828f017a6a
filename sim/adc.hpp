// The analog-to-digital converter of a tile's column (or row) outputs.
#pragma once

#include <Eigen/Core>

namespace cimsim::sim {

// Quantizes `values` in place to a b-bit two's-complement code over [-full_scale, full_scale):
// 2^b levels k * step, k in [-2^(b-1), 2^(b-1) - 1], step = full_scale / 2^(b-1); values beyond
// the range clip to the end codes. Inside the range the error is at most step / 2.
void adc_quantize(Eigen::Ref<Eigen::MatrixXf> values, float full_scale, int bits);

}  // namespace cimsim::sim
