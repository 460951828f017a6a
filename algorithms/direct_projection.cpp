#include "algorithms/direct_projection.hpp"

#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {

DirectProjection::DirectProjection(core::QuantizerSpec error_quantizer, bool targets,
                                   std::vector<std::unique_ptr<sim::WeightArray>> feedback)
    : Trainer(error_quantizer), project_targets_(targets), feedback_(std::move(feedback)) {}

void DirectProjection::hidden_errors(Network& net, std::span<const std::uint8_t> labels,
                                     std::vector<Eigen::MatrixXf>& deltas) {
  const std::size_t last = net.depth() - 1;
  const Eigen::MatrixXf* signal = &deltas[last];
  if (project_targets_) {
    target_ =
        Eigen::MatrixXf::Zero(net.layer(last).units(), static_cast<Eigen::Index>(labels.size()));
    for (std::size_t j = 0; j < labels.size(); ++j) {
      target_(labels[j], static_cast<Eigen::Index>(j)) = -1.0f;
    }
    signal = &target_;
  }
  for (std::size_t l = 0; l < last; ++l) {
    feedback_[l]->forward(*signal, deltas[l]);
    multiply_by_derivative(net.layer(l).activation(), net.layer(l).output(), deltas[l]);
  }
}

std::vector<std::unique_ptr<sim::WeightArray>> projection_feedback_matrices(
    const core::ParamValues& params, const TrainerContext& context) {
  std::vector<std::unique_ptr<sim::WeightArray>> feedback;
  const auto& layers = context.layers;
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    feedback.push_back(make_feedback_matrix(params, context, feedback_name(l), layers[l].units,
                                            layers.back().units, layers.back().units));
  }
  return feedback;
}

}  // namespace cimsim::algorithms
