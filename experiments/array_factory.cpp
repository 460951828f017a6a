#include "experiments/array_factory.hpp"

#include "algorithms/software_array.hpp"

namespace cimsim::experiments {

algorithms::ArrayFactory make_layer_array_factory(const ExperimentSpec& spec) {
  const algorithms::SoftwareArraySpec software{spec.train.optimizer, spec.train.weight_quantizer,
                                               spec.train.gradient_quantizer};
  return [software](std::size_t, Eigen::Index outputs, Eigen::Index inputs) {
    return std::make_unique<algorithms::SoftwareArray>(outputs, inputs, software);
  };
}

algorithms::FeedbackFactory make_feedback_array_factory(const ExperimentSpec&) {
  // Fixed feedback matrices are never updated; exact digital storage.
  return [](const std::string&, Eigen::Index outputs, Eigen::Index inputs) {
    return std::make_unique<algorithms::SoftwareArray>(outputs, inputs, algorithms::SoftwareArraySpec{});
  };
}

}  // namespace cimsim::experiments
