#include "sim/event_counts_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/core/config.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::sim {
namespace {

// Counts of three layers whose every counter holds a different value: fractions that need all 17
// digits, an integer beyond 1e15, zero, and plain integers.
EventCounts odd_counts() {
  EventCounts counts(3);
  counts.samples = 600.0 / 7.0;
  double k = 1;
  const auto next = [&k]() {
    k += 1;
    const int kind = static_cast<int>(k) % 4;
    if (kind == 0) return k / 3.0 * std::pow(10.0, static_cast<int>(k) % 23 - 8);
    if (kind == 1) return std::ldexp(1.0, 52) * 3 + k;  // 1.35e16 + k: an integer past 1e15
    if (kind == 2) return k == 2 ? 0.0 : k * 1000;
    return std::sqrt(k);
  };
  for (LayerCounts& layer : counts.layers) {
    for (std::size_t p = 0; p <= kPhaseCount; ++p) {
      PhaseCounts& phase = p < kPhaseCount ? layer.phase[p] : layer.feedback;
      for (const NamedCounter& c : kPhaseCounters) phase.*c.member = next();
      for (double& n : phase.adc_conversions_by_bits) n = next();
    }
  }
  return counts;
}

EventCounts round_trip(const EventCounts& counts) {
  return event_counts_from_json(
      core::ConfigNode::parse(event_counts_to_json(counts).dump(), "events.json"));
}

std::string error_of(const std::string& text) {
  try {
    event_counts_from_json(core::ConfigNode::parse(text, "events.json"));
  } catch (const core::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(EventCountsJson, RoundTripIsExactForEveryCounter) {
  const EventCounts counts = odd_counts();
  const EventCounts back = round_trip(counts);
  EXPECT_EQ(back.samples, counts.samples);
  ASSERT_EQ(back.layers.size(), counts.layers.size());
  for (std::size_t l = 0; l < counts.layers.size(); ++l) {
    for (std::size_t p = 0; p <= kPhaseCount; ++p) {
      const PhaseCounts& a =
          p < kPhaseCount ? counts.layers[l].phase[p] : counts.layers[l].feedback;
      const PhaseCounts& b = p < kPhaseCount ? back.layers[l].phase[p] : back.layers[l].feedback;
      for (const NamedCounter& c : kPhaseCounters) {
        EXPECT_EQ(b.*c.member, a.*c.member) << "layer " << l << " phase " << p << " " << c.name;
      }
      for (std::size_t bits = 0; bits <= kMaxAdcBits; ++bits) {
        EXPECT_EQ(b.adc_conversions_by_bits[bits], a.adc_conversions_by_bits[bits])
            << "layer " << l << " phase " << p << " adc bits " << bits;
      }
    }
  }
  // The text itself is stable: writing what was read gives the same file.
  EXPECT_EQ(event_counts_to_json(back).dump(), event_counts_to_json(counts).dump());
}

TEST(EventCountsJson, FilesWrittenBeforeTheWriteBatchCounterReadItAsZero) {
  EventCounts counts = odd_counts();
  std::string text = event_counts_to_json(counts).dump();
  std::size_t removed = 0;
  for (std::size_t at = text.find("\"write_batches\":"); at != std::string::npos;
       at = text.find("\"write_batches\":")) {
    text.erase(at, text.find(',', at) + 1 - at);
    ++removed;
  }
  ASSERT_GT(removed, 0u);
  const EventCounts back = event_counts_from_json(core::ConfigNode::parse(text, "events.json"));
  EXPECT_EQ(back.layers[0][Phase::kWeightUpdate].write_batches, 0.0);
  EXPECT_EQ(back.layers[0][Phase::kWeightUpdate].write_slots,
            counts.layers[0][Phase::kWeightUpdate].write_slots);
  // Every other counter is still required.
  const std::size_t slots = text.find("\"write_slots\":");
  text.erase(slots, text.find(',', slots) + 1 - slots);
  EXPECT_NE(error_of(text).find("write_slots"), std::string::npos) << error_of(text);
}

// An edited events.json with counts of 1e308 or 2^64 - 1 used to be priced (8.7e286 J/sample).
TEST(EventCountsJson, CountsBeyondWhatTheNetworkCanRecordAreRefused) {
  EventCounts counts(2);
  counts.samples = 1000;
  counts.layers[0][Phase::kForward].cell_reads = 1000 * 401.0 * 100 * 2;  // plausible
  counts.layers[1][Phase::kWeightUpdate].ltp_pulses = 1000 * 101.0 * 10;
  const std::vector<EventLayerShape> shapes = {{400, 100, 1}, {100, 10, 1}};
  const TileSpec tile;
  const auto error_of = [&](const EventCounts& c) -> std::string {
    try {
      const core::ConfigNode node =
          core::ConfigNode::parse(event_counts_to_json(c).dump(), "events.json");
      check_event_counts(event_counts_from_json(node), shapes, tile, node);
    } catch (const core::ConfigError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error_of(counts), "");
  EventCounts huge = counts;
  huge.layers[0][Phase::kForward].cell_reads = 1e308;
  const std::string reads = error_of(huge);
  EXPECT_NE(reads.find("events.json:"), std::string::npos) << reads;
  EXPECT_NE(reads.find("layers[0].forward.cell_reads: expected a count of at most"),
            std::string::npos)
      << reads;
  EXPECT_NE(reads.find("(1000 samples of a layer of 400 inputs x 100 outputs x 1 positions"),
            std::string::npos)
      << reads;
  huge = counts;
  huge.layers[1][Phase::kWeightUpdate].ltd_pulses = 18446744073709551615.0;  // 2^64 - 1
  EXPECT_NE(error_of(huge).find("layers[1].weight_update.ltd_pulses: expected a count of at most"),
            std::string::npos)
      << error_of(huge);
  huge = counts;
  huge.layers[1].feedback.adc_conversions_by_bits[5] = 1e300;
  EXPECT_NE(error_of(huge).find("layers[1].feedback.adc_conversions_by_bits[5]"), std::string::npos)
      << error_of(huge);
  huge = counts;
  huge.samples = 1e300;
  EXPECT_NE(error_of(huge).find("samples: expected a whole number of samples below 2^53"),
            std::string::npos)
      << error_of(huge);
}

TEST(EventCountsJson, BadEntriesNameTheirKey) {
  EventCounts counts(2);
  counts.samples = 8;
  const std::string good = event_counts_to_json(counts).dump();
  const auto replaced = [&good](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  EXPECT_EQ(error_of(good), "");
  EXPECT_NE(error_of(replaced("\"cell_reads\": 0", "\"cell_reads\": \"many\""))
                .find("layers[0].forward.cell_reads: expected a finite number, got \"many\""),
            std::string::npos);
  EXPECT_NE(error_of(replaced("\"ltp_pulses\": 0", "\"ltp_pulses\": -1"))
                .find("layers[0].forward.ltp_pulses: expected a count >= 0"),
            std::string::npos);
  EXPECT_NE(error_of(replaced("\"refreshes\": 0", "\"refreshez\": 0"))
                .find("layers[0].forward.refreshez: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(replaced("\"samples\": 8", "\"samples\": 0"))
                .find("samples: expected a number "
                      "of samples > 0"),
            std::string::npos);
  EXPECT_NE(
      error_of(replaced("\"adc_conversions_by_bits\": [\n", "\"adc_conversions_by_bits\": [\n1,\n"))
          .find("layers[0].forward.adc_conversions_by_bits: expected a list of 17 counts"),
      std::string::npos);
  const std::string missing = error_of(replaced("\"weight_update\"", "\"weight_updates\""));
  EXPECT_NE(missing.find("layers[0]"), std::string::npos) << missing;
  EXPECT_NE(missing.find("events.json:"), std::string::npos) << missing;
}

}  // namespace
}  // namespace cimsim::sim
