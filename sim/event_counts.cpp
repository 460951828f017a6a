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

// Applies `op(a, b)` to every counter of `a` and `b`.
template <class Op>
void for_each_counter(PhaseCounts& a, const PhaseCounts& b, Op op) {
  for (const NamedCounter& c : kPhaseCounters) op(a.*c.member, b.*c.member);
  for (std::size_t i = 0; i < a.adc_conversions_by_bits.size(); ++i) {
    op(a.adc_conversions_by_bits[i], b.adc_conversions_by_bits[i]);
  }
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
  feedback_update += other.feedback_update;
  return *this;
}

LayerCounts& LayerCounts::operator*=(double factor) {
  for (auto& p : phase) p *= factor;
  feedback *= factor;
  feedback_update *= factor;
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
