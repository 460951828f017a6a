#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {

StepStats Trainer::train_batch(Network& net, const Eigen::Ref<const Eigen::MatrixXf>& x,
                               std::span<const std::uint8_t> labels, float learning_rate) {
  const std::size_t depth = net.depth();
  const Eigen::MatrixXf& output = net.forward(x);
  deltas_.resize(depth);
  const LossResult loss = loss_and_gradient(net.spec().loss, output, labels, deltas_[depth - 1]);
  multiply_by_derivative(net.layer(depth - 1).activation(), output, deltas_[depth - 1]);
  hidden_errors(net, labels, deltas_);
  for (auto& delta : deltas_) core::quantize(error_quantizer_, delta);
  for (std::size_t l = 0; l < depth; ++l) {
    net.layer(l).update(deltas_[l], learning_rate);
  }
  update_feedback(net, deltas_, learning_rate);
  return {loss.loss_sum, loss.correct};
}

void Trainer::update_feedback(Network&, const std::vector<Eigen::MatrixXf>&, float) {}

}  // namespace cimsim::algorithms
