// A fully connected layer y = f(W [x; 1]) whose weights live in a WeightArray. The bias is one
// more input row held at 1, so on a crossbar it is one more row of cells like any other weight.
#pragma once

#include <memory>

#include "algorithms/activation.hpp"
#include "sim/weight_array.hpp"

namespace cimsim::algorithms {

class DenseLayer {
 public:
  DenseLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias);

  // Training forward: caches the (bias-augmented) input and the output for the update.
  const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x);
  // Stateless forward for evaluation.
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y, core::Rng& noise) const;

  Eigen::Index units() const { return array_->outputs(); }
  Eigen::Index fan_in() const { return array_->inputs() - (bias_ ? 1 : 0); }
  bool has_bias() const { return bias_; }
  Activation activation() const { return activation_; }
  sim::WeightArray& array() { return *array_; }
  const sim::WeightArray& array() const { return *array_; }
  // Input of the last training forward, with the bias row appended (fan_in()+bias x batch).
  const Eigen::MatrixXf& input() const { return input_; }
  // Output f(z) of the last training forward (units() x batch).
  const Eigen::MatrixXf& output() const { return output_; }
  Eigen::MatrixXf& mutable_output() { return output_; }

 private:
  void augment(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& out) const;

  std::unique_ptr<sim::WeightArray> array_;
  Activation activation_;
  bool bias_;
  Eigen::MatrixXf input_;
  Eigen::MatrixXf output_;
};

}  // namespace cimsim::algorithms
