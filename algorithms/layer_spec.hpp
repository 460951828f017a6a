// What a network is made of, before any weights exist: the layer list of `model.layers` and the
// tensor shape each layer produces.
//
// Layout: a sample is one column. A spatial tensor of C channels on an H x W grid is stored
// channels-last, value (h, w, c) at index (h * W + w) * C + c, so that the C_out x (batch x
// positions) product of a convolution's im2col read *is* its output map, and a pool or an im2col
// copy moves runs of C contiguous values. A flat tensor (after a dense layer or `flatten`) is C
// values with H = W = 1.
#pragma once

#include <Eigen/Core>

#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/activation.hpp"

namespace cimsim::algorithms {

// One kind per line of algorithms/layer_types.def (kDense, kConv2d, kMaxPool, kAvgPool,
// kFlatten); what each does is its registry entry (algorithms/layer_type.hpp).
enum class LayerKind {
#define CIMSIM_LAYER(kind, register_type) kind,
#include "algorithms/layer_types.def"
#undef CIMSIM_LAYER
};
// The `type:` names, in LayerKind order: "dense", "conv2d", "max_pool", "avg_pool", "flatten".
const std::vector<std::string>& layer_kind_names();
LayerKind parse_layer_kind(const std::string& name);

struct TensorShape {
  Eigen::Index channels = 1;
  Eigen::Index height = 1;
  Eigen::Index width = 1;
  bool spatial = false;  // an image or feature map (conv and pool need one)

  Eigen::Index positions() const { return height * width; }
  Eigen::Index size() const { return channels * height * width; }
  std::string text() const;  // "6x28x28" (channels x height x width) or "120"
  bool operator==(const TensorShape&) const = default;
};

struct LayerSpec {
  Eigen::Index units = 0;                     // dense: neurons; conv2d: output channels
  Activation activation = Activation::kTanh;  // dense and conv2d
  LayerKind kind = LayerKind::kDense;
  Eigen::Index kernel = 0;           // conv2d and pools: side of the square window
  Eigen::Index stride = 1;           // conv2d and pools: step of the window
  Eigen::Index padding = 0;          // conv2d: zero rows/columns added on every side
  float learning_rate_scale = 1.0f;  // dense and conv2d: multiplies the trainer's learning rate

  bool weighted() const;  // the layer's type has weights (dense, conv2d)
};

// A layer list that cannot be built on its input: `layer` is the index in the list.
class ShapeError : public std::invalid_argument {
 public:
  ShapeError(std::size_t layer, const std::string& what)
      : std::invalid_argument(what), layer_(layer) {}
  std::size_t layer() const { return layer_; }

 private:
  std::size_t layer_;
};

// Samples per evaluation chunk of a network whose largest output map has `positions` positions:
// 512, or fewer so that a chunk's array reads stay within 65,536 columns (samples x positions),
// about a training batch's.
Eigen::Index evaluation_chunk(Eigen::Index positions);

// The output shape of every layer of `layers` applied to `input`, by each type's rule: a dense
// layer takes any input (a spatial one flattened); conv2d and pools need a spatial input, a
// window that fits (padding included for conv2d) and a stride that divides what the window
// travels; a pool follows a conv2d or another pool. The last layer is dense. Throws ShapeError
// naming the layer.
std::vector<TensorShape> infer_shapes(const TensorShape& input,
                                      const std::vector<LayerSpec>& layers);

}  // namespace cimsim::algorithms
