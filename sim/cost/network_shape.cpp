#include "sim/cost/network_shape.hpp"

#include <stdexcept>
#include <utility>

namespace cimsim::sim::cost {

LayerShape dense_layer_shape(std::int64_t inputs, std::int64_t outputs, bool bias) {
  LayerShape s;
  s.inputs = inputs + (bias ? 1 : 0);
  s.outputs = outputs;
  s.input_values = inputs;
  s.pooled_values = outputs;
  s.bias = bias;
  return s;
}

LayerShape conv_layer_shape(const ConvGeometry& g) {
  // Output side of a sliding window: floor((n + 2 padding - window) / stride) + 1.
  const auto slide = [](std::int64_t n, std::int64_t window, std::int64_t stride) {
    return n < window ? 0 : (n - window) / stride + 1;
  };
  if (g.channels_in < 1 || g.height < 1 || g.width < 1 || g.channels_out < 1 || g.kernel < 1 ||
      g.stride < 1 || g.padding < 0 || g.pool < 0 || g.pool_stride < 0) {
    throw std::invalid_argument("conv_layer_shape: sizes, kernel and strides must be positive");
  }
  const std::int64_t out_h = slide(g.height + 2 * g.padding, g.kernel, g.stride);
  const std::int64_t out_w = slide(g.width + 2 * g.padding, g.kernel, g.stride);
  if (out_h < 1 || out_w < 1) {
    throw std::invalid_argument("conv_layer_shape: the kernel is larger than its padded input");
  }
  LayerShape s;
  s.inputs = g.channels_in * g.kernel * g.kernel + (g.bias ? 1 : 0);
  s.outputs = g.channels_out;
  s.bias = g.bias;
  s.positions = out_h * out_w;
  s.input_values = g.channels_in * g.height * g.width;
  s.pooled_values = s.output_values();
  if (g.pool > 0) {
    const std::int64_t stride = g.pool_stride > 0 ? g.pool_stride : g.pool;
    const std::int64_t pooled = slide(out_h, g.pool, stride) * slide(out_w, g.pool, stride);
    if (pooled < 1) {
      throw std::invalid_argument("conv_layer_shape: the pooling window is larger than its input");
    }
    s.pooled_values = g.channels_out * pooled;
    s.pool_ops = static_cast<double>(s.pooled_values * (g.pool * g.pool - 1));
  }
  return s;
}

NetworkShape mlp_shape(const std::vector<std::int64_t>& sizes, bool bias, TrainingRule rule,
                       std::int64_t batch_size, std::int64_t epoch_samples) {
  if (sizes.size() < 2) throw std::invalid_argument("mlp_shape: need inputs and >= 1 layer");
  NetworkShape shape;
  for (std::size_t i = 1; i < sizes.size(); ++i) {
    shape.layers.push_back(dense_layer_shape(sizes[i - 1], sizes[i], bias));
  }
  shape.rule = std::move(rule);
  shape.batch_size = batch_size;
  shape.epoch_samples = epoch_samples;
  return shape;
}

NetworkShape lenet5_shape(TrainingRule rule, std::int64_t batch_size, std::int64_t epoch_samples) {
  NetworkShape shape =
      mlp_shape({400, 120, 84, 10}, true, std::move(rule), batch_size, epoch_samples);
  shape.layers.insert(
      shape.layers.begin(),
      {conv_layer_shape(
           {.height = 28, .width = 28, .channels_out = 6, .kernel = 5, .padding = 2, .pool = 2}),
       conv_layer_shape({.channels_in = 6,
                         .height = 14,
                         .width = 14,
                         .channels_out = 16,
                         .kernel = 5,
                         .pool = 2})});
  return shape;
}

}  // namespace cimsim::sim::cost
