// Weights in ideal digital memory: exact float products, the software baseline every hardware
// result is compared with. Optional WAGE-style quantization of weights and gradients.
#pragma once

#include "algorithms/optimizer.hpp"
#include "sim/core/quantizer.hpp"
#include "sim/weight_array.hpp"

namespace cimsim::algorithms {

struct SoftwareArraySpec {
  OptimizerSpec optimizer;
  core::QuantizerSpec weight_quantizer{0, false, 1.0f};  // fixed range [-range, range]
  core::QuantizerSpec gradient_quantizer;                // dynamic range per update
};

class SoftwareArray final : public sim::WeightArray {
 public:
  SoftwareArray(Eigen::Index outputs, Eigen::Index inputs, SoftwareArraySpec spec);

  Eigen::Index outputs() const override { return w_.rows(); }
  Eigen::Index inputs() const override { return w_.cols(); }
  void forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) override;
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
             core::Rng& noise) const override;
  void backward(const Eigen::Ref<const Eigen::MatrixXf>& y_error,
                Eigen::MatrixXf& x_error) override;
  void update(const Eigen::Ref<const Eigen::MatrixXf>& delta,
              const Eigen::Ref<const Eigen::MatrixXf>& x, float learning_rate) override;
  Eigen::MatrixXf weights() const override { return w_; }
  void set_weights(const Eigen::Ref<const Eigen::MatrixXf>& w) override;
  // Digital multiply-accumulates of each phase (a digital accelerator's work).
  const sim::LayerCounts& counts() const override { return counts_; }

 private:
  SoftwareArraySpec spec_;
  Eigen::MatrixXf w_;
  Eigen::MatrixXf grad_;
  MomentumSgd optimizer_;
  sim::LayerCounts counts_;
};

}  // namespace cimsim::algorithms
