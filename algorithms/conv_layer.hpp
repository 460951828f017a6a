// A 2-D convolution whose kernels are one weight matrix on a WeightArray: C_out rows of
// k*k*C_in weights (plus the bias), read once per output position with that position's patch
// (im2col). Weight sharing: the update sums delta x^T over all positions of all samples of a
// batch and hands the array one outer product, which a crossbar turns into pulses once per batch.
// Tensors are channels-last (algorithms/layer_spec.hpp), so the array's C_out x (batch x
// positions) product is the output map as it lies in memory, and patch rows are runs of k*C_in
// contiguous input values.
#pragma once

#include "algorithms/weighted_layer.hpp"

namespace cimsim::algorithms {

struct ConvWindow {
  Eigen::Index kernel = 1;
  Eigen::Index stride = 1;
  Eigen::Index padding = 0;
};

class ConvLayer final : public WeightedLayer {
 public:
  // `output_shape` as infer_shapes() gives it; the array is C_out x (k*k*C_in + bias).
  ConvLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias,
            TensorShape input_shape, TensorShape output_shape, ConvWindow window);

  const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x) override;
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
             core::Rng& noise) const override;
  void propagate(const Eigen::MatrixXf& delta, sim::WeightArray* feedback,
                 Eigen::MatrixXf& input_error) override;
  void update(const Eigen::MatrixXf& delta, float learning_rate) override;
  void update_mirror(sim::WeightArray& mirror, const Eigen::MatrixXf& delta,
                     float learning_rate) override;

  const ConvWindow& window() const { return window_; }

 private:
  // Patches of x (input size x batch) as columns: kernel_inputs() (+ bias) x (batch x positions),
  // column b * positions + p, row (ki * k + kj) * C_in + c; padding reads 0.
  void im2col(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& cols) const;
  // The adjoint of im2col: sums the first kernel_inputs() rows of each column back onto the
  // input positions they were read from (input size x batch).
  void col2im(const Eigen::MatrixXf& cols, Eigen::Index batch, Eigen::MatrixXf& image) const;
  // A map (C_out * positions) x batch seen as the C_out x (batch x positions) product.
  Eigen::Map<const Eigen::MatrixXf> as_columns(const Eigen::MatrixXf& map) const;

  ConvWindow window_;
  Eigen::MatrixXf back_;  // W^T (or B) times delta, one column per sample and position
};

}  // namespace cimsim::algorithms
