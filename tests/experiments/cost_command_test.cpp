#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "algorithms/trainer.hpp"
#include "experiments/cli/commands.hpp"
#include "experiments/run_cost.hpp"
#include "experiments/run_events.hpp"
#include "experiments/runner.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/log.hpp"
#include "tiny_idx.hpp"

namespace cimsim::cli {
namespace {

namespace fs = std::filesystem;

// The number after the first `"key": ` in a JSON text.
double number_after(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\": ");
  if (at == std::string::npos) return -1;
  return std::stod(json.substr(at + key.size() + 4));
}

// A scratch folder of its own for the running test.
fs::path scratch_dir(const std::string& prefix) {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  return fs::temp_directory_path() /
         (prefix + std::to_string(unit.random_seed()) + "_" + unit.current_test_info()->name());
}

class CostCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir("cimsim_cost_command_");
    fs::create_directories(dir_);
    std::ofstream(dir_ / "exp.yaml") << "name: t\n"
                                        "data: {dataset: mnist, crop: 20, train_limit: 8000}\n"
                                        "model:\n  layers: [{units: 100, activation: tanh}, "
                                        "{units: 10, activation: linear}]\n"
                                        "train: {trainer: {type: dfa}, batch_size: 1}\n"
                                        "hardware:\n  tile: {rows: 128}\n  cost: {node_nm: 45}\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CostCommand, WritesTheJsonReport) {
  const fs::path json = dir_ / "cost.json";
  ASSERT_EQ(
      command_cost({(dir_ / "exp.yaml").string(), "--assume-crossbar", "--json", json.string()}),
      0);
  const std::string text = core::read_file(json);
  EXPECT_NE(text.find("\"status\": \"fits\""), std::string::npos);
  EXPECT_NE(text.find("\"trainer\": \"dfa\""), std::string::npos);
  EXPECT_NE(text.find("\"node_nm\": 45"), std::string::npos);
  EXPECT_NE(text.find("\"epoch_samples\": 8000"), std::string::npos);
  EXPECT_NE(text.find("\"inputs\": 401"), std::string::npos);  // 20 x 20 crop + bias
  // Both energy breakdowns carry leakage and sum to the total energy per training sample.
  const core::ConfigNode report = core::ConfigNode::parse(text, "cost.json");
  const double total = report.at("energy_per_training_sample_j").as_real();
  for (const char* family : {"training_energy_by_phase_j", "training_energy_by_component_j"}) {
    const core::ConfigNode parts = report.at(family);
    EXPECT_EQ(parts.at("leakage").as_real(), report.at("training_leakage_energy_j").as_real());
    double sum = 0;
    for (const std::string& key : parts.keys()) sum += parts.at(key).as_real();
    EXPECT_NEAR(sum, total, 1e-12 * total) << family;
  }
}

TEST_F(CostCommand, PrintsNeuroSimsViewWithTheTestReadsApart) {
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(command_cost({(dir_ / "exp.yaml").string(), "--assume-crossbar", "--set",
                          "data.test_limit=2500"}),
            0);
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("as NeuroSim V3 reports it (per epoch of 8e+03 training samples)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("reads of 2.5e+03 test samples"), std::string::npos) << out;
  EXPECT_NE(out.find("area: synaptic core"), std::string::npos);
}

TEST_F(CostCommand, DigitalBackwardLeavesOutTheTransposedReadPeriphery) {
  const fs::path json = dir_ / "cost.json";
  const auto area_mm2 = [&](const std::string& backward) {
    EXPECT_EQ(command_cost({(dir_ / "exp.yaml").string(), "--assume-crossbar", "--json",
                            json.string(), "--set", "train.trainer.type=bp", "--set",
                            "hardware.crossbar.backward=" + backward}),
              0);
    return number_after(core::read_file(json), "chip_area_mm2");
  };
  const double analog = area_mm2("analog");
  EXPECT_GT(analog, 0);
  EXPECT_LT(area_mm2("digital"), analog);
}

TEST_F(CostCommand, TakesElectricalsFromTheDeviceAndFeedbackFromTheHardware) {
  const std::string config = (dir_ / "exp.yaml").string();
  const fs::path json = dir_ / "cost.json";
  const auto report = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{config,  "--assume-crossbar",          "--json", json.string(),
                                  "--set", "hardware.device.preset=agsi"};
    args.insert(args.end(), extra.begin(), extra.end());
    EXPECT_EQ(command_cost(args), 0);
    return core::read_file(json);
  };
  // Ag:a-Si programs with 300 us pulses: a training step takes milliseconds...
  EXPECT_GT(number_after(report({}), "latency_per_training_sample_s"), 1e-3);
  // ...unless hardware.cost.electricals says otherwise.
  EXPECT_LT(number_after(report({"--set", "hardware.cost.electricals.write_pulse_width_s=1e-8"}),
                         "latency_per_training_sample_s"),
            1e-4);
  // DFA's B_1 (10 x 100) in SRAM, or on 4 tiles of 32 outputs each.
  EXPECT_EQ(number_after(report({}), "feedback_tiles"), 0);
  EXPECT_EQ(number_after(report({"--set", "hardware.feedback.array=crossbar"}), "feedback_tiles"),
            4);
}

