#include "sim/adc.hpp"

#include <cmath>

namespace cimsim::sim {

void adc_quantize(Eigen::Ref<Eigen::MatrixXf> values, float full_scale, int bits) {
  if (!(full_scale > 0.0f)) {
    values.setZero();
    return;
  }
  const float half_codes = std::ldexp(1.0f, bits - 1);
  const float step = full_scale / half_codes;
  const float inv_step = 1.0f / step;
  const auto convert = [&](auto&& v) {
    v = (v * inv_step).round().max(-half_codes).min(half_codes - 1.0f) * step;
  };
  if (values.outerStride() == values.rows()) {
    // Contiguous: one linear pass, vectorized however short the columns are.
    convert(Eigen::Map<Eigen::ArrayXf>(values.data(), values.size()));
  } else {
    convert(values.array());
  }
}

}  // namespace cimsim::sim
