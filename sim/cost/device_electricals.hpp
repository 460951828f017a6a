// The electrical figures of a synaptic device that the cost model needs: conductance range,
// read and write voltages and pulse widths. Callers fill it from the device model (devices/);
// the defaults are NeuroSim's Ag:a-Si "RealDevice" (Jo et al., Nano Lett. 10, 2010, as set up in
// MLP+NeuroSim V3.0; see shared/reference/neurosim_mlp_v3_default.md).
#pragma once

#include "sim/core/config.hpp"
#include "sim/core/params.hpp"

namespace cimsim::sim::cost {

struct DeviceElectricals {
  double g_on_siemens = 38.462e-9;   // G_max
  double g_off_siemens = 3.0769e-9;  // G_min
  double read_voltage_v = 0.5;
  double read_pulse_width_s = 5e-9;  // NeuroSim RealDevice readPulseWidth
  double write_voltage_ltp_v = 3.2;
  double write_voltage_ltd_v = 2.8;
  double write_pulse_width_s = 300e-6;
  double pulse_energy_j = 0;  // energy per pulse beyond V^2 G t (e.g. SRAM write), J

  // Mean conductance of a cell whose states are spread evenly over [G_min, G_max].
  double mean_conductance_siemens() const { return 0.5 * (g_on_siemens + g_off_siemens); }
};

// Keys of `hardware.cost.electricals` (all optional, defaults as above).
const core::ParamTable& device_electricals_params();
// Reads the map (null: nothing given): keys given replace the values of `base` (the device's
// figures, or the defaults). Throws ConfigError when g_off >= g_on.
DeviceElectricals read_device_electricals(const core::ConfigNode& node,
                                          const DeviceElectricals& base = {});

}  // namespace cimsim::sim::cost
