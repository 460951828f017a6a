// The JSON form of EventCounts: every counter of every layer's phases and feedback path, and the
// samples the counts cover. A training run writes it into events.json (experiments/run_events)
// and `cimsim cost --events` reads it back. Numbers are printed with 17 significant digits
// (sim/core/json.cpp) and read with strtod, so every count reads back bit-identical.
//
//   {"samples": S, "layers": [{"forward": P, "error_propagation": P, "weight_gradient": P,
//                              "weight_update": P, "feedback": P, "feedback_update": P}, ...]}
//   P = {"row_activations": n, ... (kPhaseCounters), "adc_conversions_by_bits": [17 numbers]}
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/config.hpp"
#include "sim/core/json.hpp"
#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim {

core::Json event_counts_to_json(const EventCounts& counts);

// Reads what event_counts_to_json wrote (JSON parses as YAML). Every key is required (but
// feedback_update, absent from files of earlier versions: zero) and no other is accepted; counts
// must be finite and >= 0, samples > 0. Throws core::ConfigError with the file position and key
// path of the first bad entry.
EventCounts event_counts_from_json(const core::ConfigNode& node);

// The shape of one weight layer as events.json records it.
struct EventLayerShape {
  std::int64_t inputs = 0;  // without the bias row
  std::int64_t outputs = 0;
  std::int64_t positions = 1;  // output positions a conv layer reads its tiles at
};

// Refuses counts no run of this network could have recorded, so that an edited events.json
// (counts of 1e308 or 2^64 - 1 were priced at 8.7e286 J per sample) is not priced. `samples`
// must be a whole number below 2^53. Per sample, a layer's counter may reach at most 64 times
// (bits per value, both read directions, digital and feedback work) the cell reads of one sample:
// every physical cell ((inputs + 1) x outputs x 2 x cells per weight) at every position in
// 2 x input_bits read cycles; its ltp/ltd pulses at most every cell 2^20 times (the largest
// hardware.crossbar.max_pulses) per sample. Real counts stay orders of magnitude below. Throws
// core::ConfigError at the first count past its bound, naming its key path under `node` (the
// "training" object) and the bound.
void check_event_counts(const EventCounts& counts, const std::vector<EventLayerShape>& shapes,
                        const TileSpec& tile, const core::ConfigNode& node);

}  // namespace cimsim::sim
