// Feedback alignment (Lillicrap et al., Nat. Commun. 2016): like backpropagation, layer after
// layer, but through a fixed random B_{l+1} in W_{l+1}^T's place (units_l x units_{l+1} between
// dense layers; a random k*k*C_in x C_out kernel matrix read at every output position of a
// convolution). B lives in digital memory or on its own tiles, as hardware.feedback says.
#include "algorithms/chained_trainer.hpp"
#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {

void register_feedback_alignment(TrainerRegistry& registry) {
  registry.add(
      {"fa", "feedback alignment: fixed random matrices replace W^T, layer by layer",
       feedback_params(),
       [](const core::ParamValues&) {
         return sim::RulePath{.source = sim::SignalSource::kChainFeedback};
       },
       [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
         return std::make_unique<ChainedTrainer>(c.error_quantizer,
                                                 chained_feedback_matrices(p, c));
       }});
}

}  // namespace cimsim::algorithms
