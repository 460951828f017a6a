// An experiment file parsed and validated in full before anything runs: every key checked,
// every default filled, and the resolved configuration kept to be saved beside the results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "algorithms/network.hpp"
#include "algorithms/optimizer.hpp"
#include "experiments/dataset.hpp"
#include "experiments/hardware_spec.hpp"
#include "experiments/sample_order.hpp"
#include "sim/core/config.hpp"
#include "sim/core/params.hpp"
#include "sim/core/quantizer.hpp"

namespace cimsim::experiments {

struct TrainSpec {
  std::string trainer_type;
  core::ParamValues trainer_params;
  std::int64_t epochs = 1;
  std::int64_t batch_size = 1;
  double learning_rate = 0.01;
  double lr_decay = 1.0;  // learning rate multiplier applied after every epoch
  algorithms::OptimizerSpec optimizer;
  bool shuffle = true;
  SamplingMode sampling = SamplingMode::kPermutation;
  std::int64_t samples_per_epoch = 0;  // 0: the training set's size
  // Samples an epoch trains on, out of `stored` training samples.
  std::int64_t epoch_samples(std::int64_t stored) const {
    return samples_per_epoch > 0 ? samples_per_epoch : stored;
  }
  int threads = 1;
  core::QuantizerSpec weight_quantizer{0, false, 1.0f};
  core::QuantizerSpec gradient_quantizer;
  core::QuantizerSpec error_quantizer;
};

struct ExperimentSpec {
  std::string name;
  core::ConfigNode name_node;  // where `name` was given, for errors about results/<name>/
  std::uint64_t seed = 1;
  std::uint64_t init_seed = 1;  // seed of the initial-weight stream (model.init_seed, or seed)
  core::ParamValues data;
  core::ConfigNode data_node;
  // The dataset's image size (after crop/downsample) and epoch length, known before loading.
  DatasetGeometry geometry;
  algorithms::NetworkSpec network;  // its input is the 1 x rows x cols image
  core::ConfigNode model_node;
  core::ConfigNode train_node;
  TrainSpec train;
  HardwareSpec hardware;
  std::vector<std::string> layer_arrays;  // "software" or "crossbar" for each weighted layer
  // Every section with defaults filled, as it will be saved to resolved.yaml.
  YAML::Node resolved;
};

// Validates the whole experiment. Throws ConfigError naming file, line and key path.
ExperimentSpec read_experiment(const core::ConfigNode& root);

// What each section of an experiment reads to on its own, before the sections are combined:
// read_experiment reads them all; a cost sweep keeps those its axes do not change between points.
struct DataPart {
  core::ParamValues values;
  DatasetGeometry geometry;
};
struct ModelPart {
  core::ParamValues values;               // the model's own keys
  algorithms::NetworkSpec network;        // input: the data's image (no activation quantizer yet)
  std::vector<std::string> layer_arrays;  // per weighted layer, as given ("inherit" unresolved)
  YAML::Node resolved_layers;             // each layer's keys, defaults filled in
};
struct TrainPart {
  core::ParamValues values;
  core::ParamValues quantization;
  TrainSpec train;
};
struct ExperimentParts {
  core::ParamValues top;  // name, seed
  DataPart data;
  ModelPart model;  // read for `data`'s geometry
  TrainPart train;
  HardwareParts hardware;  // read for `model`'s layer arrays
};

// Reads the parts of an experiment in order: the top-level keys (name, seed; unknown keys
// refused), then the data, model, train and hardware sections, each validated on its own.
// Throws ConfigError naming file, line and key path.
ExperimentParts read_experiment_parts(const core::ConfigNode& root);

// The experiment the parts make (no config nodes, no resolved tree), or, in `problem`, the first
// thing wrong with their combination (the spec is then incomplete).
ExperimentSpec combine_experiment(const ExperimentParts& parts,
                                  std::optional<ConfigProblem>& problem);

// The output shape of every entry of model.layers on `input` (the dataset's image); a list that
// does not fit it throws ConfigError at the layer's key.
std::vector<algorithms::TensorShape> layer_shapes(const ExperimentSpec& spec,
                                                  const algorithms::TensorShape& input);

// Convenience: load a file, apply `--set` overrides in order, then read_experiment.
ExperimentSpec load_experiment(const std::string& file, const std::vector<std::string>& overrides);

// Parameter tables of each section, for `cimsim list config`.
const core::ParamTable& experiment_params();
const core::ParamTable& model_params();
const core::ParamTable& dense_layer_params();
const core::ParamTable& conv_layer_params();
const core::ParamTable& pool_layer_params();
const core::ParamTable& train_params();
const core::ParamTable& quantization_params();

}  // namespace cimsim::experiments
