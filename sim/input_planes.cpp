#include "sim/input_planes.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace cimsim::sim {

void encode_inputs(const Eigen::Ref<const Eigen::MatrixXf>& x, const TileSpec& tile,
                   const CrossbarSpec& numerics, InputPlanes& planes) {
  const Eigen::Index lines = x.rows(), batch = x.cols();
  planes.scale = x.cwiseAbs().colwise().maxCoeff();
  const auto normalized = [&](Eigen::Index r, Eigen::Index b) {
    const float s = planes.scale(b);
    return s > 0.0f ? x(r, b) / s : x(r, b);
  };
  planes.coefficients.clear();
  if (!numerics.quantize_inputs) {
    planes.coefficients.push_back(1.0f);
    planes.stacked.resize(lines, batch);
    planes.active_lines = 0;
    for (Eigen::Index b = 0; b < batch; ++b) {
      for (Eigen::Index r = 0; r < lines; ++r) {
        planes.stacked(r, b) = normalized(r, b);
        planes.active_lines += planes.stacked(r, b) != 0.0f ? 1 : 0;
      }
    }
    return;
  }
  const float levels = std::ldexp(1.0f, static_cast<int>(tile.input_bits)) - 1.0f;
  const auto level = [levels](float v) { return std::round(std::max(v, 0.0f) * levels); };
  // Negative cycles exist when some value rounds to a nonzero negative level; the level is
  // monotone in the value, so each sample's smallest value decides.
  bool has_negative = false;
  for (Eigen::Index b = 0; b < batch && !has_negative; ++b) {
    Eigen::Index r = 0;
    x.col(b).minCoeff(&r);
    has_negative = level(-normalized(r, b)) > 0.0f;
  }
  const bool dac = tile.input_mode == InputMode::kDac;
  const int bits = static_cast<int>(tile.input_bits);
  const int per_sign = dac ? 1 : bits;
  for (const float sign : {1.0f, -1.0f}) {
    if (sign < 0.0f && !has_negative) break;
    for (int k = 0; k < per_sign; ++k) {
      planes.coefficients.push_back(dac ? sign : sign * std::ldexp(1.0f, k) / levels);
    }
  }
  planes.stacked.resize(lines, planes.cycles() * batch);
  std::int64_t active = 0;
  for (Eigen::Index b = 0; b < batch; ++b) {
    for (Eigen::Index r = 0; r < lines; ++r) {
      const float v = normalized(r, b);
      const float parts[2] = {level(v), level(-v)};
      for (int side = 0; side < (has_negative ? 2 : 1); ++side) {
        const Eigen::Index first = side * per_sign;
        if (dac) {
          planes.stacked(r, first * batch + b) = parts[side] / levels;
          active += parts[side] != 0.0f ? 1 : 0;
          continue;
        }
        // Bit k of the integer level drives cycle k (bit-serial input driver).
        const auto integer = static_cast<unsigned>(parts[side]);
        active += std::popcount(integer);
        for (int k = 0; k < bits; ++k) {
          planes.stacked(r, (first + k) * batch + b) = static_cast<float>((integer >> k) & 1u);
        }
      }
    }
  }
  planes.active_lines = static_cast<double>(active);
}

}  // namespace cimsim::sim
