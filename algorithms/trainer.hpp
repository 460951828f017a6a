// Learning rules behind one interface.
//
// Every rule runs the same step: forward, output error from the loss, a teaching signal for each
// hidden layer (the only thing rules differ in), then an outer-product update of every layer
// through its WeightArray. Errors are all computed before any weight changes, as on hardware
// where the update phase follows the error phase.
//
// A rule is one file in algorithms/rules/: its Trainer, the description of its hardware path
// (sim/rule_path.hpp) that the cost model reads, and a register function named in
// algorithms/rules/rules.def.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "algorithms/network.hpp"
#include "sim/core/params.hpp"
#include "sim/core/registry.hpp"
#include "sim/rule_path.hpp"

namespace cimsim::algorithms {

struct StepStats {
  double loss_sum = 0;
  std::int64_t correct = 0;
};

// Makes the array that holds a fixed feedback matrix (outputs x inputs) named `name`
// (e.g. "feedback[0]"): digital memory or crossbar tiles, as configured.
using FeedbackFactory = std::function<std::unique_ptr<sim::WeightArray>(
    const std::string& name, Eigen::Index outputs, Eigen::Index inputs)>;

// What a trainer factory gets besides its own parameters.
struct TrainerContext {
  std::vector<LayerGeometry> layers;  // Network::geometry(): every weighted layer, output last
  std::uint64_t seed = 0;             // root seed; feedback matrices derive their streams
  FeedbackFactory make_feedback;
  core::QuantizerSpec error_quantizer;  // applied to every layer's teaching signal
};

class Trainer {
 public:
  explicit Trainer(core::QuantizerSpec error_quantizer) : error_quantizer_(error_quantizer) {}
  virtual ~Trainer() = default;
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // One training step on a batch (x: inputs x batch).
  StepStats train_batch(Network& net, const Eigen::Ref<const Eigen::MatrixXf>& x,
                        std::span<const std::uint8_t> labels, float learning_rate);

  // The teaching signals of the last step, one per weighted layer (units x batch), after f'.
  const std::vector<Eigen::MatrixXf>& deltas() const { return deltas_; }

 protected:
  // Fills deltas[l] for every hidden layer l < depth-1 given deltas[depth-1] (the output error
  // after the output activation's derivative). `labels` serve target-projecting rules.
  virtual void hidden_errors(Network& net, std::span<const std::uint8_t> labels,
                             std::vector<Eigen::MatrixXf>& deltas) = 0;
  // After the weights were updated with `deltas`: programs the feedback matrices of a rule that
  // learns them (the rule's hardware path says feedback_learned). Default: nothing.
  virtual void update_feedback(Network& net, const std::vector<Eigen::MatrixXf>& deltas,
                               float learning_rate);

 private:
  core::QuantizerSpec error_quantizer_;
  std::vector<Eigen::MatrixXf> deltas_;
};

// A learning rule as registered: its documented parameters, the hardware path the cost model
// prices (which may depend on the parameters) and the factory of its trainer.
struct RuleEntry {
  using Factory =
      std::function<std::unique_ptr<Trainer>(const core::ParamValues&, const TrainerContext&)>;
  std::string name;
  std::string summary;  // one line for `cimsim list trainers`
  core::ParamTable params;
  std::function<sim::RulePath(const core::ParamValues&)> hardware_path;
  Factory make;
};
using TrainerRegistry = core::EntryRegistry<RuleEntry>;

// Every rule of algorithms/rules/rules.def, in its order.
const TrainerRegistry& trainer_registry();

}  // namespace cimsim::algorithms
