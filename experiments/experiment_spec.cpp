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
                               const ParamTable& table, const std::vector<std::string>& extra = {}) {
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
        .choice("init", std::string("xavier"), {"xavier", "he", "uniform", "neurosim"},
                "initial weights: Glorot or He uniform bounds, U(-init_scale, init_scale), or NeuroSim V3's "
                "7 values {-1, -2/3, ..., 1} x init_scale")
        .real("init_scale", 1.0, "", Range::float_above(0), "multiplies the init bound (the bound itself for uniform)")
        // MLP+NeuroSim V3.0 (Mapping.cpp WeightInitialize) calls srand(2) before drawing its
        // initial weights, so they are the same whatever the run's seed.
        .integer("init_seed", -1, Range::at_least(-1),
                 "seed of the initial weights (-1: the run's seed; NeuroSim V3 draws them with srand(2))")
        .choice("loss", std::string("cross_entropy"), algorithms::loss_names(),
                "softmax cross-entropy (linear output layer) or mean squared error")
        // MLP+NeuroSim V3.0 (Train.cpp: s2 = -2 a (1 - a) (y - a)) differentiates |a - y|^2
        // without the half, so at equal learning rates its steps are twice ours.
        .choice("mse_convention", std::string("half"), {"half", "full"},
                "loss mse: half: L = |a-y|^2 / 2, dL/da = a-y; full: L = |a-y|^2, dL/da = 2(a-y) (NeuroSim V3)");
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
              "this layer's learning rate = train.learning_rate x this (NeuroSim V3: 0.4 and 0.2 = 0.4 x [1, 0.5])");
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
              "this layer's learning rate = train.learning_rate x this (NeuroSim V3: 0.4 and 0.2 = 0.4 x [1, 0.5])");
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
        .real("lr_decay", 1.0, "", Range{0.0, 1.0, true, false}, "learning-rate factor after each epoch")
        .real("momentum", 0.0, "", Range{0.0, 1.0, false, true}, "SGD momentum (software weights only)")
        .real("weight_decay", 0.0, "", Range::float_at_least(0), "L2 weight decay (software weights only)")
        .flag("shuffle", true, "reshuffle the training set every epoch (seeded; sampling: permutation)")
        .choice("sampling", std::string("permutation"), {"permutation", "with_replacement"},
                "which samples an epoch trains on: the training set in (re)shuffled order, or each "
                "drawn at random from the whole set with repeats (NeuroSim V3 Train.cpp: rand() % 60000)")
        .integer("samples_per_epoch", 0, Range::at_least(0),
                 "training samples per epoch (0 = the training set's size; permutation: the first N of "
                 "the epoch's order)")
        .integer("threads", 1, Range::between(1, 256), "threads for evaluation; results do not depend on it");
    return p;
  }();
  return t;
}

const ParamTable& quantization_params() {
  static const ParamTable t = [] {
    ParamTable p;
    p.integer("weight_bits", 0, Range::between(0, 24), "software weights: bits over [-weight_range, weight_range] (0 = float)")
        .real("weight_range", 1.0, "", Range::float_above(0), "clip range of quantized software weights")
        .integer("activation_bits", 0, Range::between(0, 24), "hidden activations, per-batch range (0 = float)")
        .integer("error_bits", 0, Range::between(0, 24), "teaching signals, per-batch range (0 = float)")
        .integer("gradient_bits", 0, Range::between(0, 24), "weight updates, per-update range (0 = float)");
    return p;
  }();
  return t;
}

