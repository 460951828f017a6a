// aihwkit-style pulsed step models (Gokmen & Vlasov, Front. Neurosci. 10:333, 2016; aihwkit
// documentation of PulsedDevice and its subclasses, Rasch et al., IEEE AICAS 2021).
//
// Parameters live in the device's weight units w in [w_min, w_max], exactly as aihwkit states
// them, and map linearly onto conductance: g = g_min + (w - w_min) k, k = (g_max - g_min) /
// (w_max - w_min). Per cell (device-to-device, drawn once):
//   beta = up_down + up_down_dtod xi,   s = 1 + dw_min_dtod xi',
//   step_up = dw_min (s + beta),  step_down = dw_min (s - beta)       (clipped at >= 0),
//   b_max = w_max (1 + w_max_dtod xi''),  b_min = w_min (1 + w_min_dtod xi''')
// and each pulse's step is scaled by (1 + dw_min_std xi) (cycle-to-cycle). With write noise the
// pulses act on a hidden state and the visible g is hidden + write_noise_std dw_min xi, redrawn
// whenever the cell is written (aihwkit's write_noise_std).
//
// Registered types: constant_step, linear_step, soft_bounds (here, closed-form n-pulse updates)
// and exp_step, pow_step, piecewise_step (shaped_step_devices.cpp, pulse by pulse).
// Fresh cells start at their lowest conductance g_lo (= b_min); per-cell arrays: up/down = step
// sizes in S, up_shape/down_shape = model-specific shape parameters.
#pragma once

#include "devices/device_registry.hpp"

namespace cimsim::devices {

// The PulsedDevice parameters shared by every step model.
struct PulsedStepParams {
  double w_min = -0.6;
  double w_max = 0.6;
  double dw_min = 0.001;
  double up_down = 0;
  double up_down_dtod = 0.01;
  double dw_min_dtod = 0.3;
  double dw_min_std = 0.3;
  double w_min_dtod = 0.3;
  double w_max_dtod = 0.3;
  double write_noise_std = 0;

  // Adds the keys above (with aihwkit's defaults) to `table`.
  static void declare(core::ParamTable& table);
  static PulsedStepParams read(const core::ConfigNode& node, const core::ParamValues& values);
};

// Base of all step models: draws bounds and step sizes, handles write noise and programming.
class PulsedStepDevice : public DeviceModel {
 protected:
  PulsedStepDevice(DeviceInfo info, CommonParams common, YAML::Node resolved,
                   PulsedStepParams step);

  const PulsedStepParams& step_params() const { return step_; }
  float siemens_per_w() const { return k_; }
  // Conductance of w = 0 (the weight origin the step formulas refer to).
  float g_origin() const { return g_origin_; }

  // Draws the model's shape parameters after bounds and steps are set (default: none).
  virtual void init_shape(CellBlock& block, core::Rng& rng) const;
  // Applies the pulses to `state` (block.g, or block.hidden with write noise), clipping to
  // [g_lo, g_hi] and leaving cells with 0 pulses untouched.
  virtual void update_state(CellBlock& block, CellArray& state,
                            const Eigen::Ref<const PulseArray>& pulses, core::Rng& rng) const = 0;

 private:
  void init_cells(CellBlock& block, core::Rng& rng) const final;
  void pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                   core::Rng& rng) const final;
  void program_cells(CellBlock& block, const Eigen::Ref<const CellArray>& target,
                     core::Rng& rng) const final;

  PulsedStepParams step_;
  float k_;
  float g_origin_;
};

// Nominal DeviceInfo of a step model (range, dw_min in S, levels = range / dw_min).
DeviceInfo step_device_info(const std::string& type, const CommonParams& common,
                            const PulsedStepParams& step);

void register_linear_step_devices(DeviceRegistry& registry);

}  // namespace cimsim::devices
