// Max and average pooling over k x k windows of each channel of a channels-last feature map.
// No weights: digital logic after the activation of the layer before. Training forwards keep
// where each maximum came from, so that the error of the pooled map goes back to it (average
// pooling spreads it evenly over its window).
#pragma once

#include <Eigen/Core>

#include "algorithms/layer_spec.hpp"
#include "algorithms/unweighted_layer.hpp"

namespace cimsim::algorithms {

class PoolLayer final : public UnweightedLayer {
 public:
  // `kind` is kMaxPool or kAvgPool; `output_shape` as infer_shapes() gives it.
  PoolLayer(LayerKind kind, TensorShape input_shape, TensorShape output_shape, Eigen::Index kernel,
            Eigen::Index stride);

  // Training forward (input size x batch); keeps the argmax of every output for backward().
  const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x) override;
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) const override;
  void backward(const Eigen::MatrixXf& output_error, Eigen::MatrixXf& input_error) const override;

  const TensorShape& output_shape() const { return output_shape_; }
  const Eigen::MatrixXf& output() const { return output_; }

 private:
  // y = pool(x); `argmax`, when given, receives the input index of every maximum.
  void pool(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
            Eigen::MatrixXi* argmax) const;

  LayerKind kind_;
  TensorShape input_shape_;
  TensorShape output_shape_;
  Eigen::Index kernel_;
  Eigen::Index stride_;
  Eigen::MatrixXf output_;
  Eigen::MatrixXi argmax_;
};

}  // namespace cimsim::algorithms
