#include "sim/event_counts.hpp"

#include <stdexcept>
#include <string>

namespace cimsim::sim {

const char* to_string(Phase phase) {
  switch (phase) {
    case Phase::kForward:
      return "forward";
    case Phase::kErrorPropagation:
      return "error_propagation";
    case Phase::kWeightGradient:
      return "weight_gradient";
    case Phase::kWeightUpdate:
      return "weight_update";
  }
  return "?";
}

double PhaseCounts::adc_conversions() const {
  double total = 0;
  for (const double c : adc_conversions_by_bits) total += c;
  return total;
}

namespace {

// Applies `op(a, b)` to every counter of `a` and `b`, in declaration order.
template <class Op>
void for_each_counter(PhaseCounts& a, const PhaseCounts& b, Op op) {
  op(a.row_activations, b.row_activations);
  op(a.input_bit_cycles, b.input_bit_cycles);
  op(a.cell_reads, b.cell_reads);
  op(a.column_reads, b.column_reads);
  for (std::size_t i = 0; i < a.adc_conversions_by_bits.size(); ++i) {
    op(a.adc_conversions_by_bits[i], b.adc_conversions_by_bits[i]);
  }
  op(a.read_steps, b.read_steps);
  op(a.shift_add_ops, b.shift_add_ops);
  op(a.adder_ops, b.adder_ops);
  op(a.activation_ops, b.activation_ops);
  op(a.digital_macs, b.digital_macs);
  op(a.pooling_ops, b.pooling_ops);
  op(a.buffer_read_bits, b.buffer_read_bits);
  op(a.buffer_write_bits, b.buffer_write_bits);
  op(a.interconnect_bits, b.interconnect_bits);
  op(a.ltp_pulses, b.ltp_pulses);
  op(a.ltd_pulses, b.ltd_pulses);
  op(a.cells_programmed, b.cells_programmed);
  op(a.write_row_selects, b.write_row_selects);
  op(a.write_slots, b.write_slots);
  op(a.refreshes, b.refreshes);
}

}  // namespace

PhaseCounts& PhaseCounts::operator+=(const PhaseCounts& other) {
  for_each_counter(*this, other, [](double& a, double b) { a += b; });
  return *this;
}

PhaseCounts& PhaseCounts::operator*=(double factor) {
  for_each_counter(*this, *this, [factor](double& a, double) { a *= factor; });
  return *this;
}

LayerCounts& LayerCounts::operator+=(const LayerCounts& other) {
  for (std::size_t p = 0; p < kPhaseCount; ++p) phase[p] += other.phase[p];
  feedback += other.feedback;
  return *this;
}

LayerCounts& LayerCounts::operator*=(double factor) {
  for (auto& p : phase) p *= factor;
  feedback *= factor;
  return *this;
}

EventCounts& EventCounts::operator+=(const EventCounts& other) {
  if (layers.empty()) {
    layers = other.layers;
  } else if (!other.layers.empty()) {
    if (layers.size() != other.layers.size()) {
      throw std::invalid_argument("EventCounts: adding counts of " +
                                  std::to_string(other.layers.size()) + " layers to " +
                                  std::to_string(layers.size()) + " layers");
    }
    for (std::size_t i = 0; i < layers.size(); ++i) layers[i] += other.layers[i];
  }
  samples += other.samples;
  return *this;
}

EventCounts EventCounts::per_sample() const {
  if (!(samples > 0)) throw std::invalid_argument("EventCounts::per_sample: no samples counted");
  EventCounts out = *this;
  for (auto& layer : out.layers) layer *= 1.0 / samples;
  out.samples = 1;
  return out;
}

}  // namespace cimsim::sim
