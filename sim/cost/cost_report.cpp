#include "sim/cost/cost_report.hpp"

#include <cstdio>
#include <sstream>

#include "sim/core/json.hpp"

namespace cimsim::sim::cost {
namespace {

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

core::Json json_components(const ComponentValues& v) {
  core::Json out = core::Json::object();
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    out.set(to_string(static_cast<Component>(i)), v.value[i]);
  }
  return out;
}

core::Json json_phases(const std::array<double, kPhaseCount>& v) {
  core::Json out = core::Json::object();
  for (std::size_t i = 0; i < kPhaseCount; ++i) out.set(to_string(static_cast<Phase>(i)), v[i]);
  return out;
}

void row(std::ostringstream& out, const std::string& label, const std::string& value) {
  out << "  " << label;
  for (std::size_t i = label.size(); i < 34; ++i) out << ' ';
  out << value << "\n";
}

}  // namespace

std::string format_cost_table(const CostReport& r) {
  std::ostringstream out;
  out << "cost report: " << r.layers.size() << " layers, trainer " << r.trainer << ", " << r.node_nm
      << " nm, batch " << r.batch_size << ", schedule " << r.schedule << "\n";
  if (r.status == FitStatus::kDoesNotFit) out << "  DOES NOT FIT: " << r.status_message << "\n";
  out << "\nper layer (energy per training sample, J; busy time per sample, s)\n";
  out << "  layer  inputs outputs positions tiles  area_mm2   fwd_J     err_J     grad_J    "
         "upd_J     fwd_s     err_s     upd_s     bwd_s\n";
  for (std::size_t i = 0; i < r.layers.size(); ++i) {
    const LayerReport& l = r.layers[i];
    char line[256];
    std::snprintf(line, sizeof line,
                  "  %5zu %7lld %7lld %9lld %5lld  %-9s  %-9s %-9s %-9s %-9s %-9s %-9s %-9s %-9s\n",
                  i + 1, static_cast<long long>(l.inputs), static_cast<long long>(l.outputs),
                  static_cast<long long>(l.positions),
                  static_cast<long long>(l.tiles + l.feedback_tiles),
                  num(l.area_um2.total() * 1e-6).c_str(), num(l.training_energy_j[0]).c_str(),
                  num(l.training_energy_j[1]).c_str(), num(l.training_energy_j[2]).c_str(),
                  num(l.training_energy_j[3]).c_str(), num(l.training_latency_s[0]).c_str(),
                  num(l.training_latency_s[1]).c_str(), num(l.training_latency_s[3]).c_str(),
                  num(l.backward_latency_s).c_str());
    out << line;
  }
  out << "\nper component       area_mm2   train_J/sample  infer_J\n";
  for (std::size_t i = 0; i < kComponentCount; ++i) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-17s %-10s %-15s %s\n",
                  to_string(static_cast<Component>(i)), num(r.area_um2.value[i] * 1e-6).c_str(),
                  num(r.training_energy_by_component_j.value[i]).c_str(),
                  num(r.inference_energy_by_component_j.value[i]).c_str());
    out << line;
  }
  // Static energy of the whole chip over a training step (no power gating); with the rows above
  // it sums to the energy per training sample.
  char leakage[160];
  std::snprintf(leakage, sizeof leakage, "  %-17s %-10s %-15s %s\n", "leakage", "-",
                num(r.training_leakage_energy_j).c_str(), "-");
  out << leakage;
  out << "\ntotals\n";
  row(out, "chip area", num(r.chip_area_mm2) + " mm^2 (" + std::to_string(r.tiles) + " tiles)");
  row(out, "leakage power", num(r.leakage_power_w) + " W");
  row(out, "energy / inference", num(r.energy_per_inference_j) + " J");
  row(out, "latency / inference", num(r.latency_per_inference_s) + " s");
  row(out, "energy / training sample",
      num(r.energy_per_training_sample_j) + " J (leakage " + num(r.training_leakage_energy_j) +
          " J)");
  row(out, "latency / training sample", num(r.latency_per_training_sample_s) + " s");
  row(out, "  forward / error phase",
      num(r.forward_latency_s) + " s / " + num(r.error_phase_latency_s) + " s");
  row(out, "  backward, sum / max of layers",
      num(r.backward_latency_sum_s) + " s / " + num(r.backward_latency_max_s) + " s");
  row(out, "latency / batch", num(r.latency_per_batch_s) + " s");
  row(out, "latency / epoch",
      num(r.latency_per_epoch_s) + " s (" + std::to_string(r.epoch_samples) + " samples)");
  row(out, "energy / epoch", num(r.energy_per_epoch_j) + " J");
  row(out, "pulses / training sample", num(r.pulses_per_training_sample));
  row(out, "throughput", num(r.tops) + " TOPS");
  row(out, "efficiency", num(r.tops_per_w) + " TOPS/W, " + num(r.tops_per_mm2) + " TOPS/mm^2");
  return out.str();
}

