#include "experiments/run_cost.hpp"

#include <stdexcept>

#include "algorithms/feedback.hpp"
#include "algorithms/layer_type.hpp"
#include "algorithms/trainer.hpp"
#include "sim/cost/cost_model.hpp"
#include "sim/cost/estimate_counts.hpp"

namespace cimsim::experiments {

sim::cost::NetworkShape network_shape(const ExperimentSpec& spec, const DatasetGeometry& geometry) {
  const algorithms::TensorShape input{1, geometry.image_rows, geometry.image_cols, true};
  const std::vector<algorithms::LayerSpec>& layers = spec.network.layers;
  const std::vector<algorithms::TensorShape> shapes = algorithms::infer_shapes(input, layers);
  sim::cost::NetworkShape shape;
  algorithms::TensorShape in = input;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const algorithms::LayerSpec& l = layers[i];
    const algorithms::TensorShape& out = shapes[i];
    const algorithms::LayerType& type = algorithms::layer_type(l.kind);
    if (type.weighted()) {
      sim::cost::LayerShape s;
      s.bias = spec.network.bias;
      s.inputs = type.kernel_inputs(l, in) + (s.bias ? 1 : 0);
      s.outputs = l.units;
      s.positions = out.positions();  // 1 for a flat (dense) output
      s.input_values = in.size();
      s.pooled_values = out.size();
      shape.layers.push_back(s);
    } else if (type.ops_per_output) {
      // An unweighted layer that computes (a pool: window^2 - 1 comparisons or additions per
      // value it passes on) belongs to the weighted layer before it.
      shape.layers.back().pooled_values = out.size();
      shape.layers.back().pool_ops += static_cast<double>(out.size() * type.ops_per_output(l));
    }
    in = out;
  }
  // The rule states its own hardware path (algorithms/rules/).
  const algorithms::RuleEntry* rule = algorithms::trainer_registry().find(spec.train.trainer_type);
  if (rule == nullptr) {
    throw std::invalid_argument("network_shape: no learning rule named " + spec.train.trainer_type);
  }
  shape.rule = {rule->name, rule->hardware_path(spec.train.trainer_params)};
  shape.batch_size = spec.train.batch_size;
  shape.epoch_samples = geometry.epoch_samples;
  return shape;
}

sim::cost::CostReport analytic_cost(const ExperimentSpec& spec, const DatasetGeometry& geometry) {
  return sim::cost::evaluate(network_shape(spec, geometry), spec.hardware.tile, spec.hardware.cost);
}

RecordedEvents recorded_counts(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                               const algorithms::Network& net,
                               const std::map<std::string, const sim::WeightArray*>& feedback,
                               double samples) {
  const sim::cost::NetworkShape shape = network_shape(spec, geometry);
  RecordedEvents recorded;
  recorded.trainer = shape.rule.name;
  recorded.batch_size = shape.batch_size;
  for (const sim::cost::LayerShape& l : shape.layers) {
    recorded.layers.push_back({l.inputs, l.outputs, l.positions});
  }
  recorded.tile = spec.hardware.tile;
  recorded.feedback_storage = spec.hardware.cost.feedback_storage;
  sim::EventCounts& training = recorded.training;
  training = sim::EventCounts(net.depth());
  for (std::size_t l = 0; l < net.depth(); ++l) {
    training.layers[l] = net.layer(l).array().counts();
    sim::PhaseCounts error_unit =
        sim::cost::error_unit_counts(shape, l, spec.hardware.tile, spec.hardware.cost);
    error_unit *= samples;
    training.layers[l][sim::Phase::kErrorPropagation] += error_unit;
    sim::PhaseCounts pooling = sim::cost::pooling_counts(shape, l, spec.hardware.tile);
    pooling *= samples;
    training.layers[l][sim::Phase::kForward] += pooling;
  }
  if (recorded.feedback_storage == sim::cost::FeedbackStorage::kAnalog) {
    // The trainers name a feedback matrix by the hidden layer whose teaching signal it makes; the
    // cost model books it where the floorplan puts it (sim::RulePath::feedback_owner). Its reads
    // are the B path's error-phase work; its updates (a rule that learns B) its programming.
    for (std::size_t l = 0; l < net.depth(); ++l) {
      const auto found = feedback.find(algorithms::feedback_name(l));
      if (found == feedback.end()) continue;
      const sim::LayerCounts& b = found->second->counts();
      sim::LayerCounts& owner = training.layers.at(shape.rule.path.feedback_owner(l));
      owner.feedback += b[sim::Phase::kForward];
      owner.feedback += b[sim::Phase::kErrorPropagation];
      owner.feedback_update += b[sim::Phase::kWeightGradient];
      owner.feedback_update += b[sim::Phase::kWeightUpdate];
    }
  }
  training.samples = samples;
  return recorded;
}

PricedEvents price_recorded(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                            const RecordedEvents& recorded) {
  const sim::cost::NetworkShape shape = network_shape(spec, geometry);
  if (recorded.training.layers.size() != shape.layers.size()) {
    throw std::invalid_argument("price_recorded: counts of " +
                                std::to_string(recorded.training.layers.size()) +
                                " layers for a network of " + std::to_string(shape.layers.size()));
  }
  const sim::cost::EstimatedCounts analytic =
      sim::cost::estimate_counts(shape, spec.hardware.tile, spec.hardware.cost);
  sim::EventCounts training = recorded.training;
  const bool analog_b = spec.hardware.cost.feedback_storage == sim::cost::FeedbackStorage::kAnalog;
  const bool recorded_analog_b = recorded.feedback_storage == sim::cost::FeedbackStorage::kAnalog;
  PricedEvents priced;
  if (!(analog_b && recorded_analog_b)) {
    // A digital B in SRAM does the same work for every sample, whatever the data: the analytic
    // counts are exact (the float product the trainer runs knows nothing of SRAM reads). An
    // analog B the run did not have recorded nothing: its analytic counts are an estimate.
    for (std::size_t l = 0; l < training.layers.size(); ++l) {
      sim::LayerCounts& layer = training.layers[l];
      layer.feedback = analytic.training.layers[l].feedback;
      layer.feedback *= training.samples;
      layer.feedback_update = analytic.training.layers[l].feedback_update;
      layer.feedback_update *= training.samples;
    }
    priced.feedback_estimated = analog_b && shape.rule.path.has_feedback();
  }
  const sim::cost::CostModel model(shape, spec.hardware.tile, spec.hardware.cost);
  priced.report = model.evaluate(training, analytic.inference);
  return priced;
}

}  // namespace cimsim::experiments
