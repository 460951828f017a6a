// Kolen-Pollack learning (Kolen & Pollack, ICNN 1994; Akrout, Wilson, Humphreys, Lillicrap &
// Tweed, "Deep learning without weight transport", NeurIPS 2019): the error goes down layer by
// layer through B_{l+1} in W_{l+1}^T's place, as in feedback alignment, but B_{l+1} receives the
// transpose of W_{l+1}'s update every step (with the same optimizer and weight decay), so
// W_{l+1} - B_{l+1}^T decays and B comes to carry W^T without ever reading it. On hardware B is
// a second set of cells (SRAM or tiles) programmed every batch beside W.
#include "algorithms/chained_trainer.hpp"
#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {
namespace {

class KolenPollack final : public ChainedTrainer {
 public:
  using ChainedTrainer::ChainedTrainer;

 protected:
  void update_feedback(Network& net, const std::vector<Eigen::MatrixXf>& deltas,
                       float learning_rate) override {
    for (std::size_t l = 0; l + 1 < net.depth(); ++l) {
      net.layer(l + 1).update_mirror(*feedback()[l], deltas[l + 1], learning_rate);
    }
  }
};

}  // namespace

void register_kolen_pollack(TrainerRegistry& registry) {
  registry.add(
      {"kp",
       "Kolen-Pollack: errors layer by layer through B, which gets W's update "
       "transposed each step",
       feedback_params(),
       [](const core::ParamValues&) {
         return sim::RulePath{.source = sim::SignalSource::kChainFeedback,
                              .feedback_learned = true};
       },
       [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
         return std::make_unique<KolenPollack>(c.error_quantizer, chained_feedback_matrices(p, c));
       }});
}

}  // namespace cimsim::algorithms
