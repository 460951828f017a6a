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

// Dynamic energy of `p` by component; each conversion charges `gate_rows_per_conversion` access
// gate lines besides (CostSpec::read_gate_lines; 0 with active_rows, which the row driver prices).
ComponentValues price(const PhaseCounts& p, Phase phase, Path path, const TileCircuits& c,
                      const Prices& prices, const DeviceElectricals& dev,
                      double gate_rows_per_conversion = 0) {
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
    e[Component::kRowDriver] +=
        p.adc_conversions_by_bits[b] * gate_rows_per_conversion * c.gate_open_j;
  }
  e[Component::kShiftAdd] +=
      p.shift_add_ops *
      (path == Path::kForward ? c.shift_add.energy_j : c.error_shift_add.energy_j);
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
  // write voltage, the row selected once per batch and polarity phase, the columns outside a
  // batch held at the write voltage.
  e[Component::kCellArray] += p.ltp_pulses * (c.ltp_cell_j + c.half_select_j) +
                              p.ltd_pulses * (c.ltd_cell_j + c.half_select_j) +
                              (p.ltp_pulses + p.ltd_pulses) * dev.pulse_energy_j;
  e[Component::kWriteDriver] +=
      p.ltp_pulses * c.column_write_driver.energy_j + p.ltd_pulses * c.column_write_ltd_j +
      p.write_row_selects * c.row_write_driver.energy_j + p.write_batches * c.write_inhibit_j;
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

namespace {

// One evaluation of a hardware point: prices each layer's counts into the report, schedules the
// training step, adds the totals and checks the chip against its budget.
class Evaluation {
 public:
  Evaluation(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost,
             const TileCircuits& circuits, const Floorplan& floorplan)
      : shape_(shape), cost_(cost), c_(circuits), plan_(floorplan), dev_(cost.electricals) {
    const CircuitCost bit = repeated_wire_bit(c_.tech, c_.gates, plan_.chip_side_um);
    prices_.interconnect_bit_j = bit.energy_j;
    prices_.interconnect_delay_s = bit.latency_s;
    // Per-bit buffer energies barely depend on the buffer size (fixed 128 x 128 banks).
    const SramBuffer buffer = sram_buffer(c_.tech, c_.gates, 1, cost_.clock_hz);
    prices_.buffer_read_bit_j = buffer.read.energy_j;
    prices_.buffer_write_bit_j = buffer.write_energy_j;
    prices_.refresh_read_j = c_.adc_by_bits[static_cast<std::size_t>(tile.adc_bits)].energy_j;
    work_.resize(shape_.layers.size());
  }

  CostReport run(const EventCounts& training, const EventCounts& inference) {
    start_report();
    for (std::size_t i = 0; i < shape_.layers.size(); ++i) {
      r_.layers.push_back(layer(i, training.layers[i], inference.layers[i][Phase::kForward]));
    }
    schedule();
    totals();
    check_fit();
    return r_;
  }

 private:
  void start_report() {
    r_.trainer = shape_.rule.name;
    r_.schedule = to_string(cost_.schedule);
    r_.node_nm = cost_.node_nm;
    r_.batch_size = shape_.batch_size;
    r_.epoch_samples = shape_.epoch_samples;
    r_.area_um2 = plan_.area_um2;
    r_.chip_area_mm2 = plan_.chip_area_um2 * 1e-6;
    r_.tiles = plan_.tiles;
    r_.leakage_power_w = plan_.leakage_w;
  }

  // Access gate lines a forward conversion of layer i charges: with all_rows_per_conversion, the
  // rows its weights occupy in one tile (MLP+NeuroSim V3.0 Train.cpp opens every word line of the
  // array for each sensed column); with active_rows none (the row driver charges them).
  double gate_rows_per_conversion(std::size_t i) const {
    if (cost_.read_gate_lines != ReadGateLines::kAllRowsPerConversion) return 0;
    const ArrayMapping& m = plan_.layers[i].weights;
    return static_cast<double>(m.inputs) / static_cast<double>(m.tile_rows);
  }

  // Adds `e`, spent in phase `ph` of the layer, to the layer and to the report.
  void book_energy(LayerReport& layer, std::size_t ph, const ComponentValues& e) {
    layer.training_energy_j[ph] += e.total();
    r_.training_energy_by_component_j += e;
    r_.training_energy_by_phase_j[ph] += e.total();
  }
  void book_latency(LayerReport& layer, std::size_t ph, double seconds) {
    layer.training_latency_s[ph] += seconds;
    r_.training_latency_by_phase_s[ph] += seconds;
  }

