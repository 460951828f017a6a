// Rules that hand the teaching signal down the network layer by layer:
//   delta_l = f'(h_l) * (M_{l+1} delta_{l+1}),
// with M_{l+1} = W_{l+1}^T, a transposed read of layer l+1's own array (backpropagation), or a
// feedback matrix in its place (feedback alignment, Kolen-Pollack). A convolution's M is read
// at every output position and the patches summed back by col2im; pools in between are undone.
#pragma once

#include <memory>
#include <vector>

#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {

class ChainedTrainer : public Trainer {
 public:
  // `feedback` empty: through W^T; otherwise feedback[l] (kernel_inputs x kernel_outputs of
  // layer l+1) stands in for W_{l+1}^T.
  ChainedTrainer(core::QuantizerSpec error_quantizer,
                 std::vector<std::unique_ptr<sim::WeightArray>> feedback);

 protected:
  void hidden_errors(Network& net, std::span<const std::uint8_t> labels,
                     std::vector<Eigen::MatrixXf>& deltas) override;
  std::vector<std::unique_ptr<sim::WeightArray>>& feedback() { return feedback_; }

 private:
  std::vector<std::unique_ptr<sim::WeightArray>> feedback_;
  Eigen::MatrixXf back_;
};

// Random matrices in W^T's place, one per layer above the first: feedback[l] is
// kernel_inputs x kernel_outputs of layer l+1, named feedback_name(l).
std::vector<std::unique_ptr<sim::WeightArray>> chained_feedback_matrices(
    const core::ParamValues& params, const TrainerContext& context);

}  // namespace cimsim::algorithms
