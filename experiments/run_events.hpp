// events.json of a run: the training events a run recorded, before pricing (run_cost.hpp,
// recorded_counts), with what identifies the network and tiles that made them, so that
// `cimsim cost CONFIG --events FILE` can price the same events under another hardware set-up
// without training again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/network_shape.hpp"
#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::experiments {

struct RecordedEvents {
  // Identity: the training rule, the batch, and the weight layers as the cost model maps them
  // (network_shape); the tiles whose numerics made the events.
  struct Layer {
    std::int64_t inputs = 0;
    std::int64_t outputs = 0;
    std::int64_t positions = 1;
  };
  std::string trainer;  // the rule's registry name
  std::int64_t batch_size = 1;
  std::vector<Layer> layers;
  sim::TileSpec tile;
  // Where B was. Analog: training.layers[l].feedback holds what the B arrays recorded. Digital:
  // zero, as no array records a digital B; it does the same work every sample and is priced
  // from the shape (run_cost.hpp, price_recorded).
  sim::cost::FeedbackStorage feedback_storage = sim::cost::FeedbackStorage::kDigital;
  sim::EventCounts training;  // over training.samples training samples
};

// The text of events.json.
std::string recorded_events_json(const RecordedEvents& events);

// Reads an events.json. Throws core::IoError when the file cannot be read and core::ConfigError
// with the file position and key of a missing, unknown or malformed entry.
RecordedEvents read_recorded_events(const std::filesystem::path& file);

// Throws core::DataError, its message starting with `source`, saying what the events have and
// what the config has, when `events` were not recorded by the network (layer count, each layer's
// inputs, outputs and positions, trainer, batch size) and tile numerics (hardware.tile, all but
// adc_type, which only the cost model reads) of `spec` on `geometry`.
void check_recorded_matches(const RecordedEvents& events, const ExperimentSpec& spec,
                            const DatasetGeometry& geometry, const std::string& source);

}  // namespace cimsim::experiments
