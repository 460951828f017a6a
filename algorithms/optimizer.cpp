#include "algorithms/optimizer.hpp"

namespace cimsim::algorithms {

void MomentumSgd::step(Eigen::MatrixXf& w, const Eigen::MatrixXf& grad, float learning_rate) {
  if (spec_.momentum == 0.0f && spec_.weight_decay == 0.0f) {
    w.noalias() -= learning_rate * grad;
    return;
  }
  if (velocity_.size() == 0) velocity_ = Eigen::MatrixXf::Zero(w.rows(), w.cols());
  velocity_ = spec_.momentum * velocity_ + grad + spec_.weight_decay * w;
  w.noalias() -= learning_rate * velocity_;
}

}  // namespace cimsim::algorithms