  LayerReport layer(std::size_t i, const LayerCounts& counts, const PhaseCounts& inference) {
    const LayerFloorplan& plan = plan_.layers[i];
    LayerReport layer;
    layer.inputs = shape_.layers[i].inputs;
    layer.outputs = shape_.layers[i].outputs;
    layer.positions = shape_.layers[i].positions;
    layer.tiles = plan.weights.tiles;
    layer.feedback_tiles = plan.feedback_array ? plan.feedback_array->tiles : 0;
    layer.area_um2 = plan.area_um2;
    weight_phases(i, counts, layer);
    feedback_path(i, counts, layer);
    layer.backward_latency_s =
        layer.training_latency_s[1] + layer.training_latency_s[2] + layer.training_latency_s[3];
    r_.backward_latency_sum_s += layer.backward_latency_s;
    r_.backward_latency_max_s = std::max(r_.backward_latency_max_s, layer.backward_latency_s);
    inference_pass(i, inference, layer);
    for (const PhaseCounts* p : {&counts.phase[0], &counts.phase[1], &counts.phase[2],
                                 &counts.phase[3], &counts.feedback_update}) {
      r_.pulses_per_training_sample += p->ltp_pulses + p->ltd_pulses;
      r_.cells_programmed_per_training_sample += p->cells_programmed;
    }
    return layer;
  }

  // The four phases of the layer's own arrays and periphery.
  void weight_phases(std::size_t i, const LayerCounts& counts, LayerReport& layer) {
    const LayerFloorplan& plan = plan_.layers[i];
    const double neuron_lanes = static_cast<double>(plan.neuron_lanes);
    const double gradient_lanes = static_cast<double>(plan.adc_lanes);
    const double positions = static_cast<double>(layer.positions);
    for (std::size_t ph = 0; ph < kPhaseCount; ++ph) {
      const Phase phase = static_cast<Phase>(ph);
      // A rule chained through W^T reads the layer's own arrays transposed in its error phase.
      const Path path = phase == Phase::kErrorPropagation &&
                                shape_.rule.path.source == SignalSource::kChainTransposed
                            ? Path::kTransposed
                            : Path::kForward;
      const double gates = path == Path::kForward ? gate_rows_per_conversion(i) : 0;
      book_energy(layer, ph, price(counts.phase[ph], phase, path, c_, prices_, dev_, gates));
      const double lanes = phase == Phase::kWeightGradient ? gradient_lanes : neuron_lanes;
      book_latency(
          layer, ph,
          duration(counts.phase[ph], path, c_, prices_, cost_, {neuron_lanes, lanes, positions}));
    }
    LayerWork& w = work_[i];
    w.forward_s = layer.training_latency_s[0];
    w.error_s = layer.training_latency_s[1];
    w.gradient_s = layer.training_latency_s[2];
    // Schedule inputs: one sample's work; the update once per batch.
    w.update_s = layer.training_latency_s[3] * static_cast<double>(shape_.batch_size);
  }

  // The layer's B: its reads in the error phase and, for a rule that learns it, its programming
  // in the update, on the B path's own resources.
  void feedback_path(std::size_t i, const LayerCounts& counts, LayerReport& layer) {
    const LayerFloorplan& plan = plan_.layers[i];
    const double lanes = static_cast<double>(std::max<std::int64_t>(1, plan.feedback_lanes));
    const std::optional<LayerShape> b = feedback_shape(shape_, i);
    const double reads = b ? static_cast<double>(b->positions) : 1;
    const std::size_t error_phase = static_cast<std::size_t>(Phase::kErrorPropagation);
    const std::size_t update_phase = static_cast<std::size_t>(Phase::kWeightUpdate);
    const ComponentValues read =
        price(counts.feedback, Phase::kErrorPropagation, Path::kFeedback, c_, prices_, dev_);
    const ComponentValues program =
        price(counts.feedback_update, Phase::kWeightUpdate, Path::kFeedback, c_, prices_, dev_);
    layer.feedback_energy_j = read.total() + program.total();
    book_energy(layer, error_phase, read);
    book_energy(layer, update_phase, program);
    const double read_s =
        duration(counts.feedback, Path::kFeedback, c_, prices_, cost_, {lanes, lanes, reads});
    const double program_s =
        duration(counts.feedback_update, Path::kFeedback, c_, prices_, cost_, {lanes, lanes, 1});
    book_latency(layer, error_phase, read_s);
    book_latency(layer, update_phase, program_s);
    work_[i].feedback_s = read_s;
    work_[i].feedback_update_s = program_s * static_cast<double>(shape_.batch_size);
  }

  void inference_pass(std::size_t i, const PhaseCounts& inference, LayerReport& layer) {
    const double neuron_lanes = static_cast<double>(plan_.layers[i].neuron_lanes);
    const ComponentValues e = price(inference, Phase::kForward, Path::kForward, c_, prices_, dev_,
                                    gate_rows_per_conversion(i));
    layer.inference_energy_j = e.total();
    r_.inference_energy_by_component_j += e;
    layer.inference_latency_s =
        duration(inference, Path::kForward, c_, prices_, cost_,
                 {neuron_lanes, neuron_lanes, static_cast<double>(layer.positions)});
    r_.latency_per_inference_s += layer.inference_latency_s;
    r_.inference_interval_s = std::max(r_.inference_interval_s, layer.inference_latency_s);
    r_.ops_per_inference +=
        2.0 * static_cast<double>(layer.inputs * layer.outputs * layer.positions);
  }

