#include "algorithms/pool_layer.hpp"

#include <limits>
#include <memory>
#include <string>

#include "algorithms/layer_type.hpp"
#include "algorithms/window_shape.hpp"

namespace cimsim::algorithms {

PoolLayer::PoolLayer(LayerKind kind, TensorShape input_shape, TensorShape output_shape,
                     Eigen::Index kernel, Eigen::Index stride)
    : kind_(kind),
      input_shape_(input_shape),
      output_shape_(output_shape),
      kernel_(kernel),
      stride_(stride) {}

void PoolLayer::pool(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                     Eigen::MatrixXi* argmax) const {
  const Eigen::Index channels = input_shape_.channels, width = input_shape_.width;
  const Eigen::Index out_w = output_shape_.width, positions = output_shape_.positions();
  const bool max = kind_ == LayerKind::kMaxPool;
  const float lowest = max ? -std::numeric_limits<float>::infinity() : 0.0f;
  y.setConstant(output_shape_.size(), x.cols(), lowest);
  if (argmax != nullptr) argmax->resize(output_shape_.size(), x.cols());
  const float area = static_cast<float>(kernel_ * kernel_);
  for (Eigen::Index b = 0; b < x.cols(); ++b) {
    const float* in = x.col(b).data();
    float* out = y.col(b).data();
    int* where = argmax != nullptr ? argmax->col(b).data() : nullptr;
    for (Eigen::Index p = 0; p < positions; ++p) {
      const Eigen::Index top = (p / out_w) * stride_, left = (p % out_w) * stride_;
      float* o = out + p * channels;
      for (Eigen::Index ki = 0; ki < kernel_; ++ki) {
        for (Eigen::Index kj = 0; kj < kernel_; ++kj) {
          const Eigen::Index base = ((top + ki) * width + left + kj) * channels;
          for (Eigen::Index c = 0; c < channels; ++c) {
            const float v = in[base + c];
            if (!max) {
              o[c] += v;
            } else if (v > o[c] || (ki == 0 && kj == 0)) {  // first tap always taken (NaN-safe)
              o[c] = v;
              if (where != nullptr) where[p * channels + c] = static_cast<int>(base + c);
            }
          }
        }
      }
      if (!max) {
        for (Eigen::Index c = 0; c < channels; ++c) o[c] /= area;
      }
    }
  }
}

const Eigen::MatrixXf& PoolLayer::forward(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  pool(x, output_, kind_ == LayerKind::kMaxPool ? &argmax_ : nullptr);
  return output_;
}

void PoolLayer::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) const {
  pool(x, y, nullptr);
}

void PoolLayer::backward(const Eigen::MatrixXf& output_error, Eigen::MatrixXf& input_error) const {
  input_error.setZero(input_shape_.size(), output_error.cols());
  if (kind_ == LayerKind::kMaxPool) {
    for (Eigen::Index b = 0; b < output_error.cols(); ++b) {
      for (Eigen::Index i = 0; i < output_error.rows(); ++i) {
        input_error(argmax_(i, b), b) += output_error(i, b);
      }
    }
    return;
  }
  const Eigen::Index channels = input_shape_.channels, width = input_shape_.width;
  const Eigen::Index out_w = output_shape_.width, positions = output_shape_.positions();
  const float share = 1.0f / static_cast<float>(kernel_ * kernel_);
  for (Eigen::Index b = 0; b < output_error.cols(); ++b) {
    for (Eigen::Index p = 0; p < positions; ++p) {
      const Eigen::Index top = (p / out_w) * stride_, left = (p % out_w) * stride_;
      for (Eigen::Index ki = 0; ki < kernel_; ++ki) {
        for (Eigen::Index kj = 0; kj < kernel_; ++kj) {
          const Eigen::Index base = ((top + ki) * width + left + kj) * channels;
          for (Eigen::Index c = 0; c < channels; ++c) {
            input_error(base + c, b) += share * output_error(p * channels + c, b);
          }
        }
      }
    }
  }
}

namespace {

TensorShape pool_output_shape(std::size_t index, const LayerSpec& layer, const TensorShape& in) {
  require_spatial(index, "a pool", in);
  // Only conv2d layers and pools make spatial maps: a spatial input after layer 0 is one of them.
  if (index == 0) throw ShapeError(index, "a pool must follow a conv2d layer or another pool");
  require_window(index, layer);
  return {in.channels, window_steps(index, "pool", in.height, layer.kernel, layer.stride, in),
          window_steps(index, "pool", in.width, layer.kernel, layer.stride, in), true};
}

LayerType pool_type(LayerKind kind, std::string name) {
  return {.kind = kind,
          .name = std::move(name),
          .output_shape = pool_output_shape,
          .make_unweighted = [kind](const LayerSpec& layer, const TensorShape& in,
                                    const TensorShape& out) -> std::unique_ptr<UnweightedLayer> {
            return std::make_unique<PoolLayer>(kind, in, out, layer.kernel, layer.stride);
          },
          .ops_per_output = [](const LayerSpec& layer) { return layer.kernel * layer.kernel - 1; }};
}

}  // namespace

void register_max_pool_layer(LayerTypeRegistry& registry) {
  registry.add(pool_type(LayerKind::kMaxPool, "max_pool"));
}

void register_avg_pool_layer(LayerTypeRegistry& registry) {
  registry.add(pool_type(LayerKind::kAvgPool, "avg_pool"));
}

}  // namespace cimsim::algorithms
