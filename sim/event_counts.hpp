// Counters of the hardware events a network causes: what the tiles record during a run and what
// the cost model prices (sim/cost). One PhaseCounts per layer and training phase, plus the
// events of the layer's feedback matrix (DFA/FA/DRTP B_l), kept apart so the report can show
// the feedback path.
//
// Counters are doubles: a run stores exact integers (exact up to 2^53), the analytic estimate
// (sim/cost/estimate_counts) stores expected values. "Steps" and "slots" are time-sequential
// counts on the layer's critical path (tiles of one layer work in parallel and do not add);
// every other counter sums over all tiles of the layer.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace cimsim::sim {

enum class Phase : std::size_t {
  kForward = 0,           // y = f(W x)
  kErrorPropagation = 1,  // teaching signal of the layer (BP/FA: transposed read; DFA: B e)
  kWeightGradient = 2,    // outer product delta x^T -> pulse counts (digital)
  kWeightUpdate = 3,      // programming pulses
};
inline constexpr std::size_t kPhaseCount = 4;
const char* to_string(Phase phase);

// Largest ADC resolution a counter slot exists for (TileSpec allows up to 16 bits).
inline constexpr std::size_t kMaxAdcBits = 16;

struct PhaseCounts {
  // Analog array reads.
  double row_activations = 0;   // lines driven with a nonzero input bit, per input cycle
  double input_bit_cycles = 0;  // DAC conversions (dac) or bit pulses (bit_serial), per line
  double cell_reads = 0;        // cells conducting during a read step (active line x sensed col)
  double column_reads = 0;      // sensed columns (or rows, in a transposed read) through the mux
  std::array<double, kMaxAdcBits + 1> adc_conversions_by_bits{};  // [b]: conversions of b bits
  double read_steps = 0;  // sequential read steps (input cycle x mux position), critical path
  // Digital periphery.
  double shift_add_ops = 0;      // shift-and-add of one ADC result into a partial sum
  double adder_ops = 0;          // additions in adder trees and accumulators (tiles, slices, pairs)
  double activation_ops = 0;     // neuron function evaluations
  double digital_macs = 0;       // multiply-accumulates in digital units (outer product, f', B e)
  double pooling_ops = 0;        // pooling comparisons / additions, and unpooling routings
  double buffer_read_bits = 0;   // SRAM buffer reads
  double buffer_write_bits = 0;  // SRAM buffer writes
  double interconnect_bits = 0;  // bits moved over the H-tree between buffers and tiles
  // Programming.
  double ltp_pulses = 0;         // potentiating pulses fired
  double ltd_pulses = 0;         // depressing pulses fired
  double cells_programmed = 0;   // cells that received at least one pulse
  double write_row_selects = 0;  // row selections for row-by-row programming (per polarity phase)
  double write_slots = 0;        // sequential pulse slots of one pulse width, critical path
  double write_batches = 0;      // row batches (TileSpec::cols_per_write_driver) given a pulse
  double refreshes = 0;          // cells read and reprogrammed by a refresh (pulses counted above)

  double adc_conversions() const;
  PhaseCounts& operator+=(const PhaseCounts& other);
  PhaseCounts& operator*=(double factor);
};

// Every scalar counter of PhaseCounts by name (the adc_conversions_by_bits array apart), in
// declaration order: the one list the arithmetic and the JSON form (event_counts_json) walk.
// `optional`: added after events.json files were first written; a file without it reads as 0.
struct NamedCounter {
  const char* name;
  double PhaseCounts::*member;
  bool optional = false;
};
inline constexpr std::array<NamedCounter, 20> kPhaseCounters = {{
    {"row_activations", &PhaseCounts::row_activations},
    {"input_bit_cycles", &PhaseCounts::input_bit_cycles},
    {"cell_reads", &PhaseCounts::cell_reads},
    {"column_reads", &PhaseCounts::column_reads},
    {"read_steps", &PhaseCounts::read_steps},
    {"shift_add_ops", &PhaseCounts::shift_add_ops},
    {"adder_ops", &PhaseCounts::adder_ops},
    {"activation_ops", &PhaseCounts::activation_ops},
    {"digital_macs", &PhaseCounts::digital_macs},
    {"pooling_ops", &PhaseCounts::pooling_ops},
    {"buffer_read_bits", &PhaseCounts::buffer_read_bits},
    {"buffer_write_bits", &PhaseCounts::buffer_write_bits},
    {"interconnect_bits", &PhaseCounts::interconnect_bits},
    {"ltp_pulses", &PhaseCounts::ltp_pulses},
    {"ltd_pulses", &PhaseCounts::ltd_pulses},
    {"cells_programmed", &PhaseCounts::cells_programmed},
    {"write_row_selects", &PhaseCounts::write_row_selects},
    {"write_slots", &PhaseCounts::write_slots},
    {"write_batches", &PhaseCounts::write_batches, true},
    {"refreshes", &PhaseCounts::refreshes},
}};
// A counter added to PhaseCounts must be added to kPhaseCounters too.
static_assert(sizeof(PhaseCounts) == (kPhaseCounters.size() + kMaxAdcBits + 1) * sizeof(double));

struct LayerCounts {
  std::array<PhaseCounts, kPhaseCount> phase{};
  // Events of this layer's feedback matrix B_l (analog B arrays or digital B in SRAM): its reads
  // belong to the error-propagation phase; its programming, for a rule that learns B
  // (sim/rule_path.hpp), to the weight update.
  PhaseCounts feedback;
  PhaseCounts feedback_update;

  PhaseCounts& operator[](Phase p) { return phase[static_cast<std::size_t>(p)]; }
  const PhaseCounts& operator[](Phase p) const { return phase[static_cast<std::size_t>(p)]; }
  LayerCounts& operator+=(const LayerCounts& other);
  LayerCounts& operator*=(double factor);
};

struct EventCounts {
  std::vector<LayerCounts> layers;
  double samples = 0;  // samples the counts cover (training samples or inferences)

  EventCounts() = default;
  explicit EventCounts(std::size_t layer_count) : layers(layer_count) {}
  // Adds layer by layer and adds the sample counts; throws std::invalid_argument when the
  // layer counts differ (and neither side is empty).
  EventCounts& operator+=(const EventCounts& other);
  // Counts of one sample: every counter divided by `samples` (which must be > 0).
  EventCounts per_sample() const;
};

}  // namespace cimsim::sim
