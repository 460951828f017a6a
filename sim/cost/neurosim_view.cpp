#include "sim/cost/neurosim_view.hpp"

#include <cstdio>
#include <sstream>

namespace cimsim::sim::cost {
namespace {

// Which of cimsim's components NeuroSim V3's MLP counts in its subarrays (synaptic core) and in
// its neuron periphery (main.cpp: adder, mux, mux decoder, DFF and subtractor areas).
bool in_synaptic_core(Component c) {
  switch (c) {
    case Component::kCellArray:
    case Component::kRowDriver:
    case Component::kInputDriver:
    case Component::kColumnMux:
    case Component::kAdc:
    case Component::kShiftAdd:
    case Component::kWriteDriver:
      return true;
    default:
      return false;
  }
}

bool in_neuron_periphery(Component c) {
  return c == Component::kAdderTree || c == Component::kActivation;
}

std::string num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

}  // namespace

NeuroSimView neurosim_view(const CostReport& r, double test_samples) {
  NeuroSimView v;
  const auto train = static_cast<double>(r.epoch_samples);
  const auto phase = [](const std::array<double, kPhaseCount>& a, Phase p) {
    return a[static_cast<std::size_t>(p)];
  };
  v.train_samples_per_epoch = train;
  v.test_samples_per_epoch = test_samples;
  // Summed busy time: NeuroSim adds each layer's read and write latency one after another.
  v.read_latency_per_epoch_s = train * phase(r.training_latency_by_phase_s, Phase::kForward);
  v.read_energy_per_epoch_j = train * phase(r.training_energy_by_phase_j, Phase::kForward);
  v.test_read_latency_per_epoch_s = test_samples * r.latency_per_inference_s;
  v.test_read_energy_per_epoch_j = test_samples * r.inference_dynamic_energy_j;
  v.write_latency_per_epoch_s = train * phase(r.training_latency_by_phase_s, Phase::kWeightUpdate);
  v.write_energy_per_epoch_j = train * phase(r.training_energy_by_phase_j, Phase::kWeightUpdate);
  v.outside_scope_energy_per_epoch_j =
      train * (phase(r.training_energy_by_phase_j, Phase::kErrorPropagation) +
               phase(r.training_energy_by_phase_j, Phase::kWeightGradient));
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    const auto c = static_cast<Component>(i);
    const double area = r.area_um2[c];
    if (in_synaptic_core(c)) {
      v.synaptic_core_area_um2 += area;
    } else if (in_neuron_periphery(c)) {
      v.neuron_periphery_area_um2 += area;
    } else {
      v.outside_scope_area_um2 += area;
    }
  }
  return v;
}

std::string format_neurosim_view(const NeuroSimView& v) {
  std::ostringstream out;
  out << "as NeuroSim V3 reports it (per epoch of " << num(v.train_samples_per_epoch)
      << " training samples):\n"
      << "  read latency " << num(v.read_latency_per_epoch_s) << " s, read energy "
      << num(v.read_energy_per_epoch_j) << " J (training forward reads)\n"
      << "  write latency " << num(v.write_latency_per_epoch_s) << " s, write energy "
      << num(v.write_energy_per_epoch_j) << " J\n"
      << "  area: synaptic core " << num(v.synaptic_core_area_um2 * 1e-12)
      << " m^2, neuron periphery " << num(v.neuron_periphery_area_um2 * 1e-12) << " m^2, total "
      << num((v.synaptic_core_area_um2 + v.neuron_periphery_area_um2) * 1e-12) << " m^2\n"
      << "  outside NeuroSim's scope: " << num(v.outside_scope_area_um2 * 1e-12) << " m^2, "
      << num(v.outside_scope_energy_per_epoch_j) << " J per epoch (error and gradient phases); "
      << "reads of " << num(v.test_samples_per_epoch) << " test samples "
      << num(v.test_read_latency_per_epoch_s) << " s, " << num(v.test_read_energy_per_epoch_j)
      << " J per epoch\n";
  return out.str();
}

core::Json neurosim_view_to_json(const NeuroSimView& v) {
  core::Json j = core::Json::object();
  j.set("train_samples_per_epoch", v.train_samples_per_epoch);
  j.set("test_samples_per_epoch", v.test_samples_per_epoch);
  j.set("read_latency_per_epoch_s", v.read_latency_per_epoch_s);
  j.set("read_energy_per_epoch_j", v.read_energy_per_epoch_j);
  j.set("test_read_latency_per_epoch_s", v.test_read_latency_per_epoch_s);
  j.set("test_read_energy_per_epoch_j", v.test_read_energy_per_epoch_j);
  j.set("write_latency_per_epoch_s", v.write_latency_per_epoch_s);
  j.set("write_energy_per_epoch_j", v.write_energy_per_epoch_j);
  j.set("outside_scope_energy_per_epoch_j", v.outside_scope_energy_per_epoch_j);
  j.set("synaptic_core_area_m2", v.synaptic_core_area_um2 * 1e-12);
  j.set("neuron_periphery_area_m2", v.neuron_periphery_area_um2 * 1e-12);
  j.set("outside_scope_area_m2", v.outside_scope_area_um2 * 1e-12);
  return j;
}

}  // namespace cimsim::sim::cost
