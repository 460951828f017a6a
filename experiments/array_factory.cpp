#include "experiments/array_factory.hpp"

#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"
#include "sim/crossbar_array.hpp"

namespace cimsim::experiments {

algorithms::ArrayFactory make_layer_array_factory(const ExperimentSpec& spec) {
  const algorithms::SoftwareArraySpec software{spec.train.optimizer, spec.train.weight_quantizer,
                                               spec.train.gradient_quantizer};
  const sim::CrossbarConfig crossbar{spec.hardware.tile, spec.hardware.crossbar,
                                     spec.hardware.device, true, spec.train.gradient_quantizer};
  const std::vector<std::string> arrays = spec.layer_arrays;
  const std::uint64_t seed = spec.seed;
  return
      [software, crossbar, arrays, seed](std::size_t layer, Eigen::Index outputs,
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

algorithms::FeedbackFactory make_feedback_array_factory(
    const ExperimentSpec& spec, std::map<std::string, const sim::WeightArray*>* made) {
  // A rule that learns B (its hardware path says so) programs it as it programs W: with the
  // layers' optimizer and quantizers, on trainable tiles. Fixed matrices are exact digital
  // storage, or tiles that may be bit-sliced.
  const algorithms::RuleEntry* rule = algorithms::trainer_registry().find(spec.train.trainer_type);
  const bool learned =
      rule != nullptr && rule->hardware_path(spec.train.trainer_params).feedback_learned;
  const sim::CrossbarConfig crossbar{
      spec.hardware.tile, spec.hardware.crossbar, spec.hardware.feedback_device, learned,
      learned ? spec.train.gradient_quantizer : core::QuantizerSpec{}};
  const algorithms::SoftwareArraySpec software =
      learned ? algorithms::SoftwareArraySpec{spec.train.optimizer, spec.train.weight_quantizer,
                                              spec.train.gradient_quantizer}
              : algorithms::SoftwareArraySpec{};
  const bool analog = spec.hardware.feedback_array == "crossbar";
  const std::uint64_t seed = spec.seed;
  return [crossbar, software, analog, seed, made](
             const std::string& name, Eigen::Index outputs,
             Eigen::Index inputs) -> std::unique_ptr<sim::WeightArray> {
    std::unique_ptr<sim::WeightArray> array;
    if (analog) {
      array = std::make_unique<sim::CrossbarArray>(
          outputs, inputs, crossbar, core::Rng::derive(seed, "hardware.feedback/" + name));
    } else {
      array = std::make_unique<algorithms::SoftwareArray>(outputs, inputs, software);
    }
    if (made != nullptr) (*made)[name] = array.get();
    return array;
  };
}

}  // namespace cimsim::experiments
