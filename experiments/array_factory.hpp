// Builds the WeightArrays of a run from its hardware section: where each layer's weights and each
// feedback matrix live.
#pragma once

#include <map>
#include <string>

#include "algorithms/network.hpp"
#include "algorithms/trainer.hpp"
#include "experiments/experiment_spec.hpp"

namespace cimsim::experiments {

algorithms::ArrayFactory make_layer_array_factory(const ExperimentSpec& spec);
// `made`, if given, receives every feedback array by name (for collecting their event counts).
algorithms::FeedbackFactory make_feedback_array_factory(
    const ExperimentSpec& spec, std::map<std::string, const sim::WeightArray*>* made = nullptr);

}  // namespace cimsim::experiments