core::Json cost_report_to_json(const CostReport& r) {
  core::Json j = core::Json::object();
  j.set("status", r.status == FitStatus::kFits ? "fits" : "does_not_fit");
  j.set("status_message", r.status_message);
  j.set("trainer", r.trainer);
  j.set("schedule", r.schedule);
  j.set("node_nm", r.node_nm);
  j.set("batch_size", r.batch_size);
  j.set("epoch_samples", r.epoch_samples);
  core::Json& layers = j.set("layers", core::Json::array());
  for (const LayerReport& l : r.layers) {
    core::Json layer = core::Json::object();
    layer.set("inputs", l.inputs);
    layer.set("outputs", l.outputs);
    layer.set("positions", l.positions);
    layer.set("tiles", l.tiles);
    layer.set("feedback_tiles", l.feedback_tiles);
    layer.set("area_um2", l.area_um2.total());
    layer.set("area_by_component_um2", json_components(l.area_um2));
    layer.set("training_energy_j", json_phases(l.training_energy_j));
    layer.set("feedback_energy_j", l.feedback_energy_j);
    layer.set("training_latency_s", json_phases(l.training_latency_s));
    layer.set("backward_latency_s", l.backward_latency_s);
    layer.set("inference_energy_j", l.inference_energy_j);
    layer.set("inference_latency_s", l.inference_latency_s);
    layers.push(std::move(layer));
  }
  j.set("area_by_component_um2", json_components(r.area_um2));
  j.set("chip_area_mm2", r.chip_area_mm2);
  j.set("tiles", r.tiles);
  j.set("leakage_power_w", r.leakage_power_w);
  // Leakage is an entry of its own in both breakdowns, so that each sums to
  // energy_per_training_sample_j (dynamic energy by phase or component + leakage).
  core::Json by_component = json_components(r.training_energy_by_component_j);
  by_component.set("leakage", r.training_leakage_energy_j);
  j.set("training_energy_by_component_j", std::move(by_component));
  core::Json by_phase = json_phases(r.training_energy_by_phase_j);
  by_phase.set("leakage", r.training_leakage_energy_j);
  j.set("training_energy_by_phase_j", std::move(by_phase));
  j.set("training_latency_by_phase_s", json_phases(r.training_latency_by_phase_s));
  j.set("training_dynamic_energy_j", r.training_dynamic_energy_j);
  j.set("training_leakage_energy_j", r.training_leakage_energy_j);
  j.set("energy_per_training_sample_j", r.energy_per_training_sample_j);
  j.set("latency_per_training_sample_s", r.latency_per_training_sample_s);
  j.set("forward_latency_s", r.forward_latency_s);
  j.set("error_phase_latency_s", r.error_phase_latency_s);
  j.set("backward_latency_sum_s", r.backward_latency_sum_s);
  j.set("backward_latency_max_s", r.backward_latency_max_s);
  j.set("latency_per_batch_s", r.latency_per_batch_s);
  j.set("latency_per_epoch_s", r.latency_per_epoch_s);
  j.set("energy_per_epoch_j", r.energy_per_epoch_j);
  j.set("pulses_per_training_sample", r.pulses_per_training_sample);
  j.set("cells_programmed_per_training_sample", r.cells_programmed_per_training_sample);
  j.set("inference_energy_by_component_j", json_components(r.inference_energy_by_component_j));
  j.set("inference_dynamic_energy_j", r.inference_dynamic_energy_j);
  j.set("energy_per_inference_j", r.energy_per_inference_j);
  j.set("latency_per_inference_s", r.latency_per_inference_s);
  j.set("inference_interval_s", r.inference_interval_s);
  j.set("ops_per_inference", r.ops_per_inference);
  j.set("tops", r.tops);
  j.set("tops_per_w", r.tops_per_w);
  j.set("tops_per_mm2", r.tops_per_mm2);
  return j;
}

std::string cost_report_json(const CostReport& r) { return cost_report_to_json(r).dump() + "\n"; }

}  // namespace cimsim::sim::cost
