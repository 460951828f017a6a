// A small network in software whose feedback matrices a test can see: the fixture of the
// learning-rule tests (feedback_rules_test.cpp and rules/*_test.cpp).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"
#include "sim/core/config.hpp"

namespace cimsim::algorithms {

struct RuleFixture {
  SoftwareArraySpec arrays;  // the weights' and the feedback matrices' arrays
  NetworkSpec spec;
  std::unique_ptr<Network> net;
  std::map<std::string, SoftwareArray*> feedback;  // by name, as the rule made them
  TrainerContext context;

  // `inputs` -> `layers`, weights drawn from Rng(init_seed), feedback from `feedback_seed`.
  RuleFixture(Eigen::Index inputs, std::vector<LayerSpec> layers, std::uint64_t init_seed,
              std::uint64_t feedback_seed, SoftwareArraySpec array_spec = {})
      : arrays(array_spec) {
    spec.input = {inputs};
    spec.layers = std::move(layers);
    core::Rng rng(init_seed);
    net = std::make_unique<Network>(
        spec,
        [this](std::size_t, Eigen::Index o, Eigen::Index i) {
          return std::make_unique<SoftwareArray>(o, i, arrays);
        },
        rng);
    context.layers = net->geometry();
    context.seed = feedback_seed;
    context.make_feedback = [this](const std::string& name, Eigen::Index o, Eigen::Index i) {
      auto a = std::make_unique<SoftwareArray>(o, i, arrays);
      feedback[name] = a.get();
      return a;
    };
  }

  // The rule `type` with the parameters of `params_yaml` (its defaults when empty).
  std::unique_ptr<Trainer> make(const std::string& type, const std::string& params_yaml = "") {
    const auto* entry = trainer_registry().find(type);
    if (params_yaml.empty()) return entry->make(entry->params.defaults(), context);
    const core::ConfigNode node = core::ConfigNode::parse(params_yaml, "trainer.yaml");
    return entry->make(entry->params.read(node, {"type"}), context);
  }
};

}  // namespace cimsim::algorithms
