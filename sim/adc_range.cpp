#include "sim/adc_range.hpp"

#include <algorithm>
#include <cmath>

#include "sim/adc.hpp"

namespace cimsim::sim {

AdcRange::AdcRange(const CrossbarSpec& numerics, int adc_bits, double read_span_siemens,
                   bool reference_mapping)
    : enabled_(numerics.adc),
      mode_(numerics.adc_range),
      range_fraction_(numerics.adc_range_fraction),
      calibration_reads_(numerics.calibration_reads),
      bits_(adc_bits),
      read_span_siemens_(read_span_siemens),
      reference_mapping_(reference_mapping) {}

bool AdcRange::observes(bool calibrating) const {
  return enabled_ && mode_ == AdcRangeMode::kCalibrated &&
         ((calibrating && reads_ < calibration_reads_) || full_scale_ == 0.0f);
}

float AdcRange::max_full_scale(Eigen::Index lines) const {
  const double span = reference_mapping_ ? 0.5 * read_span_siemens_ : read_span_siemens_;
  return static_cast<float>(static_cast<double>(lines) * span);
}

void AdcRange::digitize(std::vector<Eigen::MatrixXf>& sums,
                        const std::vector<Eigen::RowVectorXf>& reference_sums, float observed_max,
                        Eigen::Index line_tile, bool calibrating) {
  if (!enabled_) return;
  if (mode_ == AdcRangeMode::kNeuroSim) {
    // NeuroSim V3 (Mapping.cpp CurrentToDigits): digits = trunc(I / step) of the cells' sum
    // I = z + I_ref and of the reference column's I_ref, subtracted; step = rows x
    // (g_max - g_min) / (2^bits - 1), rows being the whole tile's. Currents are non-negative,
    // so truncation is the floor.
    const float step = static_cast<float>(static_cast<double>(line_tile) * read_span_siemens_ /
                                          (std::ldexp(1.0, bits_) - 1.0));
    for (std::size_t i = 0; i < sums.size(); ++i) {
      const Eigen::RowVectorXf ref_digits = (reference_sums[i].array() / step).floor().matrix();
      Eigen::MatrixXf& sum = sums[i];
      for (Eigen::Index c = 0; c < sum.cols(); ++c) {
        sum.col(c) =
            (((sum.col(c).array() + reference_sums[i](c)) / step).floor() - ref_digits(c)) * step;
      }
    }
    return;
  }
  float full_scale = 0.0f;
  if (mode_ == AdcRangeMode::kMax) {
    full_scale = max_full_scale(line_tile);
  } else if (mode_ == AdcRangeMode::kFixed) {
    full_scale = static_cast<float>(range_fraction_) * max_full_scale(line_tile);
  } else {
    if (calibrating && reads_ < calibration_reads_) {
      full_scale_ = std::max(full_scale_, observed_max);
      ++reads_;
    }
    // Not calibrated yet (evaluation before any training read): range of this read.
    full_scale = full_scale_ > 0.0f ? full_scale_ : observed_max;
  }
  for (auto& sum : sums) adc_quantize(sum, full_scale, bits_);
}

}  // namespace cimsim::sim
