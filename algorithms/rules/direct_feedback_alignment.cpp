// Direct feedback alignment (Nokland, NeurIPS 2016): every hidden layer receives the output error
// through its own fixed random B_l (units_l x classes), all at once.
#include "algorithms/direct_projection.hpp"
#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {

void register_direct_feedback_alignment(TrainerRegistry& registry) {
  registry.add(
      {"dfa", "direct feedback alignment: output error to every layer at once", feedback_params(),
       [](const core::ParamValues&) {
         return sim::RulePath{.source = sim::SignalSource::kProjectOutputError};
       },
       [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
         return std::make_unique<DirectProjection>(c.error_quantizer, false,
                                                   projection_feedback_matrices(p, c));
       }});
}

}  // namespace cimsim::algorithms
