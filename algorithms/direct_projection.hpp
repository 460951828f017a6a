// Rules that send one signal straight to every hidden layer through its own matrix B_l
// (units_l x classes), all layers at once: the output error (direct feedback alignment and its
// sparse variant) or the one-hot target (direct random target projection).
//   delta_l = f'(h_l) * (B_l s)
// A convolution's B_l reaches every value of its output map (C_out x positions rows), as in
// Nokland's convolutional networks, so no position shares a teaching signal with another.
#pragma once

#include <memory>
#include <vector>

#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {

class DirectProjection : public Trainer {
 public:
  // `targets`: project the one-hot target (sign-flipped so it points like the error at the
  // label unit) instead of the output error, so the hidden layers need nothing from the output
  // layer's forward result. feedback[l] is B_l.
  DirectProjection(core::QuantizerSpec error_quantizer, bool targets,
                   std::vector<std::unique_ptr<sim::WeightArray>> feedback);

 protected:
  void hidden_errors(Network& net, std::span<const std::uint8_t> labels,
                     std::vector<Eigen::MatrixXf>& deltas) override;

 private:
  bool project_targets_;
  std::vector<std::unique_ptr<sim::WeightArray>> feedback_;
  Eigen::MatrixXf target_;
};

// Dense random B_l (units_l x classes) for every hidden layer, named feedback_name(l).
std::vector<std::unique_ptr<sim::WeightArray>> projection_feedback_matrices(
    const core::ParamValues& params, const TrainerContext& context);

}  // namespace cimsim::algorithms
