// How a crossbar update dW = -lr / batch * delta x^T becomes signed programming-pulse counts per
// cell: NeuroSim's quantized counts (`pulse`, nearest or stochastic rounding), coincidences of
// stochastic pulse trains (`stochastic`) or a digital accumulator that fires whole pulses
// (`mixed_precision`). The device model then decides what each pulse does.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "devices/device_model.hpp"
#include "sim/core/quantizer.hpp"
#include "sim/core/rng.hpp"
#include "sim/crossbar_spec.hpp"
#include "sim/event_counts.hpp"

namespace cimsim::sim {

class PulseUpdate {
 public:
  // weight_per_siemens: the weight change of one siemens of signed conductance; both_sides: a
  // differential pair moves both cells on every pulse, doubling a pulse's weight change.
  PulseUpdate(Eigen::Index outputs, Eigen::Index inputs, const CrossbarSpec& numerics,
              const core::QuantizerSpec& gradient_quantizer, const devices::DeviceInfo& device,
              double weight_per_siemens, bool both_sides);

  // Pulse counts (outputs x columns.size(), clipped to max_pulses) of the update of the weight
  // columns `columns`, whose inputs are x_active (columns.size() x batch); the outer product's
  // digital work goes to `gradient`.
  Eigen::MatrixXf pulses(const Eigen::Ref<const Eigen::MatrixXf>& delta,
                         const Eigen::Ref<const Eigen::MatrixXf>& x_active,
                         const std::vector<Eigen::Index>& columns, float learning_rate,
                         core::Rng& rng, PhaseCounts& gradient);
  // Forgets the mixed-precision remainders (the weights were rewritten).
  void reset() { accumulator_.resize(0, 0); }

  // The weight change one pulse makes (in weight units, at g_min, nominal device).
  float weight_per_pulse() const { return weight_per_pulse_; }

 private:
  Eigen::Index outputs_;
  Eigen::Index inputs_;
  CrossbarSpec numerics_;
  core::QuantizerSpec gradient_quantizer_;
  float weight_per_pulse_ = 0;
  float weight_per_ltd_pulse_ =
      0;  // a depression (negative dW) pulse; differs with pulse_step: nominal
  Eigen::MatrixXf accumulator_;  // mixed precision: digital dW not yet fired (weight units)
};

}  // namespace cimsim::sim
