// A layer with weights: y = f(W x) for a dense layer, the same product read once per output
// position for a convolution. The weights live in a sim::WeightArray (software memory or crossbar
// tiles); the bias is one more input row held at 1, so on a crossbar it is one more row of cells.
//
// The learning rules see every weighted layer alike: a training forward that keeps what the
// update needs, the error of the layer's input given its teaching signal (through W^T, or through
// a fixed random matrix in W^T's place for feedback alignment), and the outer-product update.
#pragma once

#include <memory>

#include "algorithms/activation.hpp"
#include "algorithms/layer_spec.hpp"
#include "sim/weight_array.hpp"

namespace cimsim::algorithms {

class WeightedLayer {
 public:
  WeightedLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias,
                TensorShape input_shape, TensorShape output_shape);
  virtual ~WeightedLayer() = default;
  WeightedLayer(const WeightedLayer&) = delete;
  WeightedLayer& operator=(const WeightedLayer&) = delete;

  // Training forward of x (input_shape().size() x batch): keeps the array's input and f(z).
  virtual const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x) = 0;
  // Stateless forward for evaluation (read noise from `noise`).
  virtual void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                     core::Rng& noise) const = 0;
  // The error of the last training forward's input (input_shape().size() x batch) given
  // delta = dL/dz (output_shape().size() x batch): a transposed read of the layer's own array,
  // or, with `feedback` (kernel_inputs() x kernel_outputs()), a read of that matrix instead.
  virtual void propagate(const Eigen::MatrixXf& delta, sim::WeightArray* feedback,
                         Eigen::MatrixXf& input_error) = 0;
  // W -= learning_rate x learning_rate_scale() / batch * (sum over output positions of
  // delta x^T), through the array.
  virtual void update(const Eigen::MatrixXf& delta, float learning_rate) = 0;
  // Gives `mirror`, a kernel_inputs() x kernel_outputs() matrix in W^T's place (as `feedback` in
  // propagate), the transpose of update(delta, learning_rate) without the bias column:
  // mirror -= learning_rate x learning_rate_scale() / batch * (sum over positions of x delta^T).
  virtual void update_mirror(sim::WeightArray& mirror, const Eigen::MatrixXf& delta,
                             float learning_rate) = 0;
  // This layer's factor on the trainer's learning rate (model.layers[i].learning_rate_scale;
  // NeuroSim V3 trains its two layers at 0.4 and 0.2).
  void set_learning_rate_scale(float scale) { learning_rate_scale_ = scale; }
  float learning_rate_scale() const { return learning_rate_scale_; }

  const TensorShape& input_shape() const { return input_shape_; }
  const TensorShape& output_shape() const { return output_shape_; }
  // Values of the output map per sample (units of a dense layer).
  Eigen::Index units() const { return output_shape_.size(); }
  // The weight matrix as the array holds it: kernel_outputs() x (kernel_inputs() + bias).
  Eigen::Index kernel_inputs() const { return array_->inputs() - (bias_ ? 1 : 0); }
  Eigen::Index kernel_outputs() const { return array_->outputs(); }
  bool has_bias() const { return bias_; }
  Activation activation() const { return activation_; }
  sim::WeightArray& array() { return *array_; }
  const sim::WeightArray& array() const { return *array_; }
  // The array's input of the last training forward: bias row appended; for a convolution one
  // column per sample and output position (im2col).
  const Eigen::MatrixXf& input() const { return input_; }
  // f(z) of the last training forward (units() x batch).
  const Eigen::MatrixXf& output() const { return output_; }
  Eigen::MatrixXf& mutable_output() { return output_; }

 protected:
  std::unique_ptr<sim::WeightArray> array_;
  Activation activation_;
  bool bias_;
  TensorShape input_shape_;
  TensorShape output_shape_;
  Eigen::MatrixXf input_;
  Eigen::MatrixXf output_;
  float learning_rate_scale_ = 1.0f;
};

}  // namespace cimsim::algorithms
