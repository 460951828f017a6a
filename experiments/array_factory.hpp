// Builds the WeightArrays of a run from its hardware section: where each layer's weights and each
// feedback matrix live.
#pragma once

#include "algorithms/network.hpp"
#include "algorithms/trainer.hpp"
#include "experiments/experiment_spec.hpp"

namespace cimsim::experiments {

algorithms::ArrayFactory make_layer_array_factory(const ExperimentSpec& spec);
algorithms::FeedbackFactory make_feedback_array_factory(const ExperimentSpec& spec);

}  // namespace cimsim::experiments
