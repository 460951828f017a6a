// The classic device characterisation: potentiate N sampled devices pulse by pulse from their
// initial state, then depress them for as many pulses, recording the conductance after every
// pulse (the LTP/LTD curve of every device paper) and each pulse's conductance change against
// the conductance before it (the update-size or "symmetry" plot of aihwkit's device analysis).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "devices/device_model.hpp"

namespace cimsim::devices {

struct PulseCurve {
  // Conductance (S) of each device (row) after pulse k (column); column 0 is the initial state,
  // columns 1..P follow potentiation pulses, P+1..2P depression pulses.
  Eigen::ArrayXXd conductance_siemens;
  std::int64_t pulses = 0;  // P
};

// Traces `devices` cells for `pulses` potentiation then `pulses` depression pulses.
PulseCurve trace_pulse_curve(const DeviceModel& model, Eigen::Index devices, std::int64_t pulses,
                             core::Rng& rng);

// Pulses from g_min to g_max for a device (levels - 1, or range / dw_min), capped at `cap`.
std::int64_t default_curve_pulses(const DeviceInfo& info, std::int64_t cap = 2000);

// CSV `device,pulse,phase,conductance_siemens` (phase: start, ltp, ltd).
std::string curve_csv(const PulseCurve& curve);
// CSV `device,direction,conductance_siemens,delta_siemens`: every pulse's change (up or down)
// against the conductance before it.
std::string update_size_csv(const PulseCurve& curve);

}  // namespace cimsim::devices
