#include "experiments/array_factory.hpp"

#include "algorithms/software_array.hpp"
#include "sim/crossbar_array.hpp"

namespace cimsim::experiments {

algorithms::ArrayFactory make_layer_array_factory(const ExperimentSpec& spec) {
  const algorithms::SoftwareArraySpec software{spec.train.optimizer, spec.train.weight_quantizer,
                                               spec.train.gradient_quantizer};
  const sim::CrossbarConfig crossbar{spec.hardware.tile, spec.hardware.crossbar, spec.hardware.device, true,
                                     spec.train.gradient_quantizer};
  const std::vector<std::string> arrays = spec.layer_arrays;
  const std::uint64_t seed = spec.seed;
  return [software, crossbar, arrays, seed](std::size_t layer, Eigen::Index outputs,
                                            Eigen::Index inputs) -> std::unique_ptr<sim::WeightArray> {
    if (arrays[layer] == "crossbar") {
      // Each layer's devices draw from their own stream: d2d variation, c2c and read noise.
      return std::make_unique<sim::CrossbarArray>(
          outputs, inputs, crossbar,
          core::Rng::derive(seed, "model.layers[" + std::to_string(layer) + "].array"));
    }
    return std::make_unique<algorithms::SoftwareArray>(outputs, inputs, software);
  };
}

algorithms::FeedbackFactory make_feedback_array_factory(const ExperimentSpec& spec,
                                                        std::map<std::string, const sim::WeightArray*>* made) {
  const sim::CrossbarConfig crossbar{spec.hardware.tile, spec.hardware.crossbar,
                                     spec.hardware.feedback_device, false, core::QuantizerSpec{}};
  const bool analog = spec.hardware.feedback_array == "crossbar";
  const std::uint64_t seed = spec.seed;
  return [crossbar, analog, seed, made](const std::string& name, Eigen::Index outputs,
                                        Eigen::Index inputs) -> std::unique_ptr<sim::WeightArray> {
    std::unique_ptr<sim::WeightArray> array;
    if (analog) {
      array = std::make_unique<sim::CrossbarArray>(outputs, inputs, crossbar,
                                                   core::Rng::derive(seed, "hardware.feedback/" + name));
    } else {
      // Fixed matrices, never updated: exact digital storage.
      array = std::make_unique<algorithms::SoftwareArray>(outputs, inputs, algorithms::SoftwareArraySpec{});
    }
    if (made != nullptr) (*made)[name] = array.get();
    return array;
  };
}

}  // namespace cimsim::experiments
