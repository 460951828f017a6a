// The registry of learning rules: every rule listed in algorithms/rules/rules.def.
#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {

#define CIMSIM_RULE(register_rule) void register_rule(TrainerRegistry& registry);
#include "algorithms/rules/rules.def"
#undef CIMSIM_RULE

const TrainerRegistry& trainer_registry() {
  static const TrainerRegistry registry = [] {
    TrainerRegistry r;
#define CIMSIM_RULE(register_rule) register_rule(r);
#include "algorithms/rules/rules.def"
#undef CIMSIM_RULE
    return r;
  }();
  return registry;
}

}  // namespace cimsim::algorithms
