// Hardware paths of the kinds the built-in rules have (algorithms/rules/ states each rule's own;
// tests/algorithms/feedback_rules_test.cpp checks that the registered rules have these paths).
#pragma once

#include "sim/cost/network_shape.hpp"

namespace cimsim::sim::cost {

inline TrainingRule bp_path() { return {"bp", {.source = SignalSource::kChainTransposed}}; }
inline TrainingRule fa_path() { return {"fa", {.source = SignalSource::kChainFeedback}}; }
inline TrainingRule dfa_path() { return {"dfa", {.source = SignalSource::kProjectOutputError}}; }
inline TrainingRule drtp_path() { return {"drtp", {.source = SignalSource::kProjectTarget}}; }

}  // namespace cimsim::sim::cost
