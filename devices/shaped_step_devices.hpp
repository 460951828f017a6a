// aihwkit step models whose step size is a nonlinear function of the weight, applied pulse by
// pulse (aihwkit documentation, simulator/configs/devices):
//   exp_step:  z = 2 a_es w / (b_max - b_min) + b_es,
//              step_up   = step_up_ij   max(1 - a_up   exp( gamma_up   z), 0),
//              step_down = step_down_ij max(1 - a_down exp(-gamma_down z), 0);
//   pow_step:  omega = (b_max - w) / (b_max - b_min),
//              step_up = step_up_ij omega^gamma_up_ij, step_down = step_down_ij (1 -
//              omega)^gamma_down_ij, gamma_d_ij = pow_gamma (1 +/- beta_ij + pow_gamma_dtod xi),
//              beta_ij = pow_up_down + pow_up_down_dtod xi (Fusi & Abbott, Nat. Neurosci. 2007);
//   piecewise_step: the step is step_d_ij times a factor interpolated linearly between nodes
//              `piecewise_up` / `piecewise_down` spread evenly over [b_min, b_max].
// Each pulse's step is multiplied by (1 + dw_min_std xi). See pulsed_step_device.hpp for the
// shared parameters. Per-cell arrays: up_shape/down_shape = pow_step exponents.
#pragma once

#include <string>
#include <vector>

#include "devices/device_registry.hpp"

namespace cimsim::devices {

void register_shaped_step_devices(DeviceRegistry& registry);

// Keys of list-valued parameters of device `type` (piecewise_up/down), which the model reads
// itself because a ParamTable holds scalars only; the factory accepts them for that type.
std::vector<std::string> list_valued_keys(const std::string& type);

}  // namespace cimsim::devices
