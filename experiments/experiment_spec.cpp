#include "experiments/experiment_spec.hpp"

#include <algorithm>

#include "algorithms/trainer.hpp"
#include "experiments/dataset.hpp"
#include "experiments/output_path.hpp"

namespace cimsim::experiments {
namespace {

using core::ConfigNode;
using core::ParamTable;
using core::Range;

core::QuantizerSpec dynamic_quantizer(std::int64_t bits) {
  return {static_cast<int>(bits), true, 1.0f};
}

// Reads `node` (may be absent) through `table`.
core::ParamValues read_section(const ConfigNode& parent, const std::string& key,
                               const ParamTable& table,
                               const std::vector<std::string>& extra = {}) {
  const ConfigNode node = parent.section(key);
  if (!node.is_null()) node.require_map();
  return table.read(node, extra);
}

}  // namespace

const ParamTable& experiment_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.text("name", std::nullopt, "run name; results go to results/<name>/")
        .integer("seed", 1, Range::at_least(0), "root seed; every random stream derives from it");
    return p;
  }();
  return t;
}

const ParamTable& model_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.flag("bias", true, "each layer has a bias (one more input row held at 1)")
        .choice("init", std::string("xavier"),
                {"xavier", "he", "uniform", "neurosim", "neurosim_c_rand"},
                "initial weights: Glorot or He uniform bounds, U(-init_scale, init_scale), "
                "NeuroSim V3's "
                "7 values {-1, -2/3, ..., 1} x init_scale, or those values drawn as NeuroSim "
                "draws them (C rand() % 7 after srand(init_seed), glibc's generator)")
        .real("init_scale", 1.0, "", Range::float_above(0),
              "multiplies the init bound (the bound itself for uniform)")
        // MLP+NeuroSim V3.0 (Mapping.cpp WeightInitialize) calls srand(2) before drawing its
        // initial weights, so they are the same whatever the run's seed.
        .integer("init_seed", -1, Range::at_least(-1),
                 "seed of the initial weights (-1: the run's seed; NeuroSim V3 draws them with "
                 "srand(2))")
        .choice("loss", std::string("cross_entropy"), algorithms::loss_names(),
                "softmax cross-entropy (linear output layer) or mean squared error")
        // MLP+NeuroSim V3.0 (Train.cpp: s2 = -2 a (1 - a) (y - a)) differentiates |a - y|^2
        // without the half, so at equal learning rates its steps are twice ours.
        .choice("mse_convention", std::string("half"), {"half", "full"},
                "loss mse: half: L = |a-y|^2 / 2, dL/da = a-y; full: L = |a-y|^2, dL/da = 2(a-y) "
                "(NeuroSim V3)");
    return p;
  }();
  return t;
}

const ParamTable& dense_layer_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.integer("units", std::nullopt, Range::between(1, 1 << 20), "number of neurons")
        .choice("activation", std::nullopt, algorithms::activation_names(), "activation function")
        .choice("array", std::string("inherit"), {"inherit", "software", "crossbar"},
                "where this layer's weights live (inherit: hardware.array)")
        .real("learning_rate_scale", 1.0, "", Range::float_above(0),
              "this layer's learning rate = train.learning_rate x this (NeuroSim V3: 0.4 and 0.2 = "
              "0.4 x [1, 0.5])");
    return p;
  }();
  return t;
}

const ParamTable& conv_layer_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.integer("channels", std::nullopt, Range::between(1, 1 << 16), "output channels (kernels)")
        .integer("kernel", std::nullopt, Range::between(1, 1 << 10), "side of the square kernel")
        .integer("stride", 1, Range::between(1, 1 << 10), "step of the kernel")
        .integer("padding", 0, Range::between(0, 1 << 10), "zeros added on every side of the input")
        .choice("activation", std::nullopt, algorithms::activation_names(), "activation function")
        .choice("array", std::string("inherit"), {"inherit", "software", "crossbar"},
                "where this layer's kernels live (inherit: hardware.array)")
        .real("learning_rate_scale", 1.0, "", Range::float_above(0),
              "this layer's learning rate = train.learning_rate x this (NeuroSim V3: 0.4 and 0.2 = "
              "0.4 x [1, 0.5])");
    return p;
  }();
  return t;
}

