#include "algorithms/chained_trainer.hpp"

#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {

ChainedTrainer::ChainedTrainer(core::QuantizerSpec error_quantizer,
                               std::vector<std::unique_ptr<sim::WeightArray>> feedback)
    : Trainer(error_quantizer), feedback_(std::move(feedback)) {}

void ChainedTrainer::hidden_errors(Network& net, std::span<const std::uint8_t>,
                                   std::vector<Eigen::MatrixXf>& deltas) {
  for (std::size_t l = net.depth() - 1; l-- > 0;) {
    net.layer(l + 1).propagate(deltas[l + 1], feedback_.empty() ? nullptr : feedback_[l].get(),
                               back_);
    // The error of layer l's output from the error of layer l+1's input, times f'(h_l): back
    // through the pools between the two layers, if any.
    net.unpool(l, back_, deltas[l]);
    multiply_by_derivative(net.layer(l).activation(), net.layer(l).output(), deltas[l]);
  }
}

std::vector<std::unique_ptr<sim::WeightArray>> chained_feedback_matrices(
    const core::ParamValues& params, const TrainerContext& context) {
  std::vector<std::unique_ptr<sim::WeightArray>> feedback;
  const auto& layers = context.layers;
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const LayerGeometry& next = layers[l + 1];
    feedback.push_back(make_feedback_matrix(params, context, feedback_name(l), next.kernel_inputs,
                                            next.kernel_outputs, next.transposed_fan_in));
  }
  return feedback;
}

}  // namespace cimsim::algorithms
