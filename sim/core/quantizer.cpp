#include "sim/core/quantizer.hpp"

#include <cmath>

namespace cimsim::core {

void quantize(const QuantizerSpec& spec, Eigen::Ref<Eigen::MatrixXf> x) {
  if (!spec.enabled() || x.size() == 0) return;
  const float range = spec.dynamic_range ? x.cwiseAbs().maxCoeff() : spec.range;
  if (!(range > 0.0f)) return;
  if (spec.bits == 1) {
    x = (x.array() >= 0.0f).select(range, Eigen::MatrixXf::Constant(x.rows(), x.cols(), -range));
    return;
  }
  const float steps = static_cast<float>((1 << (spec.bits - 1)) - 1);
  const float step = range / steps;
  x = (x.array().max(-range).min(range) / step).round() * step;
}

}  // namespace cimsim::core