const ParamTable& pool_layer_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.integer("kernel", 2, Range::between(1, 1 << 10), "side of the square window")
        .integer("stride", 0, Range::between(0, 1 << 10), "step of the window (0: the kernel)");
    return p;
  }();
  return t;
}

const ParamTable& train_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.integer("epochs", 1, Range::between(1, 1e6), "passes over the training set")
        .integer("batch_size", 32, Range::between(1, 1 << 20), "samples per update")
        .real("learning_rate", 0.01, "", Range::float_above(0), "SGD step size")
        .real("lr_decay", 1.0, "", Range{0.0, 1.0, true, false},
              "learning-rate factor after each epoch")
        .real("momentum", 0.0, "", Range{0.0, 1.0, false, true},
              "SGD momentum (software weights only)")
        .real("weight_decay", 0.0, "", Range::float_at_least(0),
              "L2 weight decay (software weights only)")
        .flag("shuffle", true,
              "reshuffle the training set every epoch (seeded; sampling: permutation)")
        .choice("sampling", std::string("permutation"),
                {"permutation", "with_replacement", "neurosim_c_rand"},
                "which samples an epoch trains on: the training set in (re)shuffled order, or each "
                "drawn at random from the whole set with repeats (NeuroSim V3 Train.cpp: rand() % "
                "60000), or those draws with NeuroSim's generator (C rand() after srand(seed), "
                "glibc's: the images and order of NeuroSim's run with that seed)")
        .integer(
            "samples_per_epoch", 0, Range::at_least(0),
            "training samples per epoch (0 = the training set's size; permutation: the first N of "
            "the epoch's order)")
        .integer("threads", 1, Range::between(1, 256),
                 "threads for evaluation; results do not depend on it");
    return p;
  }();
  return t;
}

const ParamTable& quantization_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.integer("weight_bits", 0, Range::between(0, 24),
              "software weights: bits over [-weight_range, weight_range] (0 = float)")
        .real("weight_range", 1.0, "", Range::float_above(0),
              "clip range of quantized software weights")
        .integer("activation_bits", 0, Range::between(0, 24),
                 "hidden activations, per-batch range (0 = float)")
        .integer("error_bits", 0, Range::between(0, 24),
                 "teaching signals, per-batch range (0 = float)")
        .integer("gradient_bits", 0, Range::between(0, 24),
                 "weight updates, per-update range (0 = float)");
    return p;
  }();
  return t;
}

