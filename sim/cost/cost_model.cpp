#include "sim/cost/cost_model.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "sim/cost/estimate_counts.hpp"
#include "sim/cost/schedule.hpp"

namespace cimsim::sim::cost {
namespace {

// Which kind of work a set of counts describes: it decides which drivers and lanes serve it.
enum class Path { kForward, kTransposed, kFeedback };

// Per-event energies and per-step latencies shared by all layers of a hardware point.
struct Prices {
  double interconnect_bit_j = 0;
  double interconnect_delay_s = 0;
  double buffer_read_bit_j = 0;
  double buffer_write_bit_j = 0;
  double refresh_read_j = 0;  // reading a cell's column through the tile's ADC before a refresh
};

double clocked(double latency_s, double clock_hz) {
  return std::max(1.0, std::ceil(latency_s * clock_hz - 1e-9)) / clock_hz;
}

// Dynamic energy of `p` by component.
ComponentValues price(const PhaseCounts& p, Phase phase, Path path, const TileCircuits& c,
                      const Prices& prices, const DeviceElectricals& dev) {
  ComponentValues e;
  const bool transposed = path == Path::kTransposed;
  const double v_read = dev.read_voltage_v;
  const Wire& sensed_line = transposed ? c.row_wire : c.column_wire;
  e[Component::kRowDriver] +=
      p.row_activations * (transposed ? c.column_driver.energy_j : c.row_driver.energy_j);
  e[Component::kInputDriver] +=
      p.input_bit_cycles *
      (path == Path::kForward ? c.input_driver.energy_j : c.error_driver.energy_j);
  e[Component::kCellArray] += p.cell_reads * c.cell_read_j;
  e[Component::kColumnMux] +=
      p.column_reads * (c.mux.energy_j + sensed_line.capacitance_f * v_read * v_read);
  for (std::size_t b = 1; b <= kMaxAdcBits; ++b) {
    e[Component::kAdc] += p.adc_conversions_by_bits[b] * c.adc_by_bits[b].energy_j;
  }
  e[Component::kShiftAdd] += p.shift_add_ops * c.shift_add.energy_j;
  e[Component::kAdderTree] += p.adder_ops * c.adder.energy_j;
  e[Component::kActivation] += p.activation_ops * c.activation.energy_j;
  e[Component::kPooling] += p.pooling_ops * c.pooling.energy_j;
  if (path == Path::kFeedback) {
    e[Component::kFeedbackPath] += p.digital_macs * c.feedback_mac.energy_j;
  } else {
    const Component unit =
        phase == Phase::kWeightGradient ? Component::kOuterProduct : Component::kErrorUnit;
    e[unit] += p.digital_macs * c.mac.energy_j;
  }
  e[Component::kBuffer] += p.buffer_read_bits * prices.buffer_read_bit_j +
                           p.buffer_write_bits * prices.buffer_write_bit_j;
  e[Component::kInterconnect] += p.interconnect_bits * prices.interconnect_bit_j;
  // Programming: the pulse in the cell (and half-selected cells), the column line charged to the
  // write voltage, the row selected once per polarity phase.
  e[Component::kCellArray] += p.ltp_pulses * (c.ltp_cell_j + c.half_select_j) +
                              p.ltd_pulses * (c.ltd_cell_j + c.half_select_j) +
                              (p.ltp_pulses + p.ltd_pulses) * dev.pulse_energy_j;
  e[Component::kWriteDriver] += p.ltp_pulses * c.column_write_driver.energy_j +
                                p.ltd_pulses * c.column_write_ltd_j +
                                p.write_row_selects * c.row_write_driver.energy_j;
  // A refresh reads the cell before reprogramming it (its pulses are counted as pulses).
  e[Component::kCellArray] += p.refreshes * c.cell_read_j;
  e[Component::kAdc] += p.refreshes * prices.refresh_read_j;
  if (path == Path::kFeedback) {
    // Everything the B path does is booked under it.
    const double total = e.total();
    e = ComponentValues{};
    e[Component::kFeedbackPath] = total;
  }
  return e;
}

// What serves a phase of a layer.
struct Serving {
  double neuron_lanes = 1;  // adder-tree, activation and pooling lanes
  double mac_lanes = 1;     // lanes of the phase's digital MACs
  double reads = 1;  // sequential array reads (a conv layer's positions), each after its H-tree hop
};

// Busy time of `p` on a layer served by `s`.
double duration(const PhaseCounts& p, Path path, const TileCircuits& c, const Prices& prices,
                const CostSpec& cost, const Serving& s) {
  const double clock = cost.clock_hz;
  const double cycle = 1 / clock;
  double t = p.read_steps * (path == Path::kTransposed ? c.transposed_read_step_s : c.read_step_s);
  t += p.write_slots * (cost.electricals.write_pulse_width_s + c.row_write_driver.latency_s +
                        c.row_driver.latency_s);
  t += p.adder_ops / s.neuron_lanes * clocked(c.adder.latency_s, clock);
  t += p.activation_ops / s.neuron_lanes * clocked(c.activation.latency_s, clock);
  t += p.pooling_ops / s.neuron_lanes * clocked(c.pooling.latency_s, clock);
  const double mac_s =
      clocked(path == Path::kFeedback ? c.feedback_mac.latency_s : c.mac.latency_s, clock);
  t += p.digital_macs / s.mac_lanes * mac_s;
  // One 128-bit buffer port per layer; the bus moves bus_bits per cycle.
  t += (p.buffer_read_bits + p.buffer_write_bits) / 128 * cycle;
  if (p.interconnect_bits > 0) {
    t += p.interconnect_bits / static_cast<double>(cost.bus_bits) * cycle +
         s.reads * prices.interconnect_delay_s;
  }
  return t;
}

void check_counts(const EventCounts& counts, std::size_t layers, const char* what) {
  if (counts.layers.size() != layers) {
    throw std::invalid_argument(std::string("cost model: ") + what + " counts have " +
                                std::to_string(counts.layers.size()) + " layers, the network " +
                                std::to_string(layers));
  }
  if (!(counts.samples > 0)) {
    throw std::invalid_argument(std::string("cost model: ") + what + " counts cover no samples");
  }
}

std::string mm2_text(double um2) {
  std::ostringstream out;
  out.precision(4);
  out << um2 * 1e-6 << " mm^2";
  return out.str();
}

}  // namespace

CostModel::CostModel(NetworkShape shape, TileSpec tile, CostSpec cost)
    : shape_(std::move(shape)), tile_(tile), cost_(cost) {
  if (shape_.batch_size < 1) throw std::invalid_argument("cost model: batch size below 1");
  if (shape_.epoch_samples < 0) throw std::invalid_argument("cost model: negative epoch length");
  circuits_ = build_tile_circuits(tile_, cost_);
  floorplan_ = build_floorplan(shape_, tile_, cost_, circuits_);
}

CostReport CostModel::evaluate(const EventCounts& training_total,
                               const EventCounts& inference_total) const {
  const std::size_t layer_count = shape_.layers.size();
  check_counts(training_total, layer_count, "training");
  check_counts(inference_total, layer_count, "inference");
  const EventCounts training = training_total.per_sample();
  const EventCounts inference = inference_total.per_sample();
  const TileCircuits& c = circuits_;
  const DeviceElectricals& dev = cost_.electricals;

  Prices prices;
  const CircuitCost bit = repeated_wire_bit(c.tech, c.gates, floorplan_.chip_side_um);
  prices.interconnect_bit_j = bit.energy_j;
  prices.interconnect_delay_s = bit.latency_s;
  // Per-bit buffer energies barely depend on the buffer size (fixed 128 x 128 banks).
  const SramBuffer buffer = sram_buffer(c.tech, c.gates, 1, cost_.clock_hz);
  prices.buffer_read_bit_j = buffer.read.energy_j;
  prices.buffer_write_bit_j = buffer.write_energy_j;
  prices.refresh_read_j = c.adc_by_bits[static_cast<std::size_t>(tile_.adc_bits)].energy_j;

  CostReport r;
  r.trainer = shape_.rule.name;
  r.schedule = to_string(cost_.schedule);
  r.node_nm = cost_.node_nm;
  r.batch_size = shape_.batch_size;
  r.epoch_samples = shape_.epoch_samples;
  r.area_um2 = floorplan_.area_um2;
  r.chip_area_mm2 = floorplan_.chip_area_um2 * 1e-6;
  r.tiles = floorplan_.tiles;
  r.leakage_power_w = floorplan_.leakage_w;

  std::vector<LayerWork> work(layer_count);
  const double batch = static_cast<double>(shape_.batch_size);
  for (std::size_t i = 0; i < layer_count; ++i) {
    const LayerFloorplan& plan = floorplan_.layers[i];
    const LayerCounts& counts = training.layers[i];
    LayerReport layer;
    layer.inputs = shape_.layers[i].inputs;
    layer.outputs = shape_.layers[i].outputs;
    layer.positions = shape_.layers[i].positions;
    layer.tiles = plan.weights.tiles;
    layer.feedback_tiles = plan.feedback_array ? plan.feedback_array->tiles : 0;
    layer.area_um2 = plan.area_um2;
    const double neuron_lanes = static_cast<double>(plan.neuron_lanes);
    const double gradient_lanes = static_cast<double>(plan.adc_lanes);
    const double feedback_lanes =
        static_cast<double>(std::max<std::int64_t>(1, plan.feedback_lanes));
    const double positions = static_cast<double>(layer.positions);
    const std::optional<LayerShape> b = feedback_shape(shape_, i);
    const double feedback_reads = b ? static_cast<double>(b->positions) : 1;
    for (std::size_t ph = 0; ph < kPhaseCount; ++ph) {
      const Phase phase = static_cast<Phase>(ph);
      // A rule chained through W^T reads the layer's own arrays transposed in its error phase.
      const Path path = phase == Phase::kErrorPropagation &&
                                shape_.rule.path.source == SignalSource::kChainTransposed
                            ? Path::kTransposed
                            : Path::kForward;
      const ComponentValues e = price(counts.phase[ph], phase, path, c, prices, dev);
      layer.training_energy_j[ph] = e.total();
      r.training_energy_by_component_j += e;
      r.training_energy_by_phase_j[ph] += e.total();
      const double lanes = phase == Phase::kWeightGradient ? gradient_lanes : neuron_lanes;
      layer.training_latency_s[ph] =
          duration(counts.phase[ph], path, c, prices, cost_, {neuron_lanes, lanes, positions});
    }
    // The B path.
    const ComponentValues fb =
        price(counts.feedback, Phase::kErrorPropagation, Path::kFeedback, c, prices, dev);
    layer.feedback_energy_j = fb.total();
    layer.training_energy_j[static_cast<std::size_t>(Phase::kErrorPropagation)] += fb.total();
    r.training_energy_by_component_j += fb;
    r.training_energy_by_phase_j[static_cast<std::size_t>(Phase::kErrorPropagation)] += fb.total();
    const double feedback_s = duration(counts.feedback, Path::kFeedback, c, prices, cost_,
                                       {feedback_lanes, feedback_lanes, feedback_reads});
    for (std::size_t ph = 0; ph < kPhaseCount; ++ph) {
      r.training_latency_by_phase_s[ph] += layer.training_latency_s[ph];
    }
    r.training_latency_by_phase_s[static_cast<std::size_t>(Phase::kErrorPropagation)] += feedback_s;
    layer.training_latency_s[static_cast<std::size_t>(Phase::kErrorPropagation)] += feedback_s;
    // Programming B, for a rule that learns it: part of the update, on the B path's resources.
    const std::size_t update_phase = static_cast<std::size_t>(Phase::kWeightUpdate);
    const ComponentValues fb_update =
        price(counts.feedback_update, Phase::kWeightUpdate, Path::kFeedback, c, prices, dev);
    layer.feedback_energy_j += fb_update.total();
    layer.training_energy_j[update_phase] += fb_update.total();
    r.training_energy_by_component_j += fb_update;
    r.training_energy_by_phase_j[update_phase] += fb_update.total();
    const double feedback_update_s = duration(counts.feedback_update, Path::kFeedback, c, prices,
                                              cost_, {feedback_lanes, feedback_lanes, 1});
    r.training_latency_by_phase_s[update_phase] += feedback_update_s;
    layer.training_latency_s[update_phase] += feedback_update_s;
    layer.backward_latency_s = layer.training_latency_s[1] + layer.training_latency_s[2] +
                               layer.training_latency_s[3];
    r.backward_latency_sum_s += layer.backward_latency_s;
    r.backward_latency_max_s = std::max(r.backward_latency_max_s, layer.backward_latency_s);

    // Schedule inputs: one sample's work; the update once per batch.
    work[i].forward_s = layer.training_latency_s[0];
    work[i].error_s = layer.training_latency_s[1] - feedback_s;
    work[i].feedback_s = feedback_s;
    work[i].gradient_s = layer.training_latency_s[2];
    work[i].update_s = (layer.training_latency_s[3] - feedback_update_s) * batch;
    work[i].feedback_update_s = feedback_update_s * batch;

    const PhaseCounts& inf = inference.layers[i][Phase::kForward];
    const ComponentValues ie = price(inf, Phase::kForward, Path::kForward, c, prices, dev);
    layer.inference_energy_j = ie.total();
    r.inference_energy_by_component_j += ie;
    layer.inference_latency_s =
        duration(inf, Path::kForward, c, prices, cost_, {neuron_lanes, neuron_lanes, positions});
    r.latency_per_inference_s += layer.inference_latency_s;
    r.inference_interval_s = std::max(r.inference_interval_s, layer.inference_latency_s);
    r.ops_per_inference +=
        2.0 * static_cast<double>(layer.inputs * layer.outputs * layer.positions);

    for (const PhaseCounts* p : {&counts.phase[0], &counts.phase[1], &counts.phase[2],
                                 &counts.phase[3], &counts.feedback_update}) {
      r.pulses_per_training_sample += p->ltp_pulses + p->ltd_pulses;
      r.cells_programmed_per_training_sample += p->cells_programmed;
    }
    r.layers.push_back(layer);
  }
  const bool pipelined = cost_.schedule == ScheduleMode::kPipelined;
  const bool layer_serial = cost_.schedule == ScheduleMode::kLayerSerial;
  if (!pipelined) r.inference_interval_s = r.latency_per_inference_s;

  // The training step of one sample sets the forward and error-phase latencies; a batch runs
  // its samples one after another (or pipelined through the layers), then programs once.
  const StepTiming one = schedule_training_step(shape_.rule.path, work, layer_serial);
  r.forward_latency_s = one.forward_end_s;
  r.error_phase_latency_s = one.errors_ready_s - one.forward_end_s;
  std::vector<LayerWork> batch_work = work;
  for (LayerWork& w : batch_work) {
    w.forward_s *= batch;
    w.error_s *= batch;
    w.feedback_s *= batch;
    w.gradient_s *= batch;
  }
  if (pipelined && shape_.batch_size > 1) {
    r.latency_per_batch_s = one.makespan_s + (batch - 1) * one.bottleneck_s;
  } else {
    r.latency_per_batch_s =
        schedule_training_step(shape_.rule.path, batch_work, layer_serial).makespan_s;
  }
  r.latency_per_training_sample_s = r.latency_per_batch_s / batch;
  r.latency_per_epoch_s =
      r.latency_per_training_sample_s * static_cast<double>(shape_.epoch_samples);

  r.training_dynamic_energy_j = r.training_energy_by_component_j.total();
  r.training_leakage_energy_j = r.leakage_power_w * r.latency_per_training_sample_s;
  r.energy_per_training_sample_j = r.training_dynamic_energy_j + r.training_leakage_energy_j;
  r.energy_per_epoch_j = r.energy_per_training_sample_j * static_cast<double>(shape_.epoch_samples);
  r.inference_dynamic_energy_j = r.inference_energy_by_component_j.total();
  r.energy_per_inference_j =
      r.inference_dynamic_energy_j + r.leakage_power_w * r.inference_interval_s;
  r.tops = r.ops_per_inference / r.inference_interval_s * 1e-12;
  r.tops_per_w = r.ops_per_inference / r.energy_per_inference_j * 1e-12;
  r.tops_per_mm2 = r.tops / r.chip_area_mm2;

  // Fit: the chip, and first of all each single layer, must stay within the budget.
  const double budget_um2 = cost_.chip_area_budget_mm2 * 1e6;
  for (std::size_t i = 0; i < layer_count; ++i) {
    if (r.layers[i].area_um2.total() > budget_um2) {
      r.status = FitStatus::kDoesNotFit;
      r.status_message =
          "layer " + std::to_string(i + 1) + " (" + std::to_string(r.layers[i].inputs) + " x " +
          std::to_string(r.layers[i].outputs) + ", " + std::to_string(r.layers[i].tiles) +
          " tiles) needs " + mm2_text(r.layers[i].area_um2.total()) +
          ", more than the chip budget of " + mm2_text(budget_um2);
      return r;
    }
  }
  if (floorplan_.chip_area_um2 > budget_um2) {
    r.status = FitStatus::kDoesNotFit;
    r.status_message = "the chip needs " + mm2_text(floorplan_.chip_area_um2) +
                       ", more than the budget of " + mm2_text(budget_um2);
  }
  return r;
}

CostReport evaluate(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost) {
  const CostModel model(shape, tile, cost);
  const EstimatedCounts counts = estimate_counts(shape, tile, cost);
  return model.evaluate(counts.training, counts.inference);
}

}  // namespace cimsim::sim::cost
