#include "sim/pulse_update.hpp"

#include <cmath>

namespace cimsim::sim {
namespace {

Eigen::MatrixXf gather(const Eigen::Ref<const Eigen::MatrixXf>& m,
                       const std::vector<Eigen::Index>& cols) {
  Eigen::MatrixXf out(m.rows(), static_cast<Eigen::Index>(cols.size()));
  for (std::size_t k = 0; k < cols.size(); ++k)
    out.col(static_cast<Eigen::Index>(k)) = m.col(cols[k]);
  return out;
}

}  // namespace

PulseUpdate::PulseUpdate(Eigen::Index outputs, Eigen::Index inputs, const CrossbarSpec& numerics,
                         const core::QuantizerSpec& gradient_quantizer,
                         const devices::DeviceInfo& device, double weight_per_siemens,
                         bool both_sides)
    : outputs_(outputs),
      inputs_(inputs),
      numerics_(numerics),
      gradient_quantizer_(gradient_quantizer) {
  const double pair = both_sides ? 2.0 : 1.0;
  weight_per_pulse_ = static_cast<float>(device.dw_min_siemens * weight_per_siemens * pair);
  weight_per_ltd_pulse_ = weight_per_pulse_;
  if (numerics_.nominal_pulse_step && device.levels >= 2) {
    const double range = device.g_max_siemens - device.g_min_siemens;
    const auto nominal = [&](std::int64_t levels) {
      return static_cast<float>(range / static_cast<double>(levels) * weight_per_siemens * pair);
    };
    weight_per_pulse_ = nominal(device.levels);
    weight_per_ltd_pulse_ = nominal(device.levels_ltd >= 2 ? device.levels_ltd : device.levels);
  }
}

Eigen::MatrixXf PulseUpdate::pulses(const Eigen::Ref<const Eigen::MatrixXf>& delta,
                                    const Eigen::Ref<const Eigen::MatrixXf>& x_active,
                                    const std::vector<Eigen::Index>& columns, float learning_rate,
                                    core::Rng& rng, PhaseCounts& gradient) {
  const CrossbarSpec& num = numerics_;
  const auto batch = static_cast<double>(x_active.cols());
  const float step = learning_rate / static_cast<float>(x_active.cols());
  const auto max_pulses = static_cast<float>(num.max_pulses);
  Eigen::MatrixXf pulses_f;
  if (num.update == UpdateMode::kStochastic) {
    // Gokmen & Vlasov 2016: row j fires in each of BL slots with probability |x_j| C, column i
    // with |delta_i| C; a coincidence is one pulse. E[pulses] = BL C^2 |x_j delta_i|, so
    // C = sqrt(step / (BL * weight_per_pulse)) makes the expected change -step * delta x^T.
    const auto bl = static_cast<Eigen::Index>(num.bit_length);
    const float c = std::sqrt(step / (static_cast<float>(bl) * weight_per_pulse_));
    const auto active = static_cast<Eigen::Index>(columns.size());
    pulses_f = Eigen::MatrixXf::Zero(outputs_, active);
    Eigen::MatrixXf rows(active, bl), cols(outputs_, bl);
    for (Eigen::Index b = 0; b < x_active.cols(); ++b) {
      rng.fill_uniform(rows.data(), static_cast<std::size_t>(rows.size()), 0.0f, 1.0f);
      rng.fill_uniform(cols.data(), static_cast<std::size_t>(cols.size()), 0.0f, 1.0f);
      for (Eigen::Index t = 0; t < bl; ++t) {
        const auto xa = x_active.col(b).array();
        rows.col(t) =
            (rows.col(t).array() < (xa.abs() * c).min(1.0f)).select(xa.sign(), 0.0f).matrix();
        const auto d = delta.col(b).array();
        cols.col(t) =
            (cols.col(t).array() < (d.abs() * c).min(1.0f)).select(d.sign(), 0.0f).matrix();
      }
      pulses_f.noalias() -= cols * rows.transpose();
    }
    pulses_f = pulses_f.cwiseMax(-max_pulses).cwiseMin(max_pulses);
    gradient.digital_macs += static_cast<double>(outputs_ + inputs_) * batch;  // probabilities
  } else {
    Eigen::MatrixXf dw = -step * (delta * x_active.transpose());  // outputs x |J|
    core::quantize(gradient_quantizer_, dw);
    if (num.update == UpdateMode::kPulse) {
      // NeuroSim: the change rounded to a whole number of (nominal) pulses; or stochastic rounding
      // (floor(v + u), u ~ U[0, 1)), whose expectation is the exact change (Gupta et al., ICML
      // 2015).
      if (weight_per_ltd_pulse_ == weight_per_pulse_) {
        pulses_f = dw / weight_per_pulse_;
      } else {
        pulses_f = (dw.array() > 0.0f).select(dw / weight_per_pulse_, dw / weight_per_ltd_pulse_);
      }
      if (num.stochastic_rounding) {
        Eigen::MatrixXf u(pulses_f.rows(), pulses_f.cols());
        rng.fill_uniform(u.data(), static_cast<std::size_t>(u.size()), 0.0f, 1.0f);
        pulses_f = (pulses_f + u).array().floor().matrix();
      } else {
        pulses_f = pulses_f.array().round().matrix();
      }
      pulses_f = pulses_f.cwiseMax(-max_pulses).cwiseMin(max_pulses);
    } else {
      // Nandakumar et al. 2020: accumulate digitally, fire whole pulses, keep the remainder.
      if (accumulator_.size() == 0) accumulator_ = Eigen::MatrixXf::Zero(outputs_, inputs_);
      Eigen::MatrixXf acc = gather(accumulator_, columns) + dw;
      pulses_f = (acc / weight_per_pulse_)
                     .unaryExpr([](float v) { return std::trunc(v); })
                     .cwiseMax(-max_pulses)
                     .cwiseMin(max_pulses);
      acc -= pulses_f * weight_per_pulse_;
      for (std::size_t k = 0; k < columns.size(); ++k)
        accumulator_.col(columns[k]) = acc.col(static_cast<Eigen::Index>(k));
    }
    gradient.digital_macs +=
        static_cast<double>(outputs_) * static_cast<double>(columns.size()) * batch;
  }
  return pulses_f;
}

}  // namespace cimsim::sim