namespace {

// One entry of model.layers: its spec, and its keys with the defaults filled in.
algorithms::LayerSpec read_layer(const ConfigNode& layer, std::vector<std::string>& layer_arrays,
                                 YAML::Node& resolved) {
  layer.require_map();
  algorithms::LayerSpec l;
  if (layer.has("type")) {
    const ConfigNode type = layer.at("type");
    const auto& names = algorithms::layer_kind_names();
    if (std::find(names.begin(), names.end(), type.as_string()) == names.end()) {
      type.fail("one of: dense, conv2d, max_pool, avg_pool, flatten");
    }
    l.kind = algorithms::parse_layer_kind(type.as_string());
  }
  resolved = YAML::Node(YAML::NodeType::Map);
  resolved["type"] = algorithms::layer_kind_names()[static_cast<std::size_t>(l.kind)];
  core::ParamValues v;
  switch (l.kind) {
    case algorithms::LayerKind::kDense:
      v = dense_layer_params().read(layer, {"type"});
      l.units = static_cast<Eigen::Index>(v.integer("units"));
      break;
    case algorithms::LayerKind::kConv2d:
      v = conv_layer_params().read(layer, {"type"});
      l.units = static_cast<Eigen::Index>(v.integer("channels"));
      l.kernel = static_cast<Eigen::Index>(v.integer("kernel"));
      l.stride = static_cast<Eigen::Index>(v.integer("stride"));
      l.padding = static_cast<Eigen::Index>(v.integer("padding"));
      break;
    case algorithms::LayerKind::kMaxPool:
    case algorithms::LayerKind::kAvgPool:
      v = pool_layer_params().read(layer, {"type"});
      l.kernel = static_cast<Eigen::Index>(v.integer("kernel"));
      l.stride =
          v.integer("stride") > 0 ? static_cast<Eigen::Index>(v.integer("stride")) : l.kernel;
      v.set("stride", static_cast<std::int64_t>(l.stride), v.was_given("stride"));
      break;
    case algorithms::LayerKind::kFlatten:
      layer.check_keys({"type"});
      break;
  }
  if (l.weighted()) {
    l.activation = algorithms::parse_activation(v.text("activation"));
    l.learning_rate_scale = static_cast<float>(v.real("learning_rate_scale"));
    layer_arrays.push_back(v.text("array"));
  }
  for (const auto& kv : v.to_yaml()) resolved[kv.first] = kv.second;
  return l;
}

// An epoch longer than the training set, which only sampling: with_replacement can draw.
std::optional<ConfigProblem> epoch_length_problem(const TrainSpec& train,
                                                  const DatasetGeometry& geometry) {
  if (train.sampling != SamplingMode::kPermutation ||
      train.samples_per_epoch <= geometry.train_samples) {
    return std::nullopt;
  }
  return ConfigProblem{"train.samples_per_epoch",
                       "expected at most the " + std::to_string(geometry.train_samples) +
                           " training images for sampling: permutation (with_replacement draws "
                           "more), got \"" +
                           std::to_string(train.samples_per_epoch) + "\""};
}

// The problems of a combination of train and hardware settings (first one wins).
std::optional<ConfigProblem> train_on_hardware_problem(const ExperimentSpec& spec) {
  if (spec.hardware.layers_on_crossbars && spec.train.weight_quantizer.bits > 0) {
    return ConfigProblem{"train.quantization.weight_bits",
                         "weights on crossbars take the device's levels; weight_bits applies to "
                         "software weights only"};
  }
  if (spec.hardware.layers_on_crossbars && spec.train.gradient_quantizer.bits > 0 &&
      spec.hardware.crossbar.update == sim::UpdateMode::kStochastic) {
    return ConfigProblem{"train.quantization.gradient_bits",
                         "stochastic pulse trains form no dW to quantize; use update: pulse or "
                         "mixed_precision"};
  }
  return std::nullopt;
}

// The node at a dotted key path below `root` (a null node where the path is absent).
ConfigNode node_at_path(const ConfigNode& root, const std::string& path) {
  const std::size_t dot = path.find('.');
  const ConfigNode first = root.section(path.substr(0, dot));
  return dot == std::string::npos ? first : node_at_path(first, path.substr(dot + 1));
}

// Every section with defaults filled, as it will be saved to resolved.yaml.
YAML::Node resolved_tree(const ExperimentParts& parts, const ExperimentSpec& spec) {
  YAML::Node resolved = parts.top.to_yaml();
  resolved["data"] = parts.data.values.to_yaml();
  YAML::Node layers = YAML::Clone(parts.model.resolved_layers);
  for (std::size_t i = 0, w = 0; i < spec.network.layers.size(); ++i) {
    if (spec.network.layers[i].weighted()) layers[i]["array"] = spec.layer_arrays[w++];
  }
  YAML::Node model = parts.model.values.to_yaml();
  model["layers"] = layers;
  resolved["model"] = model;
  YAML::Node train = parts.train.values.to_yaml();
  YAML::Node trainer(YAML::NodeType::Map);
  trainer["type"] = spec.train.trainer_type;
  for (const auto& kv : spec.train.trainer_params.to_yaml()) trainer[kv.first] = kv.second;
  train["trainer"] = trainer;
  train["quantization"] = parts.train.quantization.to_yaml();
  resolved["train"] = train;
  resolved["hardware"] = hardware_resolved(parts.hardware, spec.hardware);
  return resolved;
}

core::ParamValues read_top_part(const ConfigNode& root) {
  root.require_map();
  const core::ParamValues top =
      experiment_params().read(root, {"data", "model", "train", "hardware"});
  if (const auto problem = folder_name_problem(top.text("name"))) root.at("name").fail(*problem);
  return top;
}

DataPart read_data_part(const ConfigNode& root) {
  DataPart part;
  part.values = read_section(root, "data", data_params());
  part.geometry = dataset_geometry(part.values, root.section("data"));
  return part;
}

ModelPart read_model_part(const ConfigNode& root, const DatasetGeometry& geometry) {
  const ConfigNode model = root.at("model");
  model.require_map();
  ModelPart part;
  part.values = model_params().read(model, {"layers"});
  const ConfigNode layers = model.at("layers");
  if (!layers.is_sequence() || layers.size() == 0) layers.fail("a non-empty list of layers");
  part.resolved_layers = YAML::Node(YAML::NodeType::Sequence);
  for (const ConfigNode& layer : layers.items()) {
    YAML::Node resolved;
    part.network.layers.push_back(read_layer(layer, part.layer_arrays, resolved));
    part.resolved_layers.push_back(resolved);
  }
  part.network.input = {1, geometry.image_rows, geometry.image_cols, true};
  try {
    algorithms::infer_shapes(part.network.input, part.network.layers);
  } catch (const algorithms::ShapeError& e) {
    layers.at(e.layer()).fail_message(e.what());
  }
  const core::ParamValues& m = part.values;
  part.network.bias = m.flag("bias");
  const std::string init = m.text("init");
  part.network.init = init == "he"                ? algorithms::InitKind::kHe
                      : init == "uniform"         ? algorithms::InitKind::kUniform
                      : init == "neurosim"        ? algorithms::InitKind::kNeuroSim
                      : init == "neurosim_c_rand" ? algorithms::InitKind::kNeuroSimCRand
                                                  : algorithms::InitKind::kXavier;
  part.network.init_scale = static_cast<float>(m.real("init_scale"));
  part.network.loss = algorithms::with_mse_convention(algorithms::parse_loss(m.text("loss")),
                                                      m.text("mse_convention"));
  // A resolved config spells the default out; only the full convention asks for an MSE.
  if (part.network.loss == algorithms::LossKind::kSoftmaxCrossEntropy &&
      m.text("mse_convention") == "full") {
    model.at("mse_convention").fail_message("applies to loss: mse only");
  }
  return part;
}

TrainPart read_train_part(const ConfigNode& root) {
  const ConfigNode train = root.at("train");
  train.require_map();
  TrainPart part;
  part.values = train_params().read(train, {"trainer", "quantization"});
  const ConfigNode trainer = train.at("trainer");
  trainer.require_map();
  const auto& entry = algorithms::trainer_registry().find(trainer.at("type"));
  TrainSpec& s = part.train;
  s.trainer_type = entry.name;
  s.trainer_params = entry.params.read(trainer, {"type"});
  const core::ParamValues& t = part.values;
  s.epochs = t.integer("epochs");
  s.batch_size = t.integer("batch_size");
  s.learning_rate = t.real("learning_rate");
  s.lr_decay = t.real("lr_decay");
  s.optimizer = {static_cast<float>(t.real("momentum")),
                 static_cast<float>(t.real("weight_decay"))};
  s.shuffle = t.flag("shuffle");
  s.sampling = parse_sampling(t.text("sampling"));
  // A resolved config spells the default out; only shuffle: false asks for file order.
  if (s.sampling != SamplingMode::kPermutation && !s.shuffle) {
    train.at("shuffle").fail_message(
        "false applies to sampling: permutation only (the other modes draw at random)");
  }
  s.samples_per_epoch = t.integer("samples_per_epoch");
  s.threads = static_cast<int>(t.integer("threads"));
  part.quantization = read_section(train, "quantization", quantization_params());
  const core::ParamValues& q = part.quantization;
  s.weight_quantizer = {static_cast<int>(q.integer("weight_bits")), false,
                        static_cast<float>(q.real("weight_range"))};
  s.gradient_quantizer = dynamic_quantizer(q.integer("gradient_bits"));
  s.error_quantizer = dynamic_quantizer(q.integer("error_bits"));
  return part;
}

}  // namespace

