// Digital optimizer for weights held in software (float) memory: SGD with classical momentum
// (Polyak 1964; Sutskever et al., ICML 2013) and optional L2 weight decay.
#pragma once

#include <Eigen/Core>

namespace cimsim::algorithms {

struct OptimizerSpec {
  float momentum = 0.0f;      // in [0, 1)
  float weight_decay = 0.0f;  // L2 coefficient, >= 0
};

class MomentumSgd {
 public:
  explicit MomentumSgd(OptimizerSpec spec) : spec_(spec) {}
  // w <- w - learning_rate * v, v <- momentum * v + (grad + weight_decay * w).
  void step(Eigen::MatrixXf& w, const Eigen::MatrixXf& grad, float learning_rate);

 private:
  OptimizerSpec spec_;
  Eigen::MatrixXf velocity_;
};

}  // namespace cimsim::algorithms
