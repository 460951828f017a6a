#include "sim/input_planes.hpp"

#include <bit>
#include <cmath>

namespace cimsim::sim {

void encode_inputs(const Eigen::Ref<const Eigen::MatrixXf>& x, const TileSpec& tile,
                   const CrossbarSpec& numerics, InputPlanes& planes) {
  const Eigen::Index batch = x.cols();
  // Whole-matrix passes, so that Eigen vectorizes them (its vectorized round is std::round's:
  // half away from zero).
  Eigen::ArrayXXf normalized;
  if (numerics.input_scale == InputScale::kUnit) {
    planes.scale = Eigen::RowVectorXf::Ones(batch);
    normalized = x.array().max(-1.0f).min(1.0f);
  } else {
    planes.scale = x.cwiseAbs().colwise().maxCoeff();
    normalized = x.array();
    for (Eigen::Index b = 0; b < batch; ++b) {
      if (planes.scale(b) > 0.0f) normalized.col(b) /= planes.scale(b);
    }
  }
  planes.coefficients.clear();
  if (!numerics.quantize_inputs) {
    planes.coefficients.push_back(1.0f);
    planes.active_lines = static_cast<double>((normalized != 0.0f).count());
    planes.stacked = normalized.matrix();
    return;
  }
  const float levels = std::ldexp(1.0f, static_cast<int>(tile.input_bits)) - 1.0f;
  const auto level = [levels](const Eigen::ArrayXXf& v) {
    return (v.max(0.0f) * levels).round().eval();
  };
  // Negative cycles exist when some value rounds to a nonzero negative level.
  const Eigen::ArrayXXf negative = level(-normalized);
  const bool has_negative = (negative > 0.0f).any();
  const bool dac = tile.input_mode == InputMode::kDac;
  const int bits = static_cast<int>(tile.input_bits);
  const int per_sign = dac ? 1 : bits;
  for (const float sign : {1.0f, -1.0f}) {
    if (sign < 0.0f && !has_negative) break;
    for (int k = 0; k < per_sign; ++k) {
      planes.coefficients.push_back(dac ? sign : sign * std::ldexp(1.0f, k) / levels);
    }
  }
  planes.stacked.resize(x.rows(), planes.cycles() * batch);
  std::int64_t active = 0;
  Eigen::ArrayXXi integer;
  for (int side = 0; side < (has_negative ? 2 : 1); ++side) {
    const Eigen::ArrayXXf part = side == 0 ? level(normalized) : negative;
    const Eigen::Index first = side * per_sign;
    if (dac) {
      planes.stacked.middleCols(first * batch, batch) = (part / levels).matrix();
      active += (part != 0.0f).count();
      continue;
    }
    // Bit k of the integer level drives cycle k (bit-serial input driver); the batch's columns of
    // one cycle are contiguous.
    integer = part.cast<int>();
    const int* level_of = integer.data();
    const Eigen::Index values = integer.size();
    for (int k = 0; k < bits; ++k) {
      float* cycle = planes.stacked.col((first + k) * batch).data();
      for (Eigen::Index i = 0; i < values; ++i)
        cycle[i] = static_cast<float>((level_of[i] >> k) & 1);
    }
    for (Eigen::Index i = 0; i < values; ++i)
      active += std::popcount(static_cast<unsigned>(level_of[i]));
  }
  planes.active_lines = static_cast<double>(active);
}

}  // namespace cimsim::sim