ExperimentSpec combine_experiment(const ExperimentParts& parts,
                                  std::optional<ConfigProblem>& problem) {
  ExperimentSpec spec;
  spec.name = parts.top.text("name");
  spec.seed = static_cast<std::uint64_t>(parts.top.integer("seed"));
  const std::int64_t init_seed = parts.model.values.integer("init_seed");
  spec.init_seed = init_seed >= 0 ? static_cast<std::uint64_t>(init_seed) : spec.seed;
  spec.data = parts.data.values;
  spec.geometry = parts.data.geometry;
  spec.network = parts.model.network;
  spec.network.init_c_seed = static_cast<std::uint32_t>(spec.init_seed);
  spec.network.activation_quantizer =
      dynamic_quantizer(parts.train.quantization.integer("activation_bits"));
  spec.train = parts.train.train;
  if (const auto p = epoch_length_problem(spec.train, spec.geometry)) {
    problem = p;
    return spec;
  }
  spec.geometry.epoch_samples = spec.train.epoch_samples(spec.geometry.train_samples);
  spec.layer_arrays = resolve_layer_arrays(parts.model.layer_arrays, parts.hardware.top);
  spec.hardware = combine_hardware(parts.hardware, spec.layer_arrays,
                                   parts.train.values.real("momentum"), problem);
  if (!problem) problem = train_on_hardware_problem(spec);
  return spec;
}

