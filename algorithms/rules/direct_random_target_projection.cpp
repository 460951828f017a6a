// Direct random target projection (Frenkel, Lefebvre & Bol, Front. Neurosci. 2021): every hidden
// layer receives the one-hot target through its own fixed random B_l, so the hidden layers need
// nothing from the output layer's forward result.
#include "algorithms/direct_projection.hpp"
#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {

void register_direct_random_target_projection(TrainerRegistry& registry) {
  registry.add(
      {"drtp", "direct random target projection: one-hot target to every layer at once",
       feedback_params(),
       [](const core::ParamValues&) {
         return sim::RulePath{.source = sim::SignalSource::kProjectTarget};
       },
       [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
         return std::make_unique<DirectProjection>(c.error_quantizer, true,
                                                   projection_feedback_matrices(p, c));
       }});
}

}  // namespace cimsim::algorithms
