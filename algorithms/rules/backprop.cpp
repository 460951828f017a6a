// Backpropagation (Rumelhart, Hinton & Williams 1986): delta_l = (W_{l+1}^T delta_{l+1}) * f'.
// On hardware the transposed product is a read of layer l+1's own array, layer after layer.
#include "algorithms/chained_trainer.hpp"

namespace cimsim::algorithms {

void register_backprop(TrainerRegistry& registry) {
  registry.add({"bp", "backpropagation: errors through transposed reads of each layer, sequential",
                core::ParamTable{},
                [](const core::ParamValues&) {
                  return sim::RulePath{.source = sim::SignalSource::kChainTransposed};
                },
                [](const core::ParamValues&, const TrainerContext& c) -> std::unique_ptr<Trainer> {
                  return std::make_unique<ChainedTrainer>(
                      c.error_quantizer, std::vector<std::unique_ptr<sim::WeightArray>>{});
                }});
}

}  // namespace cimsim::algorithms
