// `neurosim_nonlinear`: NeuroSim's analog synapse with exponential LTP/LTD curves.
//
// Conductance after P pulses on the LTP branch (Chen, Peng & Yu, IEEE TCAD 2018, eq. for the
// nonlinear weight update; NeuroSim MLP manual):
//   G(P) = B (1 - exp(-P / A)) + G_min,  B = (G_max - G_min) / (1 - exp(-P_max / A)),
// with A = a(NL) P_max from the nonlinearity label NL (devices/nonlinearity.hpp) and
// P_max = levels - 1 pulses from G_min to G_max. The LTD branch is the same form with its own
// label (negative by NeuroSim's convention) and level count. A write of n pulses finds the
// cell's position P on the branch of its direction by inverting G(P), moves to
// clamp(P + n, 0, P_max) and reads G back, so the response depends only on the present
// conductance. Cycle-to-cycle variation adds N(0, c2c_std (G_max - G_min) sqrt(|n|)) per write
// (NeuroSim MLP RealDevice::Write); device-to-device variation draws each cell's labels from
// N(NL, nonlinearity_d2d_std) (NeuroSim's sigmaDtoD). Results are clipped to [G_min, G_max].
//
// Per-cell arrays: up/down = 1 - exp(-P_max / A) of each branch, up_shape/down_shape = A (pulses).
#pragma once

#include "devices/device_registry.hpp"

namespace cimsim::devices {

void register_neurosim_device(DeviceRegistry& registry);

// Noise-free conductance after `pulses` LTP pulses from G_min (the closed form above), for tests
// and plots. `normalized_a` is A / P_max (nonlinearity.hpp).
double neurosim_ltp_conductance(double pulses, double p_max, double normalized_a, double g_min,
                                double g_max);

}  // namespace cimsim::devices
