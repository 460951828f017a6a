// Uniform symmetric quantizers for weights, activations, errors and gradients, in the spirit of
// WAGE (Wu, Li, Chen & Shi, "Training and inference with integers in deep neural networks",
// ICLR 2018): each tensor class has its own bit width; 0 bits means full precision.
#pragma once

#include <Eigen/Core>

namespace cimsim::core {

struct QuantizerSpec {
  // 0 = off. With b >= 2 bits a tensor takes 2^(b-1)-1 levels on each side of zero plus zero;
  // b = 1 keeps only the sign (+range or -range).
  int bits = 0;
  // true: the range is max|x| of the tensor being quantized (per batch, like WAGE's error
  // scaling); false: the fixed `range` below, values beyond it are clipped.
  bool dynamic_range = true;
  float range = 1.0f;

  bool enabled() const { return bits > 0; }
};

// Quantizes `x` in place (no-op when the spec is off or the tensor is all zeros).
void quantize(const QuantizerSpec& spec, Eigen::Ref<Eigen::MatrixXf> x);

}  // namespace cimsim::core
