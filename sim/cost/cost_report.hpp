// What the cost model reports: area, energy and latency per layer, phase and component, and the
// totals (per inference, per training sample, per batch, per epoch; TOPS, TOPS/W, TOPS/mm^2).
// Energies include leakage where the name says so (energy_per_*); "dynamic" excludes it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/json.hpp"
#include "sim/cost/component.hpp"
#include "sim/event_counts.hpp"

namespace cimsim::sim::cost {

// Timeloop-style evaluation status: a design that exceeds the chip budget is still reported,
// marked kDoesNotFit with a message naming the culprit.
enum class FitStatus { kFits, kDoesNotFit };

struct LayerReport {
  std::int64_t inputs = 0;
  std::int64_t outputs = 0;
  std::int64_t positions = 1;       // array reads per sample (conv: output positions)
  std::int64_t tiles = 0;           // weight tiles
  std::int64_t feedback_tiles = 0;  // analog B tiles
  ComponentValues area_um2;
  std::array<double, kPhaseCount> training_energy_j{};   // dynamic, per training sample
  std::array<double, kPhaseCount> training_latency_s{};  // busy time per training sample
  double feedback_energy_j = 0;  // spent in the B path (its reads and, if learned, programming)
  // Per training sample: the layer's error, gradient and update busy time (phases 2-4), whose
  // sum and maximum over layers bound a chained and a projecting rule's backward time.
  double backward_latency_s = 0;
  double inference_energy_j = 0;  // dynamic, per inference
  double inference_latency_s = 0;
};

struct CostReport {
  FitStatus status = FitStatus::kFits;
  std::string status_message;
  std::string trainer;
  std::string schedule;  // the training-step accounting (ScheduleMode)
  int node_nm = 0;
  std::int64_t batch_size = 1;
  std::int64_t epoch_samples = 0;
  std::vector<LayerReport> layers;

  // Area and static power.
  ComponentValues area_um2;
  double chip_area_mm2 = 0;
  std::int64_t tiles = 0;
  double leakage_power_w = 0;

  // Training, per sample (update energy and time shared over the batch).
  ComponentValues training_energy_by_component_j;  // dynamic
  std::array<double, kPhaseCount> training_energy_by_phase_j{};
  std::array<double, kPhaseCount> training_latency_by_phase_s{};  // summed busy time
  double training_dynamic_energy_j = 0;
  double training_leakage_energy_j = 0;
  double energy_per_training_sample_j = 0;
  double latency_per_training_sample_s = 0;  // critical path of the schedule
  double forward_latency_s = 0;              // one sample: start to output
  double error_phase_latency_s = 0;          // one sample: output known to all deltas known
  double latency_per_batch_s = 0;
  double latency_per_epoch_s = 0;
  double energy_per_epoch_j = 0;
  double backward_latency_sum_s = 0;      // sum over layers of backward_latency_s
  double backward_latency_max_s = 0;      // the largest layer's backward_latency_s
  double pulses_per_training_sample = 0;  // W and learned B
  double cells_programmed_per_training_sample = 0;

  // Inference.
  ComponentValues inference_energy_by_component_j;  // dynamic
  double inference_dynamic_energy_j = 0;
  double energy_per_inference_j = 0;
  double latency_per_inference_s = 0;
  double inference_interval_s =
      0;                         // between results: the latency, or the slowest layer if pipelined
  double ops_per_inference = 0;  // 2 x multiply-accumulates (of every position)
  double tops = 0;
  double tops_per_w = 0;
  double tops_per_mm2 = 0;
};

// A readable table for stdout.
std::string format_cost_table(const CostReport& report);
// The whole report as a JSON object (cost.json), and as text.
core::Json cost_report_to_json(const CostReport& report);
std::string cost_report_json(const CostReport& report);

}  // namespace cimsim::sim::cost
