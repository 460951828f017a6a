// A layer type as registered (algorithms/layer_types.def): its `type:` name, the shape it makes
// of its input, how the network builds it, and what the cost model and the resource estimate
// see of it. Nothing outside the layer's own file switches on the kind.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "algorithms/layer_spec.hpp"
#include "algorithms/unweighted_layer.hpp"
#include "algorithms/weighted_layer.hpp"
#include "sim/core/registry.hpp"

namespace cimsim::algorithms {

struct LayerType {
  LayerKind kind = LayerKind::kDense;
  std::string name;  // model.layers[i].type
  // The output shape of layer `index` of the list on input `in`, after the checks the type
  // needs (throws ShapeError naming the layer).
  std::function<TensorShape(std::size_t index, const LayerSpec& layer, const TensorShape& in)>
      output_shape;

  // A weighted type (make_weighted set): the layer around its array of layer.units outputs x
  // (kernel_inputs + bias) inputs, ...
  std::function<std::unique_ptr<WeightedLayer>(std::unique_ptr<sim::WeightArray> array,
                                               const LayerSpec& layer, bool bias,
                                               const TensorShape& in, const TensorShape& out)>
      make_weighted{};
  // ... the inputs of its weight matrix per output position, bias apart (k^2 C_in for a
  // convolution, every input value for a dense layer), ...
  std::function<Eigen::Index(const LayerSpec& layer, const TensorShape& in)> kernel_inputs{};
  // ... and the side of the square window of positions one output reads (1: dense). Glorot's
  // fan-out and the overlap of a transposed read count it.
  std::function<Eigen::Index(const LayerSpec& layer)> window{};

  // A type without weights that computes (make_unweighted set; null: it only reshapes, like
  // flatten): the layer, applied after the weighted layer before it (the type's shape rule
  // makes sure there is one), ...
  std::function<std::unique_ptr<UnweightedLayer>(const LayerSpec& layer, const TensorShape& in,
                                                 const TensorShape& out)>
      make_unweighted{};
  // ... and its digital operations per output value (a pool: window^2 - 1 comparisons or
  // additions), which the cost model books to that weighted layer.
  std::function<Eigen::Index(const LayerSpec& layer)> ops_per_output{};

  bool weighted() const { return make_weighted != nullptr; }
};

using LayerTypeRegistry = core::EntryRegistry<LayerType>;

// Every type of algorithms/layer_types.def, in its order.
const LayerTypeRegistry& layer_type_registry();
const LayerType& layer_type(LayerKind kind);

}  // namespace cimsim::algorithms
