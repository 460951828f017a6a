#include "experiments/run_events.hpp"

#include <cstdlib>

#include "algorithms/trainer.hpp"
#include "experiments/run_cost.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/config.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/json.hpp"
#include "sim/event_counts_json.hpp"

namespace cimsim::experiments {
namespace {

// The tile key the tile numerics never read (sim/ reads the ADC's bits, not its circuit).
constexpr const char* kCostOnlyTileKey = "adc_type";

// A map of YAML scalars as a JSON object: numbers as numbers, the rest as strings.
core::Json scalars_json(const YAML::Node& map) {
  core::Json out = core::Json::object();
  for (const auto& entry : map) {
    const std::string text = entry.second.Scalar();
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == '\0') {
      out.set(entry.first.Scalar(), number);
    } else {
      out.set(entry.first.Scalar(), text);
    }
  }
  return out;
}

std::string shape_text(std::int64_t inputs, std::int64_t outputs, std::int64_t positions) {
  return std::to_string(inputs) + " inputs x " + std::to_string(outputs) + " outputs x " +
         std::to_string(positions) + " positions";
}

}  // namespace

std::string recorded_events_json(const RecordedEvents& events) {
  core::Json root = core::Json::object();
  root.set("version", CIMSIM_VERSION);
  root.set("trainer", events.trainer);
  root.set("batch_size", events.batch_size);
  core::Json layers = core::Json::array();
  for (const RecordedEvents::Layer& l : events.layers) {
    core::Json layer = core::Json::object();
    layer.set("inputs", l.inputs);
    layer.set("outputs", l.outputs);
    layer.set("positions", l.positions);
    layers.push(std::move(layer));
  }
  root.set("layers", std::move(layers));
  root.set("tile", scalars_json(sim::tile_spec_to_yaml(events.tile)));
  root.set("feedback_storage", sim::cost::to_string(events.feedback_storage));
  root.set("training", sim::event_counts_to_json(events.training));
  return root.dump();
}

RecordedEvents read_recorded_events(const std::filesystem::path& file) {
  std::string text;
  try {
    text = core::read_file(file);
  } catch (const core::IoError& e) {
    throw core::IoError(file.string() + ": cannot read the recorded events (" + e.what() + ")");
  }
  const core::ConfigNode root = core::ConfigNode::parse(text, file.string());
  root.check_keys(
      {"version", "trainer", "batch_size", "layers", "tile", "feedback_storage", "training"});
  RecordedEvents events;
  const core::ConfigNode trainer = root.at("trainer");
  events.trainer = algorithms::trainer_registry().find(trainer).name;
  events.batch_size = root.at("batch_size").as_integer();
  for (const core::ConfigNode& l : root.at("layers").items()) {
    l.check_keys({"inputs", "outputs", "positions"});
    events.layers.push_back({l.at("inputs").as_integer(), l.at("outputs").as_integer(),
                             l.at("positions").as_integer()});
  }
  events.tile = sim::read_tile_spec(root.at("tile"));
  const core::ConfigNode storage = root.at("feedback_storage");
  const auto where = sim::cost::feedback_storage_from_string(storage.as_string());
  if (!where) storage.fail("digital or analog");
  events.feedback_storage = *where;
  events.training = sim::event_counts_from_json(root.at("training"));
  if (events.training.layers.size() != events.layers.size()) {
    root.at("training")
        .at("layers")
        .fail_message("counts of " + std::to_string(events.training.layers.size()) +
                      " layers, but \"layers\" " + "describes " +
                      std::to_string(events.layers.size()));
  }
  std::vector<sim::EventLayerShape> shapes;
  for (const RecordedEvents::Layer& l : events.layers)
    shapes.push_back({l.inputs, l.outputs, l.positions});
  sim::check_event_counts(events.training, shapes, events.tile, root.at("training"));
  return events;
}

void check_recorded_matches(const RecordedEvents& events, const ExperimentSpec& spec,
                            const DatasetGeometry& geometry, const std::string& source) {
  const auto fail = [&source](const std::string& message) {
    throw core::DataError(source + ": " + message);
  };
  const sim::cost::NetworkShape shape = network_shape(spec, geometry);
  if (events.trainer != shape.rule.name) {
    fail("the events were recorded by a " + events.trainer +
         " run; the config's train.trainer.type is " + shape.rule.name);
  }
  if (events.layers.size() != shape.layers.size()) {
    fail("the events were recorded by a network of " + std::to_string(events.layers.size()) +
         " weight layers; the config's model.layers has " + std::to_string(shape.layers.size()));
  }
  for (std::size_t l = 0; l < shape.layers.size(); ++l) {
    const RecordedEvents::Layer& had = events.layers[l];
    const sim::cost::LayerShape& has = shape.layers[l];
    if (had.inputs != has.inputs || had.outputs != has.outputs || had.positions != has.positions) {
      fail("weight layer " + std::to_string(l) + " of the recorded run maps " +
           shape_text(had.inputs, had.outputs, had.positions) + "; the config's maps " +
           shape_text(has.inputs, has.outputs, has.positions));
    }
  }
  if (events.batch_size != shape.batch_size) {
    fail("the events were recorded with train.batch_size " + std::to_string(events.batch_size) +
         "; the config has " + std::to_string(shape.batch_size));
  }
  const YAML::Node had = sim::tile_spec_to_yaml(events.tile);
  const YAML::Node has = sim::tile_spec_to_yaml(spec.hardware.tile);
  for (const auto& entry : had) {
    const std::string key = entry.first.Scalar();
    if (key == kCostOnlyTileKey || entry.second.Scalar() == has[key].Scalar()) continue;
    fail("the events were recorded on tiles with hardware.tile." + key + " " +
         entry.second.Scalar() + "; the config has " + has[key].Scalar() +
         " (the tile's numerics made the events; re-pricing only prices them)");
  }
}

}  // namespace cimsim::experiments
