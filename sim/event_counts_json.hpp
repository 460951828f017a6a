// The JSON form of EventCounts: every counter of every layer's phases and feedback path, and the
// samples the counts cover. A training run writes it into events.json (experiments/run_events)
// and `cimsim cost --events` reads it back. Numbers are printed with 17 significant digits
// (sim/core/json.cpp) and read with strtod, so every count reads back bit-identical.
//
//   {"samples": S, "layers": [{"forward": P, "error_propagation": P, "weight_gradient": P,
//                              "weight_update": P, "feedback": P, "feedback_update": P}, ...]}
//   P = {"row_activations": n, ... (kPhaseCounters), "adc_conversions_by_bits": [17 numbers]}
#pragma once

#include "sim/core/config.hpp"
#include "sim/core/json.hpp"
#include "sim/event_counts.hpp"

namespace cimsim::sim {

core::Json event_counts_to_json(const EventCounts& counts);

// Reads what event_counts_to_json wrote (JSON parses as YAML). Every key is required (but
// feedback_update, absent from files of earlier versions: zero) and no other is accepted; counts
// must be finite and >= 0, samples > 0. Throws core::ConfigError with the file position and key
// path of the first bad entry.
EventCounts event_counts_from_json(const core::ConfigNode& node);

}  // namespace cimsim::sim
