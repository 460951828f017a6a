#include "algorithms/dense_layer.hpp"

namespace cimsim::algorithms {

DenseLayer::DenseLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias)
    : array_(std::move(array)), activation_(activation), bias_(bias) {}

void DenseLayer::augment(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& out) const {
  out.resize(x.rows() + (bias_ ? 1 : 0), x.cols());
  out.topRows(x.rows()) = x;
  if (bias_) out.row(x.rows()).setOnes();
}

const Eigen::MatrixXf& DenseLayer::forward(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  augment(x, input_);
  array_->forward(input_, output_);
  apply_activation(activation_, output_);
  return output_;
}

void DenseLayer::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                       core::Rng& noise) const {
  Eigen::MatrixXf augmented;
  augment(x, augmented);
  array_->infer(augmented, y, noise);
  apply_activation(activation_, y);
}

}  // namespace cimsim::algorithms
