// A fully connected layer y = f(W [x; 1]): a spatial input is taken as its flat vector.
#pragma once

#include "algorithms/weighted_layer.hpp"

namespace cimsim::algorithms {

class DenseLayer final : public WeightedLayer {
 public:
  DenseLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias,
             TensorShape input_shape);

  const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x) override;
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
             core::Rng& noise) const override;
  void propagate(const Eigen::MatrixXf& delta, sim::WeightArray* feedback,
                 Eigen::MatrixXf& input_error) override;
  void update(const Eigen::MatrixXf& delta, float learning_rate) override;
  void update_mirror(sim::WeightArray& mirror, const Eigen::MatrixXf& delta,
                     float learning_rate) override;

 private:
  void augment(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& out) const;

  Eigen::MatrixXf back_;  // W^T delta, bias row included
};

}  // namespace cimsim::algorithms
