#include "algorithms/conv_layer.hpp"

#include <algorithm>
#include <string>

#include "algorithms/layer_type.hpp"
#include "algorithms/window_shape.hpp"

namespace cimsim::algorithms {
namespace {

// The part [lo, hi) of a window row that lies inside a line of `width` values, for a window whose
// first tap is at `start` (negative inside the padding).
struct Span {
  Eigen::Index lo, hi;
};
Span inside(Eigen::Index start, Eigen::Index kernel, Eigen::Index width) {
  return {std::clamp<Eigen::Index>(-start, 0, kernel),
          std::clamp<Eigen::Index>(width - start, 0, kernel)};
}

}  // namespace

ConvLayer::ConvLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias,
                     TensorShape input_shape, TensorShape output_shape, ConvWindow window)
    : WeightedLayer(std::move(array), activation, bias, input_shape, output_shape),
      window_(window) {}

void ConvLayer::im2col(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& cols) const {
  const Eigen::Index c_in = input_shape_.channels, height = input_shape_.height,
                     width = input_shape_.width;
  const Eigen::Index k = window_.kernel, run = k * c_in;
  const Eigen::Index out_w = output_shape_.width, positions = output_shape_.positions();
  const Eigen::Index taps = kernel_inputs();
  cols.resize(taps + (bias_ ? 1 : 0), x.cols() * positions);
  for (Eigen::Index b = 0; b < x.cols(); ++b) {
    const float* image = x.col(b).data();
    for (Eigen::Index p = 0; p < positions; ++p) {
      float* patch = cols.col(b * positions + p).data();
      const Eigen::Index top = (p / out_w) * window_.stride - window_.padding;
      const Eigen::Index left = (p % out_w) * window_.stride - window_.padding;
      const Span cols_in = inside(left, k, width);
      for (Eigen::Index ki = 0; ki < k; ++ki) {
        float* row = patch + ki * run;
        const Eigen::Index ih = top + ki;
        if (ih < 0 || ih >= height || cols_in.lo >= cols_in.hi) {
          std::fill(row, row + run, 0.0f);
          continue;
        }
        std::fill(row, row + cols_in.lo * c_in, 0.0f);
        // Short runs (k * C_in values): an Eigen copy, not a library call per run.
        const Eigen::Index inside_values = (cols_in.hi - cols_in.lo) * c_in;
        Eigen::Map<Eigen::VectorXf>(row + cols_in.lo * c_in, inside_values) =
            Eigen::Map<const Eigen::VectorXf>(image + (ih * width + left + cols_in.lo) * c_in,
                                              inside_values);
        std::fill(row + cols_in.hi * c_in, row + run, 0.0f);
      }
      if (bias_) patch[taps] = 1.0f;
    }
  }
}

void ConvLayer::col2im(const Eigen::MatrixXf& cols, Eigen::Index batch,
                       Eigen::MatrixXf& image) const {
  const Eigen::Index c_in = input_shape_.channels, height = input_shape_.height,
                     width = input_shape_.width;
  const Eigen::Index k = window_.kernel, run = k * c_in;
  const Eigen::Index out_w = output_shape_.width, positions = output_shape_.positions();
  image.setZero(input_shape_.size(), batch);
  for (Eigen::Index b = 0; b < batch; ++b) {
    float* target = image.col(b).data();
    for (Eigen::Index p = 0; p < positions; ++p) {
      const float* patch = cols.col(b * positions + p).data();
      const Eigen::Index top = (p / out_w) * window_.stride - window_.padding;
      const Eigen::Index left = (p % out_w) * window_.stride - window_.padding;
      const Span cols_in = inside(left, k, width);
      for (Eigen::Index ki = 0; ki < k; ++ki) {
        const Eigen::Index ih = top + ki;
        if (ih < 0 || ih >= height) continue;
        const float* row = patch + ki * run + cols_in.lo * c_in;
        float* dest = target + (ih * width + left + cols_in.lo) * c_in;
        for (Eigen::Index i = 0; i < (cols_in.hi - cols_in.lo) * c_in; ++i) dest[i] += row[i];
      }
    }
  }
}

Eigen::Map<const Eigen::MatrixXf> ConvLayer::as_columns(const Eigen::MatrixXf& map) const {
  return {map.data(), kernel_outputs(), map.cols() * output_shape_.positions()};
}

const Eigen::MatrixXf& ConvLayer::forward(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  im2col(x, input_);
  array_->forward(input_, output_);
  // C_out x (batch x positions) and (C_out x positions) x batch are the same values in the same
  // order; Eigen keeps the coefficients when a resize leaves their number unchanged.
  output_.resize(units(), x.cols());
  apply_activation(activation_, output_);
  return output_;
}

void ConvLayer::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                      core::Rng& noise) const {
  Eigen::MatrixXf cols;
  im2col(x, cols);
  array_->infer(cols, y, noise);
  y.resize(units(), x.cols());
  apply_activation(activation_, y);
}

void ConvLayer::propagate(const Eigen::MatrixXf& delta, sim::WeightArray* feedback,
                          Eigen::MatrixXf& input_error) {
  if (feedback != nullptr) {
    feedback->forward(as_columns(delta), back_);
  } else {
    array_->backward(as_columns(delta), back_);
  }
  col2im(back_, delta.cols(), input_error);
}

void ConvLayer::update(const Eigen::MatrixXf& delta, float learning_rate) {
  // The array divides by its column count, batch x positions; the gradient of the batch's mean
  // loss sums the positions, so the step is scaled back by the number of positions.
  array_->update(
      as_columns(delta), input_,
      learning_rate * learning_rate_scale_ * static_cast<float>(output_shape_.positions()));
}

void ConvLayer::update_mirror(sim::WeightArray& mirror, const Eigen::MatrixXf& delta,
                              float learning_rate) {
  // The layer's rate scale, and scaled back by the positions, as in update().
  mirror.update(
      input_.topRows(kernel_inputs()), as_columns(delta),
      learning_rate * learning_rate_scale_ * static_cast<float>(output_shape_.positions()));
}

namespace {

TensorShape conv_output_shape(std::size_t index, const LayerSpec& layer, const TensorShape& in) {
  require_spatial(index, "a conv2d layer", in);
  require_window(index, layer);
  if (layer.padding >= layer.kernel) {
    throw ShapeError(index, "padding " + std::to_string(layer.padding) +
                                " must be smaller than the kernel " + std::to_string(layer.kernel));
  }
  const Eigen::Index pad = 2 * layer.padding;
  return {layer.units,
          window_steps(index, "conv2d", in.height + pad, layer.kernel, layer.stride, in),
          window_steps(index, "conv2d", in.width + pad, layer.kernel, layer.stride, in), true};
}

}  // namespace

void register_conv_layer(LayerTypeRegistry& registry) {
  registry.add({.kind = LayerKind::kConv2d,
                .name = "conv2d",
                .output_shape = conv_output_shape,
                .make_weighted = [](std::unique_ptr<sim::WeightArray> array, const LayerSpec& layer,
                                    bool bias, const TensorShape& in,
                                    const TensorShape& out) -> std::unique_ptr<WeightedLayer> {
                  return std::make_unique<ConvLayer>(
                      std::move(array), layer.activation, bias, in, out,
                      ConvWindow{layer.kernel, layer.stride, layer.padding});
                },
                .kernel_inputs =
                    [](const LayerSpec& layer, const TensorShape& in) {
                      return layer.kernel * layer.kernel * in.channels;
                    },
                .window = [](const LayerSpec& layer) { return layer.kernel; }});
}

}  // namespace cimsim::algorithms
