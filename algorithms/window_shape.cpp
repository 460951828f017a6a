#include "algorithms/window_shape.hpp"

namespace cimsim::algorithms {
namespace {

std::string num(Eigen::Index v) { return std::to_string(v); }

}  // namespace

void require_spatial(std::size_t index, const std::string& what, const TensorShape& in) {
  if (in.spatial) return;
  throw ShapeError(
      index, what + " needs a spatial input (channels x height x width), got the flat " +
                 in.text() + " values of " +
                 (index == 0 ? "the input" : "layer " + num(static_cast<Eigen::Index>(index - 1))));
}

void require_window(std::size_t index, const LayerSpec& layer) {
  if (layer.kernel < 1) throw ShapeError(index, "the kernel must be at least 1");
  if (layer.stride < 1) throw ShapeError(index, "the stride must be at least 1");
}

Eigen::Index window_steps(std::size_t index, const std::string& what, Eigen::Index side,
                          Eigen::Index kernel, Eigen::Index stride, const TensorShape& in) {
  if (kernel > side) {
    throw ShapeError(index, what + " window " + num(kernel) + "x" + num(kernel) +
                                " is larger than its input " + in.text() +
                                (side != in.height ? " (" + num(side) + " with padding)" : ""));
  }
  if ((side - kernel) % stride != 0) {
    throw ShapeError(index, what + " window " + num(kernel) + " with stride " + num(stride) +
                                " does not tile " + num(side) + " values (" + num(side) + " - " +
                                num(kernel) + " is not a multiple of " + num(stride) +
                                "); change kernel, stride or padding");
  }
  return (side - kernel) / stride + 1;
}

}  // namespace cimsim::algorithms
