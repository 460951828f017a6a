// The built-in learning rules. Each differs only in how a hidden layer's teaching signal is made.
#include <string>

#include "algorithms/feedback.hpp"
#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {
namespace {

// The error of layer l's output from the error of layer l+1's input, times f'(h_l): back through
// the pools between the two layers, if any.
void hidden_delta(const Network& net, std::size_t l, Eigen::MatrixXf& next_input_error,
                  Eigen::MatrixXf& delta) {
  net.unpool(l, next_input_error, delta);
  multiply_by_derivative(net.layer(l).activation(), net.layer(l).output(), delta);
}

// Backpropagation (Rumelhart, Hinton & Williams 1986): delta_l = (W_{l+1}^T delta_{l+1}) * f'.
// The transposed product is a read of layer l+1's own array, layer after layer (for a
// convolution one read per output position, the patches summed back by col2im).
class Backprop final : public Trainer {
 public:
  using Trainer::Trainer;

 protected:
  void hidden_errors(Network& net, std::span<const std::uint8_t>,
                     std::vector<Eigen::MatrixXf>& deltas) override {
    for (std::size_t l = net.depth() - 1; l-- > 0;) {
      net.layer(l + 1).propagate(deltas[l + 1], nullptr, back_);
      hidden_delta(net, l, back_, deltas[l]);
    }
  }

 private:
  Eigen::MatrixXf back_;
};

// Feedback alignment (Lillicrap et al., Nat. Commun. 2016): like BP, layer after layer, but
// through a fixed random B_{l+1} in W_{l+1}^T's place: kernel_inputs x kernel_outputs of layer
// l+1 (units_l x units_{l+1} between dense layers; a random k*k*C_in x C_out kernel matrix read at
// every output position of a convolution).
class FeedbackAlignment final : public Trainer {
 public:
  FeedbackAlignment(const core::ParamValues& params, const TrainerContext& context)
      : Trainer(context.error_quantizer) {
    const auto& layers = context.layers;
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
      const LayerGeometry& next = layers[l + 1];
      feedback_.push_back(make_feedback_matrix(params, context, "feedback[" + std::to_string(l) + "]",
                                               next.kernel_inputs, next.kernel_outputs,
                                               next.transposed_fan_in));
    }
  }

 protected:
  void hidden_errors(Network& net, std::span<const std::uint8_t>,
                     std::vector<Eigen::MatrixXf>& deltas) override {
    for (std::size_t l = net.depth() - 1; l-- > 0;) {
      net.layer(l + 1).propagate(deltas[l + 1], feedback_[l].get(), back_);
      hidden_delta(net, l, back_, deltas[l]);
    }
  }

 private:
  std::vector<std::unique_ptr<sim::WeightArray>> feedback_;
  Eigen::MatrixXf back_;
};

// Direct feedback alignment (Nokland, NeurIPS 2016): every hidden layer receives the output error
// through its own fixed random B_l (units_l x classes), all at once. A convolution's B_l reaches
// every value of its output map (C_out x positions rows), as in Nokland's convolutional networks,
// so no position shares a teaching signal with another. Direct random target
// projection (Frenkel, Lefebvre & Bol, Front. Neurosci. 2021) projects the one-hot target
// instead of the error (sign-flipped so it points like the error at the label unit), so the
// hidden layers need nothing from the output layer's forward result.
class DirectProjection final : public Trainer {
 public:
  DirectProjection(const core::ParamValues& params, const TrainerContext& context, bool targets)
      : Trainer(context.error_quantizer), project_targets_(targets) {
    const auto& layers = context.layers;
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
      feedback_.push_back(make_feedback_matrix(params, context, "feedback[" + std::to_string(l) + "]",
                                               layers[l].units, layers.back().units,
                                               layers.back().units));
    }
  }

 protected:
  void hidden_errors(Network& net, std::span<const std::uint8_t> labels,
                     std::vector<Eigen::MatrixXf>& deltas) override {
    const std::size_t last = net.depth() - 1;
    const Eigen::MatrixXf* signal = &deltas[last];
    if (project_targets_) {
      target_ = Eigen::MatrixXf::Zero(net.layer(last).units(), static_cast<Eigen::Index>(labels.size()));
      for (std::size_t j = 0; j < labels.size(); ++j) target_(labels[j], static_cast<Eigen::Index>(j)) = -1.0f;
      signal = &target_;
    }
    for (std::size_t l = 0; l < last; ++l) {
      feedback_[l]->forward(*signal, deltas[l]);
      multiply_by_derivative(net.layer(l).activation(), net.layer(l).output(), deltas[l]);
    }
  }

 private:
  bool project_targets_;
  std::vector<std::unique_ptr<sim::WeightArray>> feedback_;
  Eigen::MatrixXf target_;
};

TrainerRegistry make_registry() {
  TrainerRegistry registry;
  registry.add({"bp", "backpropagation: errors through transposed reads of each layer, sequential",
                core::ParamTable{},
                [](const core::ParamValues&, const TrainerContext& c) -> std::unique_ptr<Trainer> {
                  return std::make_unique<Backprop>(c.error_quantizer);
                }});
  registry.add({"fa", "feedback alignment: fixed random matrices replace W^T, layer by layer",
                feedback_params(),
                [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
                  return std::make_unique<FeedbackAlignment>(p, c);
                }});
  registry.add({"dfa", "direct feedback alignment: output error to every layer at once",
                feedback_params(),
                [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
                  return std::make_unique<DirectProjection>(p, c, false);
                }});
  registry.add({"drtp", "direct random target projection: one-hot target to every layer at once",
                feedback_params(),
                [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
                  return std::make_unique<DirectProjection>(p, c, true);
                }});
  return registry;
}

}  // namespace

const TrainerRegistry& trainer_registry() {
  static const TrainerRegistry registry = make_registry();
  return registry;
}

}  // namespace cimsim::algorithms
