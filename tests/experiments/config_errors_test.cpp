// Every malformed experiment gives one clear error naming the file, line, column and key path.
#include <gtest/gtest.h>

#include "algorithms/trainer.hpp"
#include "experiments/experiment_spec.hpp"

namespace cimsim::experiments {
namespace {

const char* const kGood = R"(name: ok
seed: 3
data: {dataset: mnist, train_limit: 100}
model:
  layers:
    - {units: 16, activation: tanh}
    - {units: 10, activation: linear}
train:
  trainer: {type: dfa, feedback_scale: 0.5}
  epochs: 2
  quantization: {error_bits: 4}
)";

std::string error_of(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  try {
    core::ConfigNode root = core::ConfigNode::parse(yaml, "bad.yaml");
    for (const auto& o : overrides) root.apply_override(o);
    read_experiment(root);
  } catch (const core::ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ConfigErrors, GoodConfigResolvesWithDefaults) {
  const ExperimentSpec spec = read_experiment(core::ConfigNode::parse(kGood, "good.yaml"));
  EXPECT_EQ(spec.train.trainer_type, "dfa");
  EXPECT_EQ(spec.train.error_quantizer.bits, 4);
  EXPECT_EQ(spec.resolved["train"]["batch_size"].as<int>(), 32);
  EXPECT_DOUBLE_EQ(spec.resolved["train"]["trainer"]["feedback_scale"].as<double>(), 0.5);
  EXPECT_EQ(spec.resolved["data"]["normalize"].as<std::string>(), "unit");
  EXPECT_EQ(spec.resolved["model"]["layers"][1]["activation"].as<std::string>(), "linear");
}

// Trained crossbar weights take one cell per side: without tile keys a weight is one 4-bit cell
// (sim/tile_spec.hpp), while software layers keep the 8-bit default.
TEST(ConfigErrors, CrossbarLayersDefaultToOneCellPerWeight) {
  const ExperimentSpec crossbar = read_experiment(core::ConfigNode::parse(
      kGood + std::string("hardware: {array: crossbar, device: {preset: agsi}}\n"), "good.yaml"));
  EXPECT_EQ(crossbar.hardware.tile.weight_bits, 4);
  EXPECT_EQ(crossbar.resolved["hardware"]["tile"]["weight_bits"].as<int>(), 4);
  const ExperimentSpec software = read_experiment(core::ConfigNode::parse(
      kGood + std::string("hardware: {feedback: {array: crossbar}, device: {preset: agsi}}\n"),
      "good.yaml"));
  EXPECT_EQ(software.hardware.tile.weight_bits, 8);
}

TEST(ConfigErrors, NeuroSimMlpV3ComposesNeuroSimsChoicesOnEveryPreset) {
  for (const char* preset : {"agsi", "taox_hfox", "pcmo", "alox_hfo2", "epiram"}) {
    core::ConfigNode root = core::ConfigNode::load_file(
        std::string(CIMSIM_SOURCE_DIR) + "/configs/experiments/neurosim_mlp_v3.yaml");
    root.apply_override(std::string("hardware.device.preset=") + preset);
    const ExperimentSpec spec = read_experiment(root);
    EXPECT_EQ(spec.network.loss, algorithms::LossKind::kSquaredError) << preset;
    EXPECT_FALSE(spec.network.bias);
    EXPECT_EQ(spec.network.init, algorithms::InitKind::kNeuroSimCRand);
    EXPECT_EQ(spec.network.init_c_seed, 2u);
    ASSERT_EQ(spec.network.layers.size(), 2u);
    EXPECT_FLOAT_EQ(spec.network.layers[0].learning_rate_scale, 1.0f);
    EXPECT_FLOAT_EQ(spec.network.layers[1].learning_rate_scale, 0.5f);
    const sim::CrossbarSpec& c = spec.hardware.crossbar;
    EXPECT_EQ(c.adc_range, sim::AdcRangeMode::kNeuroSim);
    EXPECT_EQ(c.input_scale, sim::InputScale::kUnit);
    EXPECT_EQ(c.backward, sim::BackwardMode::kDigital);
    EXPECT_DOUBLE_EQ(c.read_gain, 0.5);
    EXPECT_TRUE(c.nominal_pulse_step);
    EXPECT_TRUE(c.neurosim_initial_conductance);
    EXPECT_DOUBLE_EQ(c.access_resistance_ohm, 15e3);
    EXPECT_FALSE(c.stochastic_rounding);
    EXPECT_EQ(spec.resolved["data"]["normalize"].as<std::string>(), "binary");
    EXPECT_EQ(spec.resolved["model"]["mse_convention"].as<std::string>(), "full");
    EXPECT_EQ(spec.train.sampling, SamplingMode::kNeuroSimCRand);
    EXPECT_EQ(spec.train.samples_per_epoch, 8000);
    EXPECT_EQ(spec.geometry.epoch_samples, 8000);
    EXPECT_EQ(spec.geometry.train_samples, 60000);
    EXPECT_EQ(spec.init_seed, 2u);
    EXPECT_EQ(spec.hardware.crossbar.ir_drop, sim::IrDropMode::kClosedForm);
    EXPECT_EQ(spec.resolved["hardware"]["device"]["full_range_pulses"].as<std::string>(), "levels")
        << preset;
    EXPECT_EQ(spec.resolved["hardware"]["device"]["bounds"].as<std::string>(), "conductance")
        << preset;
  }
  // The defaults keep cimsim's own choices.
  const ExperimentSpec plain = read_experiment(core::ConfigNode::parse(
      kGood + std::string("hardware: {array: crossbar, device: {preset: agsi}}\n"), "good.yaml"));
  EXPECT_EQ(plain.hardware.crossbar.adc_range, sim::AdcRangeMode::kCalibrated);
  EXPECT_EQ(plain.hardware.crossbar.input_scale, sim::InputScale::kSampleMax);
  EXPECT_EQ(plain.hardware.crossbar.backward, sim::BackwardMode::kAnalog);
  EXPECT_DOUBLE_EQ(plain.hardware.crossbar.read_gain, 1.0);
  EXPECT_FALSE(plain.hardware.crossbar.nominal_pulse_step);
  EXPECT_FALSE(plain.hardware.crossbar.neurosim_initial_conductance);
  EXPECT_DOUBLE_EQ(plain.hardware.crossbar.access_resistance_ohm, 0.0);
  EXPECT_FLOAT_EQ(plain.network.layers[0].learning_rate_scale, 1.0f);
  EXPECT_EQ(plain.train.sampling, SamplingMode::kPermutation);
  EXPECT_EQ(plain.geometry.epoch_samples, plain.geometry.train_samples);
  EXPECT_EQ(plain.init_seed, plain.seed);
  EXPECT_EQ(plain.resolved["hardware"]["device"]["full_range_pulses"].as<std::string>(),
            "levels_minus_one");
  EXPECT_EQ(plain.resolved["hardware"]["device"]["bounds"].as<std::string>(), "position");
}

struct BadCase {
  const char* what;
  std::string yaml;
  std::vector<std::string> overrides;
  std::string message;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.what; }

class ConfigErrorCases : public ::testing::TestWithParam<BadCase> {};

TEST_P(ConfigErrorCases, MessageNamesFileLineAndPath) {
  EXPECT_EQ(error_of(GetParam().yaml, GetParam().overrides), GetParam().message) << GetParam().what;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ConfigErrorCases,
    ::testing::Values(
        BadCase{"mse convention without mse",
                replace(kGood, "model:\n", "model:\n  mse_convention: full\n"),
                {},
                "bad.yaml:5:19: model.mse_convention: applies to loss: mse only"},
        BadCase{
            "file order with draws at random",
            kGood,
            {"train.sampling=with_replacement", "train.shuffle=false"},
            "--set train.shuffle=false: train.shuffle: false applies to sampling: permutation only "
            "(the other modes draw at random)"},
        BadCase{"permutation epoch longer than the training set",
                kGood,
                {"train.samples_per_epoch=101"},
                "--set train.samples_per_epoch=101: train.samples_per_epoch: expected at most the "
                "100 training "
                "images for sampling: permutation (with_replacement draws more), got \"101\""},
        BadCase{"wrong type",
                replace(kGood, "units: 16", "units: ten"),
                {},
                "bad.yaml:6:15: model.layers[0].units: expected an integer in [1, 1048576], got "
                "\"ten\""},
        BadCase{"out of range",
                replace(kGood, "epochs: 2", "epochs: -1"),
                {},
                "bad.yaml:10:11: train.epochs: expected an integer in [1, 1000000], got \"-1\""},
        BadCase{"unknown key",
                replace(kGood, "seed: 3", "seed: 3\nsed: 4"),
                {},
                "bad.yaml:3:1: sed: unknown key \"sed\"; expected one of: data, model, train, "
                "hardware, name, seed"},
        BadCase{"missing key",
                replace(kGood, "name: ok\n", ""),
                {},
                "bad.yaml:1:1: (top level): missing required key \"name\""},
        BadCase{"bad YAML syntax",
                replace(kGood, "{units: 16, activation: tanh}", "{units: 16, activation: tanh"),
                {},
                "bad.yaml:7:7: invalid YAML syntax: end of map flow not found"},
        BadCase{"unknown trainer",
                replace(kGood, "type: dfa", "type: backprop"),
                {},
                "bad.yaml:9:19: train.trainer.type: expected one of: " +
                    algorithms::trainer_registry().names_text() + ", got \"backprop\""},
        BadCase{"unknown activation",
                replace(kGood, "activation: tanh", "activation: swish"),
                {},
                "bad.yaml:6:31: model.layers[0].activation: expected one of: linear, relu, tanh, "
                "sigmoid, "
                "got \"swish\""},
        BadCase{"empty layer list",
                replace(replace(kGood, "    - {units: 16, activation: tanh}\n", ""),
                        "    - {units: 10, activation: linear}\n", ""),
                {},
                "bad.yaml:6:1: model.layers: expected a non-empty list of layers, got null"},
        BadCase{
            "trainer parameter of another trainer",
            replace(kGood, "type: dfa", "type: bp"),
            {},
            "bad.yaml:9:23: train.trainer.feedback_scale: unknown key \"feedback_scale\"; expected "
            "one of: type"},
        BadCase{"bad dataset name",
                replace(kGood, "dataset: mnist", "dataset: cifar"),
                {},
                "bad.yaml:3:17: data.dataset: expected one of: mnist, fashion_mnist, idx, got "
                "\"cifar\""},
        BadCase{"section of the wrong kind",
                replace(kGood, "data: {dataset: mnist, train_limit: 100}", "data: 5"),
                {},
                "bad.yaml:3:7: data: expected a map of keys, got \"5\""},
        BadCase{"quantization bits too large",
                replace(kGood, "error_bits: 4", "error_bits: 40"),
                {},
                "bad.yaml:11:30: train.quantization.error_bits: expected an integer in [0, 24], "
                "got \"40\""},
        BadCase{
            "unknown hardware array",
            kGood + std::string("hardware: {array: optical}\n"),
            {},
            "bad.yaml:12:19: hardware.array: expected one of: software, crossbar, got \"optical\""},
        BadCase{"crossbar without a device",
                kGood + std::string("hardware: {array: crossbar}\n"),
                {},
                "bad.yaml:12:11: hardware: crossbar arrays need a device: (a type or a preset)"},
        BadCase{"momentum on crossbar weights",
                kGood + std::string("hardware: {array: crossbar, device: {preset: agsi}, tile: "
                                    "{weight_bits: 4}}\n"),
                {"train.momentum=0.9"},
                "--set train.momentum=0.9: train.momentum: momentum needs digital weight storage; "
                "crossbar "
                "layers take plain SGD (use hardware.crossbar.update: mixed_precision for digital "
                "accumulation)"},
        BadCase{"software weight bits on crossbar weights",
                replace(kGood, "quantization: {error_bits: 4}", "quantization: {weight_bits: 4}") +
                    std::string("hardware: {array: crossbar, device: {preset: agsi}, tile: "
                                "{weight_bits: 4}}\n"),
                {},
                "bad.yaml:11:31: train.quantization.weight_bits: weights on crossbars take the "
                "device's "
                "levels; weight_bits applies to software weights only"},
        BadCase{
            "bit-sliced trainable weights",
            kGood + std::string("hardware: {array: crossbar, device: {preset: agsi}, tile: "
                                "{weight_bits: 8}}\n"),
            {},
            "bad.yaml:12:73: hardware.tile.weight_bits: in-situ training updates one cell per "
            "weight side, "
            "so a trained weight has at most cell_bits (4) bits, not 8: set "
            "hardware.tile.weight_bits: 4 "
            "or hardware.tile.cell_bits: 8, or leave weight_bits out (it then follows cell_bits)"},
        BadCase{
            "bit-sliced feedback on the reference mapping",
            kGood + std::string("hardware: {feedback: {array: crossbar}, device: {preset: agsi}, "
                                "tile: {mapping: reference}}\n"),
            {},
            "bad.yaml:12:81: hardware.tile.mapping: the reference mapping holds a weight in one "
            "cell, and "
            "feedback weights of weight_bits (8) need 2 cells of cell_bits (4): set "
            "hardware.tile.mapping: "
            "differential or hardware.tile.weight_bits: 4"},
        BadCase{
            "bad override",
            kGood,
            {"train.learning_rate=-0.5"},
            "--set train.learning_rate=-0.5: train.learning_rate: expected a number > 0 (at most "
            "3.4e38, a float), got \"-0.5\""},
        BadCase{
            "init scale beyond float range",
            kGood,
            {"model.init_scale=1e39"},
            "--set model.init_scale=1e39: model.init_scale: expected a number > 0 (at most 3.4e38, "
            "a float), got \"1e39\""},
        BadCase{"feedback scale beyond float range",
                kGood,
                {"train.trainer.feedback_scale=1e300"},
                "--set train.trainer.feedback_scale=1e300: train.trainer.feedback_scale: expected "
                "a number "
                "> 0 (at most 3.4e38, a float), got \"1e300\""},
        BadCase{"wire resistance beyond float range",
                kGood,
                {"hardware.crossbar.wire_resistance_ohm=1e39"},
                "--set hardware.crossbar.wire_resistance_ohm=1e39: "
                "hardware.crossbar.wire_resistance_ohm: "
                "expected a number >= 0 (at most 3.4e38, a float) (ohm), got \"1e39\""},
        BadCase{"name with a slash",
                replace(kGood, "name: ok", "name: a/b"),
                {},
                "bad.yaml:1:7: name: expected a folder name without '/', got \"a/b\""},
        BadCase{"unknown layer type",
                replace(kGood, "{units: 16, activation: tanh}", "{type: conv, units: 16}"),
                {},
                "bad.yaml:6:14: model.layers[0].type: expected one of: dense, conv2d, max_pool, "
                "avg_pool, flatten, got \"conv\""},
        BadCase{
            "conv kernel larger than the image",
            replace(kGood, "{units: 16, activation: tanh}",
                    "{type: conv2d, channels: 4, kernel: 29, activation: relu}"),
            {},
            "bad.yaml:6:7: model.layers[0]: conv2d window 29x29 is larger than its input 1x28x28"},
        BadCase{
            "conv stride that does not tile the image",
            replace(kGood, "{units: 16, activation: tanh}",
                    "{type: conv2d, channels: 4, kernel: 5, stride: 2, activation: relu}"),
            {},
            "bad.yaml:6:7: model.layers[0]: conv2d window 5 with stride 2 does not tile 28 values "
            "(28 - 5 is not a multiple of 2); change kernel, stride or padding"},
        BadCase{"pool on a flat tensor",
                replace(kGood, "    - {units: 10, activation: linear}",
                        "    - {type: max_pool}\n    - {units: 10, activation: linear}"),
                {},
                "bad.yaml:7:7: model.layers[1]: a pool needs a spatial input (channels x height x "
                "width), got the flat 16 values of layer 0"},
        BadCase{
            "conv keys on a dense layer",
            replace(kGood, "{units: 16, activation: tanh}",
                    "{units: 16, kernel: 3, activation: tanh}"),
            {},
            "bad.yaml:6:19: model.layers[0].kernel: unknown key \"kernel\"; expected one of: type, "
            "units, activation, array, learning_rate_scale"},
        BadCase{"conv without channels",
                replace(kGood, "{units: 16, activation: tanh}",
                        "{type: conv2d, kernel: 3, activation: tanh}"),
                {},
                "bad.yaml:6:7: model.layers[0]: missing required key \"channels\""},
        BadCase{"output layer not dense",
                replace(kGood, "    - {units: 10, activation: linear}", "    - {type: flatten}"),
                {},
                "bad.yaml:7:7: model.layers[1]: the output layer must be a dense layer"}));

}  // namespace
}  // namespace cimsim::experiments