TEST_F(CostCommand, OverridesAndBadHardwareNameTheKey) {
  const std::string config = (dir_ / "exp.yaml").string();
  const auto error_of = [&](const std::string& assignment) -> std::string {
    try {
      command_cost({config, "--assume-crossbar", "--set", assignment});
    } catch (const core::ConfigError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(error_of("hardware.tile.adc_bits=30")
                .find("hardware.tile.adc_bits: expected an "
                      "integer in [1, 16]"),
            std::string::npos);
  EXPECT_NE(error_of("hardware.tile.adc_bits=0").find("hardware.tile.adc_bits"), std::string::npos);
  EXPECT_NE(error_of("hardware.cost.node_nm=28")
                .find("hardware.cost.node_nm: expected one of the "
                      "nodes"),
            std::string::npos);
  EXPECT_NE(error_of("hardware.tile.rows=2048")
                .find("hardware.tile.rows: expected an integer in "
                      "[8, 1024]"),
            std::string::npos);
  EXPECT_NE(error_of("train.trainer.type=sgd")
                .find("train.trainer.type: expected one of: bp, fa, "
                      "dfa, drtp"),
            std::string::npos);
  EXPECT_EQ(error_of("hardware.cost.node_nm=7"), "");
}

// A software-only config used to be priced as an Ag:a-Si crossbar chip, exit 0, and the
// electricals note came first on stdout, even before an error.
TEST_F(CostCommand, SoftwareOnlyConfigIsRefusedUnlessTheChipIsAssumed) {
  const std::string config = (dir_ / "exp.yaml").string();
  try {
    command_cost({config});
    FAIL() << "a software-only config was priced";
  } catch (const core::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(config + ": every layer is in software (hardware.array: "
                                                  "software), so there is no chip to price"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("--assume-crossbar"), std::string::npos) << e.what();
  }
  const auto run = [&](const std::vector<std::string>& args) {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(command_cost(args), 0);
    const std::string out = ::testing::internal::GetCapturedStdout();
    return std::make_pair(out, ::testing::internal::GetCapturedStderr());
  };
  // No device: every electrical figure is a default, said once, on stderr, after the report.
  const auto [out, err] = run({config, "--assume-crossbar"});
  EXPECT_EQ(out.find("note:"), std::string::npos) << out;
  EXPECT_EQ(err,
            "note: Ag:a-Si default electricals used for: g_on_siemens, g_off_siemens, "
            "read_voltage_v, write_voltage_ltp_v, write_voltage_ltd_v, write_pulse_width_s, "
            "read_pulse_width_s (the device does not give them; set them in "
            "hardware.cost.electricals)\n");
  // Figures given in hardware.cost.electricals are not defaults; with all given, no note.
  const auto [out2, err2] = run(
      {config, "--assume-crossbar", "--set",
       "hardware.cost.electricals={g_on_siemens: 1e-6, g_off_siemens: 1e-7, read_voltage_v: 0.2, "
       "write_voltage_ltp_v: 1, write_voltage_ltd_v: 1, write_pulse_width_s: 1e-8, "
       "read_pulse_width_s: 1e-8}"});
  EXPECT_EQ(err2, "");
  // A config error comes without the note.
  try {
    ::testing::internal::CaptureStderr();
    command_cost({config, "--assume-crossbar", "--set", "hardware.tile.adc_bits=0"});
    ADD_FAILURE() << "adc_bits 0 accepted";
  } catch (const core::ConfigError&) {
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST_F(CostCommand, PricesTheShippedLeNetWithoutData) {
  // The LeNet-5-like in-situ configs: conv layers read once per output position, pools priced,
  // and DFA's error phase shorter than BP's (no transposed reads of the 100-position conv2).
  const fs::path root = fs::path(CIMSIM_TEST_DATA_DIR) / ".." / "..";
  std::map<std::string, std::string> reports;
  for (const std::string rule : {"bp", "dfa"}) {
    const fs::path json = dir_ / (rule + ".json");
    ASSERT_EQ(command_cost({(root / "configs/experiments/mnist_lenet_bp.yaml").string(), "--set",
                            "train.trainer.type=" + rule, "--json", json.string()}),
              0);
    reports[rule] = core::read_file(json);
  }
  const std::string& bp = reports["bp"];
  EXPECT_NE(bp.find("\"status\": \"fits\""), std::string::npos);
  EXPECT_NE(bp.find("\"inputs\": 26"), std::string::npos);      // 5 x 5 x 1 + bias
  EXPECT_NE(bp.find("\"positions\": 784"), std::string::npos);  // 28 x 28 (padding 2)
  EXPECT_NE(bp.find("\"positions\": 100"), std::string::npos);  // 10 x 10
  EXPECT_GT(number_after(bp, "pooling"), 0.0);
  EXPECT_LT(number_after(reports["dfa"], "error_phase_latency_s"),
            number_after(bp, "error_phase_latency_s"));
}

// `cimsim cost --events`: a run on a tiny generated dataset writes events.json beside cost.json,
// and the cost command prices those events again under the same or another hardware set-up.
class CostCommandEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir("cimsim_cost_events_");
    fs::create_directories(dir_ / "data");
    experiments::testing::write_idx_pair(dir_ / "data", "train", 200);
    experiments::testing::write_idx_pair(dir_ / "data", "t10k", 50);
    core::write_file_atomic(
        config(), "name: events\nseed: 5\ndata: {dataset: idx, dir: " + (dir_ / "data").string() +
                      "}\nmodel:\n  layers: [{units: 12, activation: tanh}, {units: 10, "
                      "activation: linear}]\n"
                      "train: {trainer: {type: dfa}, epochs: 1, batch_size: 8, "
                      "learning_rate: 0.05}\n"
                      "hardware:\n  array: crossbar\n  device: {preset: ideal}\n"
                      "  tile: {rows: 16, cols: 16, cols_per_adc: 2, cell_bits: 8, "
                      "weight_bits: 8}\n");
    core::set_log_level(core::LogLevel::kQuiet);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string config() const { return (dir_ / "exp.yaml").string(); }
  std::string events() const { return (dir_ / "run" / "events.json").string(); }

  // Trains the config with `overrides` into dir_/run.
  void run(const std::vector<std::string>& overrides) {
    experiments::RunOptions options;
    options.out_dir = dir_ / "run";
    const experiments::RunResult r =
        experiments::run_experiment(experiments::load_experiment(config(), overrides), options);
    ASSERT_EQ(r.status, experiments::RunStatus::kCompleted);
    ASSERT_TRUE(fs::exists(events()));
  }

  // `cimsim cost CONFIG --events run/events.json --json repriced.json` with `overrides`; returns
  // what it printed.
  std::string reprice(const std::vector<std::string>& overrides) {
    std::vector<std::string> args{config(), "--events", events(), "--json",
                                  (dir_ / "repriced.json").string()};
    for (const std::string& o : overrides) args.insert(args.end(), {"--set", o});
    ::testing::internal::CaptureStdout();
    const int code = command_cost(args);
    const std::string printed = ::testing::internal::GetCapturedStdout();
    EXPECT_EQ(code, 0);
    return printed;
  }

  // The same re-pricing through the library, for the report's fields.
  experiments::PricedEvents priced(const std::vector<std::string>& overrides) {
    const experiments::ExperimentSpec spec = experiments::load_experiment(config(), overrides);
    return experiments::price_recorded(spec, spec.geometry,
                                       experiments::read_recorded_events(events()));
  }

  std::string error_of(const std::vector<std::string>& overrides, const std::string& file) {
    std::vector<std::string> args{config(), "--events", file};
    for (const std::string& o : overrides) args.insert(args.end(), {"--set", o});
    try {
      command_cost(args);
    } catch (const core::Error& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(CostCommandEvents, RepricingWithTheRunsOwnConfigReproducesItsCost) {
  // B digital, B on its own tiles (the B arrays' events recorded), and BP's transposed reads.
  for (const std::vector<std::string>& setup : {std::vector<std::string>{},
                                                {"hardware.feedback.array=crossbar"},
                                                {"train.trainer.type=bp"}}) {
    run(setup);
    const std::string printed = reprice(setup);
    EXPECT_NE(printed.find("re-priced with this config's hardware"), std::string::npos);
    const std::string measured = core::read_file(dir_ / "run" / "cost.json");
    const std::string repriced = core::read_file(dir_ / "repriced.json");
    for (const std::string key :
         {"energy_per_training_sample_j", "latency_per_training_sample_s", "chip_area_mm2"}) {
      EXPECT_GT(number_after(measured, key), 0.0) << key;
      EXPECT_EQ(number_after(repriced, key), number_after(measured, key)) << key;
    }
    EXPECT_EQ(repriced, measured);  // every figure, to the last digit
  }
}

TEST_F(CostCommandEvents, EveryRegisteredRuleTrainsOnTilesAndIsPricedBothWays) {
  // Whatever a rule's hardware path (algorithms/rules/), a crossbar run of one epoch prices its
  // recorded events, `cimsim cost --events` re-prices them to the same figures, and the
  // analytic `cimsim cost` lays out the same chip.
  for (const algorithms::RuleEntry& rule : algorithms::trainer_registry().entries()) {
    const sim::RulePath path = rule.hardware_path(rule.params.defaults());
    for (const std::string storage : {"software", "crossbar"}) {
      SCOPED_TRACE(rule.name + ", B on " + storage);
      const std::vector<std::string> setup{"train.trainer.type=" + rule.name,
                                           "hardware.feedback.array=" + storage};
      run(setup);
      reprice(setup);
      const std::string measured = core::read_file(dir_ / "run" / "cost.json");
      EXPECT_EQ(core::read_file(dir_ / "repriced.json"), measured);
      EXPECT_NE(measured.find("\"trainer\": \"" + rule.name + "\""), std::string::npos);

      const experiments::ExperimentSpec spec = experiments::load_experiment(config(), setup);
      const sim::cost::CostReport analytic = experiments::analytic_cost(spec, spec.geometry);
      for (const std::string key : {"chip_area_mm2", "tiles", "leakage_power_w"}) {
        EXPECT_EQ(number_after(measured, key),
                  number_after(sim::cost::cost_report_json(analytic), key))
            << key;
      }
      // The hidden layer owns a B exactly when the rule has feedback matrices and keeps them
      // on tiles; programming them shows up only for a rule that learns B.
      const experiments::RecordedEvents recorded = experiments::read_recorded_events(events());
      const bool analog_b = storage == "crossbar" && path.has_feedback();
      double b_reads = 0, b_pulses = 0;
      for (const sim::LayerCounts& layer : recorded.training.layers) {
        b_reads += layer.feedback.cell_reads;
        b_pulses += layer.feedback_update.ltp_pulses + layer.feedback_update.ltd_pulses;
      }
      EXPECT_EQ(b_reads > 0, analog_b);
      EXPECT_EQ(b_pulses > 0, analog_b && path.feedback_learned);
      EXPECT_EQ(analytic.layers.back().feedback_tiles + analytic.layers.front().feedback_tiles > 0,
                analog_b);
    }
  }
}

TEST_F(CostCommandEvents, LongerPulsesSlowTheUpdateAndLeaveTheForwardPhase) {
  run({});
  const sim::cost::CostReport base = priced({}).report;
  // 1000 x the default 80 ns pulse width (the ideal preset sets none).
  const sim::cost::CostReport slow = priced({"hardware.device.pulse_width_s=80e-6"}).report;
  const auto update = static_cast<std::size_t>(sim::Phase::kWeightUpdate);
  const auto forward = static_cast<std::size_t>(sim::Phase::kForward);
  EXPECT_GT(base.training_latency_by_phase_s[update], 0.0);
  EXPECT_GT(slow.training_latency_by_phase_s[update],
            100 * base.training_latency_by_phase_s[update]);
  EXPECT_EQ(slow.training_energy_by_phase_j[forward], base.training_energy_by_phase_j[forward]);
  EXPECT_EQ(slow.chip_area_mm2, base.chip_area_mm2);
}

TEST_F(CostCommandEvents, DigitalBRepricedOnCrossbarsIsEstimatedAndSaysSo) {
  run({});  // DFA, B in SRAM: no B array recorded anything
  const experiments::PricedEvents digital = priced({});
  EXPECT_FALSE(digital.feedback_estimated);
  EXPECT_EQ(digital.report.layers[0].feedback_tiles, 0);
  const experiments::PricedEvents analog = priced({"hardware.feedback.array=crossbar"});
  EXPECT_TRUE(analog.feedback_estimated);
  EXPECT_GT(analog.report.layers[0].feedback_tiles, 0);
  EXPECT_GT(analog.report.layers[0].feedback_energy_j, 0.0);
  EXPECT_NE(analog.report.layers[0].feedback_energy_j, digital.report.layers[0].feedback_energy_j);
  const std::string printed = reprice({"hardware.feedback.array=crossbar"});
  EXPECT_NE(printed.find("note: the run kept B digital"), std::string::npos) << printed;
  EXPECT_NE(printed.find("over the 200 recorded training samples"), std::string::npos) << printed;
  EXPECT_EQ(reprice({}).find("note: the run kept B digital"), std::string::npos);
}

TEST_F(CostCommandEvents, MismatchesAndBadFilesSayWhatDiffers) {
  run({});
  const std::string layers =
      error_of({"model.layers=[{units: 12, activation: tanh}, {units: 12, activation: tanh}, "
                "{units: 10, activation: linear}]"},
               events());
  EXPECT_NE(layers.find(events() + ": the events were recorded by a network of 2 weight layers; "
                                   "the config's model.layers has 3"),
            std::string::npos)
      << layers;
  const std::string trainer = error_of({"train.trainer.type=bp"}, events());
  EXPECT_NE(trainer.find("recorded by a dfa run; the config's train.trainer.type is bp"),
            std::string::npos)
      << trainer;
  const std::string width = error_of({"model.layers[0].units=20"}, events());
  EXPECT_NE(width.find("weight layer 0 of the recorded run maps 17 inputs x 12 outputs x 1 "
                       "positions; the config's maps 17 inputs x 20 outputs x 1 positions"),
            std::string::npos)
      << width;
  const std::string tile = error_of({"hardware.tile.rows=32"}, events());
  EXPECT_NE(tile.find("hardware.tile.rows 16; the config has 32"), std::string::npos) << tile;
  EXPECT_EQ(error_of({"hardware.tile.adc_type=flash"}, events()), "");  // a cost-only choice

  const std::string missing = error_of({}, (dir_ / "nowhere.json").string());
  EXPECT_NE(missing.find("nowhere.json: cannot read the recorded events"), std::string::npos)
      << missing;
  std::string text = core::read_file(events());
  const std::string dfa = "\"trainer\": \"dfa\"";
  text.replace(text.find(dfa), dfa.size(), "\"trainer\": \"sgd\"");
  const fs::path bad = dir_ / "bad.json";
  core::write_file_atomic(bad, text);
  const std::string malformed = error_of({}, bad.string());
  EXPECT_NE(malformed.find("bad.json:3:"), std::string::npos) << malformed;
  EXPECT_NE(malformed.find("trainer: expected one of: bp, fa, dfa, drtp"), std::string::npos)
      << malformed;
}

}  // namespace
}  // namespace cimsim::cli
