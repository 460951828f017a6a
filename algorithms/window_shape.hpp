// Shape rules of the windowed layer types (conv2d and the pools): a spatial input, a square
// window of at least one position, and a stride that tiles what the window travels.
#pragma once

#include <string>

#include "algorithms/layer_spec.hpp"

namespace cimsim::algorithms {

// Throws ShapeError(index) unless `in` is spatial; `what` names the layer ("a conv2d layer").
void require_spatial(std::size_t index, const std::string& what, const TensorShape& in);
// Throws ShapeError(index) for a kernel or a stride below 1.
void require_window(std::size_t index, const LayerSpec& layer);
// Output side of a window of `kernel` moving by `stride` over `side` values (padding included);
// throws ShapeError(index) for a window larger than `side` or a stride that does not tile it.
Eigen::Index window_steps(std::size_t index, const std::string& what, Eigen::Index side,
                          Eigen::Index kernel, Eigen::Index stride, const TensorShape& in);

}  // namespace cimsim::algorithms
