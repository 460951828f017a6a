#include "algorithms/layer_spec.hpp"

#include <algorithm>

namespace cimsim::algorithms {
namespace {

std::string num(Eigen::Index v) { return std::to_string(v); }

// Output side of a window of `kernel` moving by `stride` over `side` values (padding included).
Eigen::Index window_steps(std::size_t layer, const char* what, Eigen::Index side, Eigen::Index kernel,
                          Eigen::Index stride, const TensorShape& input) {
  if (kernel > side) {
    throw ShapeError(layer, std::string(what) + " window " + num(kernel) + "x" + num(kernel) +
                                " is larger than its input " + input.text() +
                                (side != input.height ? " (" + num(side) + " with padding)" : ""));
  }
  if ((side - kernel) % stride != 0) {
    throw ShapeError(layer, std::string(what) + " window " + num(kernel) + " with stride " +
                                num(stride) + " does not tile " + num(side) + " values (" +
                                num(side) + " - " + num(kernel) + " is not a multiple of " +
                                num(stride) + "); change kernel, stride or padding");
  }
  return (side - kernel) / stride + 1;
}

}  // namespace

const std::vector<std::string>& layer_kind_names() {
  static const std::vector<std::string> names = {"dense", "conv2d", "max_pool", "avg_pool",
                                                 "flatten"};
  return names;
}

LayerKind parse_layer_kind(const std::string& name) {
  const auto& names = layer_kind_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<LayerKind>(i);
  }
  throw std::invalid_argument("unknown layer type: " + name);
}

Eigen::Index evaluation_chunk(Eigen::Index positions) {
  return std::clamp<Eigen::Index>(65536 / std::max<Eigen::Index>(1, positions), 1, 512);
}

std::string TensorShape::text() const {
  if (!spatial) return num(channels);
  return num(channels) + "x" + num(height) + "x" + num(width);
}

std::vector<TensorShape> infer_shapes(const TensorShape& input, const std::vector<LayerSpec>& layers) {
  if (layers.empty()) throw ShapeError(0, "the network has no layers");
  if (layers.back().kind != LayerKind::kDense) {
    throw ShapeError(layers.size() - 1, "the output layer must be a dense layer");
  }
  std::vector<TensorShape> shapes;
  TensorShape current = input;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerSpec& l = layers[i];
    const bool pool = l.kind == LayerKind::kMaxPool || l.kind == LayerKind::kAvgPool;
    if ((l.kind == LayerKind::kConv2d || pool) && !current.spatial) {
      throw ShapeError(i, std::string(pool ? "a pool" : "a conv2d layer") +
                              " needs a spatial input (channels x height x width), got the flat " +
                              current.text() + " values of " +
                              (i == 0 ? "the input" : "layer " + num(static_cast<Eigen::Index>(i - 1))));
    }
    if (pool && (i == 0 || (layers[i - 1].kind != LayerKind::kConv2d &&
                            layers[i - 1].kind != LayerKind::kMaxPool &&
                            layers[i - 1].kind != LayerKind::kAvgPool))) {
      throw ShapeError(i, "a pool must follow a conv2d layer or another pool");
    }
    if (l.kernel < 1 && (l.kind == LayerKind::kConv2d || pool)) {
      throw ShapeError(i, "the kernel must be at least 1");
    }
    if (l.stride < 1) throw ShapeError(i, "the stride must be at least 1");
    switch (l.kind) {
      case LayerKind::kDense:
        current = {l.units, 1, 1, false};
        break;
      case LayerKind::kFlatten:
        current = {current.size(), 1, 1, false};
        break;
      case LayerKind::kConv2d: {
        if (l.padding >= l.kernel) {
          throw ShapeError(i, "padding " + num(l.padding) + " must be smaller than the kernel " +
                                  num(l.kernel));
        }
        const Eigen::Index h =
            window_steps(i, "conv2d", current.height + 2 * l.padding, l.kernel, l.stride, current);
        const Eigen::Index w =
            window_steps(i, "conv2d", current.width + 2 * l.padding, l.kernel, l.stride, current);
        current = {l.units, h, w, true};
        break;
      }
      case LayerKind::kMaxPool:
      case LayerKind::kAvgPool: {
        const Eigen::Index h = window_steps(i, "pool", current.height, l.kernel, l.stride, current);
        const Eigen::Index w = window_steps(i, "pool", current.width, l.kernel, l.stride, current);
        current = {current.channels, h, w, true};
        break;
      }
    }
    shapes.push_back(current);
  }
  return shapes;
}

}  // namespace cimsim::algorithms
