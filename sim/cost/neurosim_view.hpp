// The cost of training seen as MLP+NeuroSim V3.0 reports it, computed from cimsim's own report.
//
// NeuroSim's main.cpp prints, per epoch: read latency and energy (the forward reads of the
// training samples only: Test.cpp adds its test reads to the totals only when the hardware is
// not used in training, so an online-training run never prints them), write latency and energy
// (the weight update), and area as "synaptic core" (the subarrays: cells, decoders and drivers,
// multiplexers, read circuits, shift-adders, switch matrices) plus "neuron periphery" (adders,
// muxes, registers, subtractors of the neurons). It does not model the error phase, the
// weight-gradient logic, buffers or interconnect; those, and the test reads, are kept apart
// here, not dropped.
#pragma once

#include <string>

#include "sim/core/json.hpp"
#include "sim/cost/cost_report.hpp"

namespace cimsim::sim::cost {

struct NeuroSimView {
  double train_samples_per_epoch = 0;
  double test_samples_per_epoch = 0;
  double read_latency_per_epoch_s = 0;       // training forward reads, layers one after another
  double read_energy_per_epoch_j = 0;        // dynamic
  double test_read_latency_per_epoch_s = 0;  // the test inferences after each epoch (apart)
  double test_read_energy_per_epoch_j = 0;   // dynamic
  double write_latency_per_epoch_s = 0;      // weight-update phase, layers one after another
  double write_energy_per_epoch_j = 0;       // dynamic
  double outside_scope_energy_per_epoch_j =
      0;  // error and weight-gradient phases (not in NeuroSim)
  double synaptic_core_area_um2 = 0;
  double neuron_periphery_area_um2 = 0;
  double outside_scope_area_um2 = 0;  // error units, outer products, buffers, H-tree, B path, pools
};

// `test_samples` are the inferences run after each epoch (NeuroSim: 10,000 MNIST test images).
NeuroSimView neurosim_view(const CostReport& report, double test_samples);
std::string format_neurosim_view(const NeuroSimView& view);
core::Json neurosim_view_to_json(const NeuroSimView& view);

}  // namespace cimsim::sim::cost
