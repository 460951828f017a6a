#include "sim/event_counts_json.hpp"

#include <string>
#include <vector>

namespace cimsim::sim {
namespace {

constexpr const char* kAdcKey = "adc_conversions_by_bits";
constexpr const char* kFeedbackKey = "feedback";
constexpr const char* kFeedbackUpdateKey = "feedback_update";

core::Json phase_json(const PhaseCounts& p) {
  core::Json out = core::Json::object();
  for (const NamedCounter& c : kPhaseCounters) out.set(c.name, p.*c.member);
  core::Json adc = core::Json::array();
  for (const double n : p.adc_conversions_by_bits) adc.push(n);
  out.set(kAdcKey, std::move(adc));
  return out;
}

double count_of(const core::ConfigNode& node) {
  const double value = node.as_real();
  if (value < 0) node.fail("a count >= 0");
  return value;
}

PhaseCounts phase_from_json(const core::ConfigNode& node) {
  std::vector<std::string> keys;
  for (const NamedCounter& c : kPhaseCounters) keys.emplace_back(c.name);
  keys.emplace_back(kAdcKey);
  node.check_keys(keys);
  PhaseCounts p;
  for (const NamedCounter& c : kPhaseCounters) p.*c.member = count_of(node.at(c.name));
  const core::ConfigNode adc = node.at(kAdcKey);
  if (!adc.is_sequence() || adc.size() != p.adc_conversions_by_bits.size()) {
    adc.fail("a list of " + std::to_string(p.adc_conversions_by_bits.size()) +
             " counts (conversions of 0 to " + std::to_string(kMaxAdcBits) + " bits)");
  }
  for (std::size_t b = 0; b < p.adc_conversions_by_bits.size(); ++b) {
    p.adc_conversions_by_bits[b] = count_of(adc.at(b));
  }
  return p;
}

}  // namespace

core::Json event_counts_to_json(const EventCounts& counts) {
  core::Json root = core::Json::object();
  root.set("samples", counts.samples);
  core::Json layers = core::Json::array();
  for (const LayerCounts& layer : counts.layers) {
    core::Json l = core::Json::object();
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      l.set(to_string(static_cast<Phase>(p)), phase_json(layer.phase[p]));
    }
    l.set(kFeedbackKey, phase_json(layer.feedback));
    l.set(kFeedbackUpdateKey, phase_json(layer.feedback_update));
    layers.push(std::move(l));
  }
  root.set("layers", std::move(layers));
  return root;
}

EventCounts event_counts_from_json(const core::ConfigNode& node) {
  node.check_keys({"samples", "layers"});
  EventCounts counts;
  const core::ConfigNode samples = node.at("samples");
  counts.samples = samples.as_real();
  if (!(counts.samples > 0)) samples.fail("a number of samples > 0");
  std::vector<std::string> keys;
  for (std::size_t p = 0; p < kPhaseCount; ++p) keys.emplace_back(to_string(static_cast<Phase>(p)));
  keys.emplace_back(kFeedbackKey);
  keys.emplace_back(kFeedbackUpdateKey);
  for (const core::ConfigNode& l : node.at("layers").items()) {
    l.check_keys(keys);
    LayerCounts layer;
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      layer.phase[p] = phase_from_json(l.at(to_string(static_cast<Phase>(p))));
    }
    layer.feedback = phase_from_json(l.at(kFeedbackKey));
    // Absent from events.json files written before rules could learn B: nothing programmed B.
    if (l.has(kFeedbackUpdateKey)) layer.feedback_update = phase_from_json(l.at(kFeedbackUpdateKey));
    counts.layers.push_back(layer);
  }
  return counts;
}

}  // namespace cimsim::sim
