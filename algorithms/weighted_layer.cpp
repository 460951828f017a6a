#include "algorithms/weighted_layer.hpp"

namespace cimsim::algorithms {

WeightedLayer::WeightedLayer(std::unique_ptr<sim::WeightArray> array, Activation activation,
                             bool bias, TensorShape input_shape, TensorShape output_shape)
    : array_(std::move(array)),
      activation_(activation),
      bias_(bias),
      input_shape_(input_shape),
      output_shape_(output_shape) {}

}  // namespace cimsim::algorithms
