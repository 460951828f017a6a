#include "sim/event_counts_json.hpp"

#include <cmath>
#include <cstdio>
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
  for (const NamedCounter& c : kPhaseCounters) {
    if (!c.optional || node.has(c.name)) p.*c.member = count_of(node.at(c.name));
  }
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
    if (l.has(kFeedbackUpdateKey))
      layer.feedback_update = phase_from_json(l.at(kFeedbackUpdateKey));
    counts.layers.push_back(layer);
  }
  return counts;
}

void check_event_counts(const EventCounts& counts, const std::vector<EventLayerShape>& shapes,
                        const TileSpec& tile, const core::ConfigNode& node) {
  const core::ConfigNode samples = node.at("samples");
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53: doubles count exactly below it
  if (counts.samples != std::floor(counts.samples) || counts.samples >= kExactIntegers) {
    samples.fail("a whole number of samples below 2^53");
  }
  constexpr double kSlack = 64;
  constexpr double kMaxPulsesPerCell = 1 << 20;  // hardware.crossbar.max_pulses at most
  const std::vector<std::string> phases = {
      to_string(Phase::kForward), to_string(Phase::kErrorPropagation),
      to_string(Phase::kWeightGradient), to_string(Phase::kWeightUpdate), kFeedbackKey};
  for (std::size_t l = 0; l < counts.layers.size() && l < shapes.size(); ++l) {
    const EventLayerShape& s = shapes[l];
    const double cells = static_cast<double>(s.inputs + 1) * static_cast<double>(s.outputs) * 2.0 *
                         static_cast<double>(tile.cells_per_weight());
    const double reads =
        cells * static_cast<double>(s.positions) * 2.0 * static_cast<double>(tile.input_bits);
    const core::ConfigNode layer = node.at("layers").at(l);
    for (std::size_t p = 0; p < phases.size(); ++p) {
      const PhaseCounts& counted =
          p < kPhaseCount ? counts.layers[l].phase[p] : counts.layers[l].feedback;
      const core::ConfigNode phase = layer.at(phases[p]);
      const auto check = [&](double value, double per_sample, const core::ConfigNode& at) {
        const double bound = per_sample * counts.samples;
        if (value > bound) {
          char text[64];
          std::snprintf(text, sizeof text, "%.3g", bound);
          at.fail("a count of at most " + std::string(text) + " (" +
                  std::to_string(static_cast<long long>(counts.samples)) +
                  " samples of a layer of " + std::to_string(s.inputs) + " inputs x " +
                  std::to_string(s.outputs) + " outputs x " + std::to_string(s.positions) +
                  " positions cannot record more)");
        }
      };
      for (const NamedCounter& c : kPhaseCounters) {
        if (c.optional && !phase.has(c.name)) continue;
        const bool pulses =
            c.member == &PhaseCounts::ltp_pulses || c.member == &PhaseCounts::ltd_pulses;
        check(counted.*c.member, pulses ? cells * kMaxPulsesPerCell : kSlack * reads,
              phase.at(c.name));
      }
      for (std::size_t b = 0; b < counted.adc_conversions_by_bits.size(); ++b) {
        check(counted.adc_conversions_by_bits[b], kSlack * reads, phase.at(kAdcKey).at(b));
      }
    }
  }
}

}  // namespace cimsim::sim