ExperimentParts read_experiment_parts(const ConfigNode& root) {
  ExperimentParts parts;
  parts.top = read_top_part(root);
  parts.data = read_data_part(root);
  parts.model = read_model_part(root, parts.data.geometry);
  parts.train = read_train_part(root);
  parts.hardware = read_hardware_parts(root.section("hardware"), parts.model.layer_arrays);
  return parts;
}

ExperimentSpec read_experiment(const ConfigNode& root) {
  const ExperimentParts parts = read_experiment_parts(root);
  std::optional<ConfigProblem> problem;
  ExperimentSpec spec = combine_experiment(parts, problem);
  if (problem) node_at_path(root, problem->where).fail_message(problem->message);
  spec.name_node = root.at("name");
  spec.data_node = root.section("data");
  spec.model_node = root.at("model");
  spec.train_node = root.at("train");
  spec.resolved = resolved_tree(parts, spec);
  return spec;
}

std::vector<algorithms::TensorShape> layer_shapes(const ExperimentSpec& spec,
                                                  const algorithms::TensorShape& input) {
  try {
    return algorithms::infer_shapes(input, spec.network.layers);
  } catch (const algorithms::ShapeError& e) {
    spec.model_node.at("layers").at(e.layer()).fail_message(e.what());
  }
}

ExperimentSpec load_experiment(const std::string& file, const std::vector<std::string>& overrides) {
  ConfigNode root = ConfigNode::load_file(file);
  for (const auto& o : overrides) root.apply_override(o);
  return read_experiment(root);
}

}  // namespace cimsim::experiments