ExperimentSpec read_experiment(const ConfigNode& root) {
  root.require_map();
  const core::ParamValues top =
      experiment_params().read(root, {"data", "model", "train", "hardware"});
  ExperimentSpec spec;
  spec.name = top.text("name");
  spec.name_node = root.at("name");
  if (const auto problem = folder_name_problem(spec.name)) spec.name_node.fail(*problem);
  spec.seed = static_cast<std::uint64_t>(top.integer("seed"));

  // data
  spec.data = read_section(root, "data", data_params());
  spec.data_node = root.section("data");

  // model
  const ConfigNode model = root.at("model");
  model.require_map();
  spec.model_node = model;
  const core::ParamValues m = model_params().read(model, {"layers"});
  const ConfigNode layers = model.at("layers");
  if (!layers.is_sequence() || layers.size() == 0) layers.fail("a non-empty list of layers");
  YAML::Node resolved_layers(YAML::NodeType::Sequence);
  for (const ConfigNode& layer : layers.items()) {
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
    YAML::Node out(YAML::NodeType::Map);
    out["type"] = algorithms::layer_kind_names()[static_cast<std::size_t>(l.kind)];
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
        l.stride = v.integer("stride") > 0 ? static_cast<Eigen::Index>(v.integer("stride")) : l.kernel;
        v.set("stride", static_cast<std::int64_t>(l.stride), v.was_given("stride"));
        break;
      case algorithms::LayerKind::kFlatten:
        layer.check_keys({"type"});
        break;
    }
    if (l.weighted()) {
      l.activation = algorithms::parse_activation(v.text("activation"));
      l.learning_rate_scale = static_cast<float>(v.real("learning_rate_scale"));
      spec.layer_arrays.push_back(v.text("array"));
    }
    for (const auto& kv : v.to_yaml()) out[kv.first] = kv.second;
    spec.network.layers.push_back(l);
    resolved_layers.push_back(out);
  }
  spec.geometry = dataset_geometry(spec.data, spec.data_node);
  spec.network.input = {1, spec.geometry.image_rows, spec.geometry.image_cols, true};
  layer_shapes(spec, spec.network.input);
  spec.network.bias = m.flag("bias");
  const std::string init = m.text("init");
  spec.network.init = init == "he" ? algorithms::InitKind::kHe
                      : init == "uniform" ? algorithms::InitKind::kUniform
                      : init == "neurosim" ? algorithms::InitKind::kNeuroSim
                                          : algorithms::InitKind::kXavier;
  spec.network.init_scale = static_cast<float>(m.real("init_scale"));
  spec.init_seed = m.integer("init_seed") >= 0 ? static_cast<std::uint64_t>(m.integer("init_seed")) : spec.seed;
  spec.network.loss = algorithms::with_mse_convention(algorithms::parse_loss(m.text("loss")),
                                                      m.text("mse_convention"));
  // A resolved config spells the default out; only the full convention asks for an MSE.
  if (spec.network.loss == algorithms::LossKind::kSoftmaxCrossEntropy && m.text("mse_convention") == "full") {
    model.at("mse_convention").fail_message("applies to loss: mse only");
  }

  // train
  const ConfigNode train = root.at("train");
  train.require_map();
  spec.train_node = train;
  const core::ParamValues t = train_params().read(train, {"trainer", "quantization"});
  const ConfigNode trainer = train.at("trainer");
  trainer.require_map();
  const auto& entry = algorithms::trainer_registry().find(trainer.at("type"));
  spec.train.trainer_type = entry.name;
  spec.train.trainer_params = entry.params.read(trainer, {"type"});
  spec.train.epochs = t.integer("epochs");
  spec.train.batch_size = t.integer("batch_size");
  spec.train.learning_rate = t.real("learning_rate");
  spec.train.lr_decay = t.real("lr_decay");
  spec.train.optimizer = {static_cast<float>(t.real("momentum")),
                          static_cast<float>(t.real("weight_decay"))};
  spec.train.shuffle = t.flag("shuffle");
  spec.train.sampling = parse_sampling(t.text("sampling"));
  // A resolved config spells the default out; only shuffle: false asks for file order.
  if (spec.train.sampling == SamplingMode::kWithReplacement && !spec.train.shuffle) {
    train.at("shuffle").fail_message("false applies to sampling: permutation only (with_replacement draws at random)");
  }
  spec.train.samples_per_epoch = t.integer("samples_per_epoch");
  if (spec.train.samples_per_epoch > 0) spec.geometry.epoch_samples = spec.train.samples_per_epoch;
  if (spec.train.sampling == SamplingMode::kPermutation && spec.geometry.epoch_samples > spec.geometry.train_samples) {
    train.at("samples_per_epoch").fail(
        "at most the " + std::to_string(spec.geometry.train_samples) +
        " training images for sampling: permutation (with_replacement draws more)");
  }
  spec.train.threads = static_cast<int>(t.integer("threads"));
  const core::ParamValues q = read_section(train, "quantization", quantization_params());
  spec.train.weight_quantizer = {static_cast<int>(q.integer("weight_bits")), false,
                                 static_cast<float>(q.real("weight_range"))};
  spec.train.gradient_quantizer = dynamic_quantizer(q.integer("gradient_bits"));
  spec.train.error_quantizer = dynamic_quantizer(q.integer("error_bits"));
  spec.network.activation_quantizer = dynamic_quantizer(q.integer("activation_bits"));

  // hardware
  spec.hardware = read_hardware(root.section("hardware"), spec.layer_arrays, t.real("momentum"),
                                train.section("momentum"));
  for (std::size_t i = 0, w = 0; i < spec.network.layers.size(); ++i) {
    if (spec.network.layers[i].weighted()) resolved_layers[i]["array"] = spec.layer_arrays[w++];
  }
  if (spec.hardware.layers_on_crossbars && q.integer("weight_bits") > 0) {
    train.section("quantization").at("weight_bits").fail_message(
        "weights on crossbars take the device's levels; weight_bits applies to software weights only");
  }
  if (spec.hardware.layers_on_crossbars && q.integer("gradient_bits") > 0 && spec.hardware.crossbar.update == sim::UpdateMode::kStochastic) {
    train.section("quantization").at("gradient_bits").fail_message(
        "stochastic pulse trains form no dW to quantize; use update: pulse or mixed_precision");
  }

  // The resolved configuration, every default written out.
  YAML::Node resolved = top.to_yaml();
  resolved["data"] = spec.data.to_yaml();
  YAML::Node model_out = m.to_yaml();
  model_out["layers"] = resolved_layers;
  resolved["model"] = model_out;
  YAML::Node train_out = t.to_yaml();
  YAML::Node trainer_out(YAML::NodeType::Map);
  trainer_out["type"] = spec.train.trainer_type;
  for (const auto& kv : spec.train.trainer_params.to_yaml()) trainer_out[kv.first] = kv.second;
  train_out["trainer"] = trainer_out;
  train_out["quantization"] = q.to_yaml();
  resolved["train"] = train_out;
  resolved["hardware"] = spec.hardware.resolved;
  spec.resolved = resolved;
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