  // The training step of one sample sets the forward and error-phase latencies; a batch runs
  // its samples one after another (or pipelined through the layers), then programs once.
  void schedule() {
    const bool pipelined = cost_.schedule == ScheduleMode::kPipelined;
    const bool layer_serial = cost_.schedule == ScheduleMode::kLayerSerial;
    if (!pipelined) r_.inference_interval_s = r_.latency_per_inference_s;
    const double batch = static_cast<double>(shape_.batch_size);
    const StepTiming one = schedule_training_step(shape_.rule.path, work_, layer_serial);
    r_.forward_latency_s = one.forward_end_s;
    r_.error_phase_latency_s = one.errors_ready_s - one.forward_end_s;
    if (pipelined && shape_.batch_size > 1) {
      r_.latency_per_batch_s = one.makespan_s + (batch - 1) * one.bottleneck_s;
    } else {
      std::vector<LayerWork> batch_work = work_;
      for (LayerWork& w : batch_work) {
        w.forward_s *= batch;
        w.error_s *= batch;
        w.feedback_s *= batch;
        w.gradient_s *= batch;
      }
      r_.latency_per_batch_s =
          schedule_training_step(shape_.rule.path, batch_work, layer_serial).makespan_s;
    }
    r_.latency_per_training_sample_s = r_.latency_per_batch_s / batch;
    r_.latency_per_epoch_s =
        r_.latency_per_training_sample_s * static_cast<double>(shape_.epoch_samples);
  }

  void totals() {
    r_.training_dynamic_energy_j = r_.training_energy_by_component_j.total();
    r_.training_leakage_energy_j = r_.leakage_power_w * r_.latency_per_training_sample_s;
    r_.energy_per_training_sample_j = r_.training_dynamic_energy_j + r_.training_leakage_energy_j;
    r_.energy_per_epoch_j =
        r_.energy_per_training_sample_j * static_cast<double>(shape_.epoch_samples);
    r_.inference_dynamic_energy_j = r_.inference_energy_by_component_j.total();
    r_.energy_per_inference_j =
        r_.inference_dynamic_energy_j + r_.leakage_power_w * r_.inference_interval_s;
    r_.tops = r_.ops_per_inference / r_.inference_interval_s * 1e-12;
    r_.tops_per_w = r_.ops_per_inference / r_.energy_per_inference_j * 1e-12;
    r_.tops_per_mm2 = r_.tops / r_.chip_area_mm2;
  }

  // Fit: the chip, and first of all each single layer, must stay within the budget.
  void check_fit() {
    const double budget_um2 = cost_.chip_area_budget_mm2 * 1e6;
    for (std::size_t i = 0; i < r_.layers.size(); ++i) {
      const LayerReport& l = r_.layers[i];
      if (l.area_um2.total() > budget_um2) {
        r_.status = FitStatus::kDoesNotFit;
        r_.status_message = "layer " + std::to_string(i + 1) + " (" + std::to_string(l.inputs) +
                            " x " + std::to_string(l.outputs) + ", " + std::to_string(l.tiles) +
                            " tiles) needs " + mm2_text(l.area_um2.total()) +
                            ", more than the chip budget of " + mm2_text(budget_um2);
        return;
      }
    }
    if (plan_.chip_area_um2 > budget_um2) {
      r_.status = FitStatus::kDoesNotFit;
      r_.status_message = "the chip needs " + mm2_text(plan_.chip_area_um2) +
                          ", more than the budget of " + mm2_text(budget_um2);
    }
  }

  const NetworkShape& shape_;
  const CostSpec& cost_;
  const TileCircuits& c_;
  const Floorplan& plan_;
  const DeviceElectricals& dev_;
  Prices prices_;
  std::vector<LayerWork> work_;
  CostReport r_;
};

}  // namespace

CostReport CostModel::evaluate(const EventCounts& training_total,
                               const EventCounts& inference_total) const {
  check_counts(training_total, shape_.layers.size(), "training");
  check_counts(inference_total, shape_.layers.size(), "inference");
  return Evaluation(shape_, tile_, cost_, circuits_, floorplan_)
      .run(training_total.per_sample(), inference_total.per_sample());
}

CostReport evaluate(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost) {
  const CostModel model(shape, tile, cost);
  const EstimatedCounts counts = estimate_counts(shape, tile, cost);
  return model.evaluate(counts.training, counts.inference);
}

}  // namespace cimsim::sim::cost
