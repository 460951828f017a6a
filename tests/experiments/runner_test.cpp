// Whole runs on a tiny generated dataset: learning happens, files are written, and the same seed
// gives bit-identical metrics again and with another thread count.
#include "experiments/runner.hpp"
#include "experiments/array_factory.hpp"
#include "experiments/run_cost.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <sstream>

#include "experiments/resource_limits.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/log.hpp"
#include "sim/core/rng.hpp"

namespace cimsim::experiments {
namespace {

// Ten Gaussian clusters in 12 dimensions: easy, but not linearly trivial at the first step.
Dataset tiny_dataset() {
  Dataset d;
  d.name = "tiny";
  d.image_rows = 3;
  d.image_cols = 4;
  core::Rng rng(123);
  Eigen::MatrixXf centres(12, 10);
  rng.fill_uniform(centres.data(), 120, -1.0f, 1.0f);
  auto make = [&](Split& s, int n) {
    s.x.resize(12, n);
    for (int i = 0; i < n; ++i) {
      const int label = i % 10;
      for (int r = 0; r < 12; ++r)
        s.x(r, i) = centres(r, label) + 0.3f * static_cast<float>(rng.normal());
      s.labels.push_back(static_cast<std::uint8_t>(label));
    }
  };
  make(d.train, 600);
  make(d.test, 200);
  d.validation.x.resize(12, 0);
  return d;
}

ExperimentSpec tiny_spec(const std::string& trainer, int threads) {
  const std::string yaml =
      "name: tiny\nseed: 5\nmodel:\n  layers:\n    - {units: 24, activation: tanh}\n"
      "    - {units: 16, activation: relu}\n    - {units: 10, activation: linear}\n"
      "train:\n  trainer: {type: " +
      trainer +
      "}\n  epochs: 3\n  batch_size: 8\n"
      "  learning_rate: 0.05\n  momentum: 0.5\n  threads: " +
      std::to_string(threads) + "\n";
  return read_experiment(core::ConfigNode::parse(yaml, "tiny.yaml"));
}

// `epochs` epochs of a 24-10 network on small tiles of the ideal device; `feedback` is the
// hardware.feedback map.
ExperimentSpec tiny_crossbar_spec(const std::string& trainer, const std::string& feedback,
                                  int epochs = 1) {
  core::ConfigNode root = core::ConfigNode::parse(
      "name: tiny_crossbar\nseed: 5\nmodel:\n  layers:\n    - {units: 24, activation: tanh}\n"
      "    - {units: 10, activation: linear}\ntrain:\n  epochs: 1\n  batch_size: 8\n"
      "  learning_rate: 0.05\nhardware:\n  array: crossbar\n  device: {preset: ideal}\n"
      "  feedback: " +
          feedback +
          "\n"
          "  tile: {rows: 16, cols: 16, cols_per_adc: 2, cell_bits: 8, weight_bits: 8}\n",
      "tiny_crossbar.yaml");
  root.apply_override("train.trainer.type=" + trainer);
  root.apply_override("train.epochs=" + std::to_string(epochs));
  return read_experiment(root);
}

RunResult run(const std::string& trainer, int threads, const std::string& dir) {
  core::set_log_level(core::LogLevel::kQuiet);
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / dir;
  return run_experiment(tiny_spec(trainer, threads), tiny_dataset(), options);
}

TEST(Runner, EveryTrainerLearnsTheTinyTask) {
  for (const std::string trainer : {"bp", "fa", "dfa", "drtp"}) {
    const RunResult r = run(trainer, 1, "cimsim_runner_learn");
    EXPECT_GT(r.epochs.back().test_accuracy, 0.8) << trainer;
    EXPECT_LT(r.epochs.back().train_loss, r.epochs.front().train_loss) << trainer;
  }
}

TEST(Runner, WritesResultFiles) {
  const RunResult r = run("bp", 1, "cimsim_runner_files");
  const std::string metrics = core::read_file(r.out_dir / "metrics.csv");
  EXPECT_EQ(std::count(metrics.begin(), metrics.end(), '\n'), 4);  // header + 3 epochs
  EXPECT_NE(core::read_file(r.out_dir / "summary.json").find("\"status\": \"completed\""),
            std::string::npos);
  EXPECT_NE(core::read_file(r.out_dir / "resolved.yaml").find("batch_size: 8"), std::string::npos);
  std::filesystem::remove_all(r.out_dir);
}

TEST(Runner, SameSeedIsBitIdenticalAcrossRunsAndThreadCounts) {
  for (const std::string trainer : {"bp", "dfa"}) {
    const RunResult a = run(trainer, 1, "cimsim_runner_a");
    const RunResult b = run(trainer, 1, "cimsim_runner_b");
    const RunResult c = run(trainer, 2, "cimsim_runner_c");
    for (std::size_t e = 0; e < a.epochs.size(); ++e) {
      EXPECT_EQ(a.epochs[e].train_loss, b.epochs[e].train_loss);
      EXPECT_EQ(a.epochs[e].test_loss, b.epochs[e].test_loss);
      EXPECT_EQ(a.epochs[e].train_loss, c.epochs[e].train_loss);
      EXPECT_EQ(a.epochs[e].test_loss, c.epochs[e].test_loss);
      EXPECT_EQ(a.epochs[e].test_accuracy, c.epochs[e].test_accuracy);
    }
  }
}

// model.init_seed (NeuroSim V3's srand(2)): the initial weights stay while the run's seed moves.
TEST(Runner, InitSeedFixesTheInitialWeightsWhateverTheRunSeed) {
  const auto initial_weights = [](int seed, int init_seed) {
    core::ConfigNode root = core::ConfigNode::parse(
        "name: init\nmodel:\n  layers:\n    - {units: 10, activation: linear}\ntrain:\n  trainer: "
        "{type: bp}\n",
        "init.yaml");
    root.apply_override("seed=" + std::to_string(seed));
    root.apply_override("model.init_seed=" + std::to_string(init_seed));
    const ExperimentSpec spec = read_experiment(root);
    core::Rng rng = initial_weight_rng(spec);
    const algorithms::Network net(spec.network, make_layer_array_factory(spec), rng);
    return Eigen::MatrixXf(net.layer(0).array().weights());
  };
  EXPECT_EQ(initial_weights(5, 2), initial_weights(6, 2));
  EXPECT_NE(initial_weights(5, 2), initial_weights(5, 3));
  EXPECT_NE(initial_weights(5, -1), initial_weights(6, -1));
  EXPECT_EQ(initial_weights(5, -1), initial_weights(5, 5));
}

TEST(Runner, IdealCrossbarsWithEveryStageOffMatchSoftware) {
  const std::string yaml =
      "name: hil\nseed: 5\nmodel:\n  layers:\n    - {units: 24, activation: tanh}\n"
      "    - {units: 10, activation: linear}\ntrain:\n  trainer: {type: bp}\n  epochs: 3\n"
      "  batch_size: 8\n  learning_rate: 0.05\nhardware:\n  device: {type: ideal, levels: 0, "
      "step_fraction: 1.0e-7}\n  tile: {rows: 8, cols: 8, cols_per_adc: 2, cell_bits: 8, "
      "weight_bits: 8}\n"
      "  crossbar: {weight_range: 4.0, quantize_inputs: false, adc: false, read_noise: false, "
      "max_pulses: 1000000}\n";
  core::set_log_level(core::LogLevel::kQuiet);
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_hil";
  const RunResult software = run_experiment(
      read_experiment(core::ConfigNode::parse(yaml, "hil.yaml")), tiny_dataset(), options);
  core::ConfigNode root = core::ConfigNode::parse(yaml, "hil.yaml");
  root.apply_override("hardware.array=crossbar");
  const RunResult hardware = run_experiment(read_experiment(root), tiny_dataset(), options);
  ASSERT_TRUE(hardware.cost.has_value());
  EXPECT_FALSE(software.cost.has_value());
  for (std::size_t e = 0; e < software.epochs.size(); ++e) {
    EXPECT_NEAR(hardware.epochs[e].test_accuracy, software.epochs[e].test_accuracy, 0.003);
    EXPECT_NEAR(hardware.epochs[e].train_loss, software.epochs[e].train_loss,
                1e-3 * software.epochs[e].train_loss);
  }
  std::filesystem::remove_all(options.out_dir);
}

// The tiny clusters as 3 x 4 images through a padded convolution, an overlapping max pool, a 1 x 1
// convolution and an average pool: every stage of the convolutional path on ideal crossbars equals
// software, and each rule learns.
const char* const kTinyCnn =
    "name: tiny_cnn\nseed: 5\nmodel:\n  layers:\n"
    "    - {type: conv2d, channels: 6, kernel: 3, padding: 1, activation: tanh}\n"
    "    - {type: max_pool, kernel: 2, stride: 1}\n    - {type: conv2d, channels: 8, kernel: 1, "
    "activation: tanh}\n"
    "    - {type: avg_pool, kernel: 2, stride: 1}\n    - {type: flatten}\n    - {units: 10, "
    "activation: linear}\n"
    "train:\n  trainer: {type: bp}\n  epochs: 3\n  batch_size: 8\n  learning_rate: 0.05\n"
    "hardware:\n  device: {type: ideal, levels: 0, step_fraction: 1.0e-7}\n"
    "  tile: {rows: 8, cols: 8, cols_per_adc: 2, cell_bits: 8, weight_bits: 8}\n"
    "  crossbar: {weight_range: 4.0, quantize_inputs: false, adc: false, read_noise: false, "
    "max_pulses: 1000000}\n";

TEST(Runner, IdealCrossbarCnnMatchesSoftwareForEveryRule) {
  core::set_log_level(core::LogLevel::kQuiet);
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_cnn";
  for (const std::string trainer : {"bp", "fa", "dfa", "drtp"}) {
    core::ConfigNode root = core::ConfigNode::parse(kTinyCnn, "tiny_cnn.yaml");
    root.apply_override("train.trainer.type=" + trainer);
    const RunResult software = run_experiment(read_experiment(root), tiny_dataset(), options);
    root.apply_override("hardware.array=crossbar");
    const RunResult hardware = run_experiment(read_experiment(root), tiny_dataset(), options);
    ASSERT_TRUE(hardware.cost.has_value());
    EXPECT_EQ(hardware.cost->layers[0].positions, 12);                // 3 x 4 output positions
    EXPECT_GT(software.epochs.back().test_accuracy, 0.3) << trainer;  // chance: 0.1
    for (std::size_t e = 0; e < software.epochs.size(); ++e) {
      EXPECT_NEAR(hardware.epochs[e].test_accuracy, software.epochs[e].test_accuracy, 0.003)
          << trainer;
      EXPECT_NEAR(hardware.epochs[e].train_loss, software.epochs[e].train_loss,
                  1e-3 * software.epochs[e].train_loss)
          << trainer;
    }
  }
  std::filesystem::remove_all(options.out_dir);
}

TEST(Runner, FeedbackReadsArePricedOnTheLayerTheScheduleExpects) {
  // FA's B_2 sends delta_2 down, so its reads belong to layer 2, where the floorplan puts it and
  // the schedule looks for it; DFA's B_1 belongs to layer 1. FA's reads used to be booked on the
  // receiving layer 1, where the schedule never looked: an error phase of 0. (B on crossbars: a
  // digital B is priced from the shape.)
  core::set_log_level(core::LogLevel::kQuiet);
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_feedback";
  for (const std::string trainer : {"fa", "dfa"}) {
    const RunResult r =
        run_experiment(tiny_crossbar_spec(trainer, "{array: crossbar}"), tiny_dataset(), options);
    ASSERT_TRUE(r.cost.has_value());
    const std::size_t owner = trainer == "fa" ? 1 : 0;
    EXPECT_GT(r.cost->layers[owner].feedback_energy_j, 0.0) << trainer;
    EXPECT_EQ(r.cost->layers[1 - owner].feedback_energy_j, 0.0) << trainer;
    EXPECT_GT(r.cost->error_phase_latency_s, 0.0) << trainer;
  }
  std::filesystem::remove_all(options.out_dir);
}

TEST(Runner, MeasuredErrorPhaseIncludesTheErrorUnitsWork) {
  // The tiles record their own events only; the error unit's digital work (output error,
  // products with f', teaching-signal buffer traffic) used to be missing from measured runs, so
  // DRTP's error phase cost nothing and DFA's was a quarter of the analytic estimate. DFA's and
  // DRTP's error phases hold no data-dependent analog reads (B is digital), so measured and
  // analytic latencies agree.
  core::set_log_level(core::LogLevel::kQuiet);
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_error_unit";
  const Dataset data = tiny_dataset();
  for (const std::string trainer : {"dfa", "drtp"}) {
    const ExperimentSpec spec = tiny_crossbar_spec(trainer, "{array: software}");
    const RunResult r = run_experiment(spec, data, options);
    ASSERT_TRUE(r.cost.has_value());
    const sim::cost::CostReport analytic =
        analytic_cost(spec, DatasetGeometry{data.image_rows, data.image_cols, data.train.count(),
                                            data.test.count(), data.train.count()});
    EXPECT_GT(r.cost->error_phase_latency_s, 0.0) << trainer;
    EXPECT_NEAR(r.cost->error_phase_latency_s, analytic.error_phase_latency_s,
                1e-9 * analytic.error_phase_latency_s)
        << trainer;
  }
  std::filesystem::remove_all(options.out_dir);
}

TEST(Runner, EachEpochIsPricedFromItsOwnEvents) {
  // neurosim_epochs.csv prices the events of each epoch alone (NeuroSim prints each epoch's
  // cost): the epochs add up to the whole run, and differ from one another as the updates shrink,
  // where a mean of the pooled events would give every epoch the same figure.
  core::set_log_level(core::LogLevel::kQuiet);
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_epoch_costs";
  const RunResult r =
      run_experiment(tiny_crossbar_spec("bp", "{array: software}", 3), tiny_dataset(), options);
  ASSERT_TRUE(r.neurosim_view.has_value());
  std::istringstream csv(core::read_file(options.out_dir / "neurosim_epochs.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line,
            "epoch,read_latency_s,read_energy_j,write_latency_s,write_energy_j,"
            "outside_scope_energy_j");
  std::vector<std::array<double, 6>> rows;
  while (std::getline(csv, line)) {
    std::array<double, 6> row{};
    std::istringstream fields(line);
    for (double& v : row) {
      std::string field;
      std::getline(fields, field, ',');
      v = std::stod(field);
    }
    rows.push_back(row);
  }
  ASSERT_EQ(rows.size(), 3u);
  std::array<double, 6> sum{};
  for (std::size_t e = 0; e < rows.size(); ++e) {
    EXPECT_EQ(rows[e][0], static_cast<double>(e + 1));
    for (std::size_t c = 1; c < 6; ++c) sum[c] += rows[e][c];
  }
  const sim::cost::NeuroSimView& pooled = *r.neurosim_view;  // a mean over the 3 epochs
  EXPECT_NEAR(sum[1], 3 * pooled.read_latency_per_epoch_s, 1e-9 * sum[1]);
  EXPECT_NEAR(sum[2], 3 * pooled.read_energy_per_epoch_j, 1e-9 * sum[2]);
  EXPECT_NEAR(sum[3], 3 * pooled.write_latency_per_epoch_s, 1e-9 * sum[3]);
  EXPECT_NEAR(sum[4], 3 * pooled.write_energy_per_epoch_j, 1e-9 * sum[4]);
  EXPECT_GT(rows[0][4], 0.0);
  EXPECT_NE(rows[0][4], rows[2][4]);
  std::filesystem::remove_all(options.out_dir);
}

TEST(Runner, HugeLearningRateEndsAsDivergedWithPartialResults) {
  core::set_log_level(core::LogLevel::kQuiet);
  core::ConfigNode root = core::ConfigNode::parse(
      "name: nan\nmodel:\n  layers:\n    - {units: 24, activation: relu}\n    - {units: 10, "
      "activation: linear}\n"
      "train:\n  trainer: {type: bp}\n  epochs: 3\n  batch_size: 8\n  learning_rate: 1.0e30\n",
      "nan.yaml");
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_nan";
  const RunResult r = run_experiment(read_experiment(root), tiny_dataset(), options);
  EXPECT_EQ(r.status, RunStatus::kDiverged);
  EXPECT_NE(r.message.find("at epoch 1, batch"), std::string::npos) << r.message;
  EXPECT_NE(core::read_file(options.out_dir / "summary.json").find("\"status\": \"diverged\""),
            std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(options.out_dir / "metrics.csv"));
  std::filesystem::remove_all(options.out_dir);
}

TEST(Runner, StopRequestEndsAsInterruptedKeepingFinishedEpochs) {
  core::set_log_level(core::LogLevel::kQuiet);
  const std::atomic<bool> stop{true};
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_stop";
  options.stop = &stop;
  const RunResult r = run_experiment(tiny_spec("dfa", 1), tiny_dataset(), options);
  EXPECT_EQ(r.status, RunStatus::kInterrupted);
  EXPECT_TRUE(r.epochs.empty());
  EXPECT_NE(r.message.find("stopped at epoch 1, batch 1"), std::string::npos) << r.message;
  std::filesystem::remove_all(options.out_dir);
}

TEST(Runner, AbsurdConfigsAreRefusedWithAnEstimate) {
  const auto error_of = [](const std::vector<std::string>& overrides) {
    core::ConfigNode root = core::ConfigNode::parse(
        "name: big\nmodel:\n  layers:\n    - {units: 1000000, activation: relu}\n"
        "    - {units: 10, activation: linear}\ntrain:\n  trainer: {type: bp}\n",
        "big.yaml");
    for (const auto& o : overrides) root.apply_override(o);
    const ExperimentSpec spec = read_experiment(root);
    try {
      check_resources(spec);
    } catch (const core::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  // 785 x 1e6 weights fit in software (~9 GiB) but not as device state (~85 GiB).
  EXPECT_EQ(error_of({}), "");
  const std::string crossbar = error_of(
      {"hardware.array=crossbar", "hardware.device.preset=ideal", "hardware.tile.weight_bits=4"});
  EXPECT_NE(crossbar.find("big.yaml:4:5: model.layers: this run needs an estimated"),
            std::string::npos)
      << crossbar;
  EXPECT_NE(crossbar.find("GiB"), std::string::npos);
  // A convolution's feature maps count: 8,192 maps of 28 x 28 per sample fit in software, not
  // with the 16 stacked input cycles of bit-serial crossbar reads.
  const std::vector<std::string> wide_conv = {
      "model.layers=[{type: conv2d, channels: 8192, kernel: 3, padding: 1, activation: relu}, "
      "{type: flatten}, {units: 10, activation: linear}]"};
  EXPECT_EQ(error_of(wide_conv), "");
  std::vector<std::string> wide_crossbar = wide_conv;
  wide_crossbar.insert(
      wide_crossbar.end(),
      {"hardware.array=crossbar", "hardware.device.preset=ideal", "hardware.tile.weight_bits=4"});
  const std::string maps = error_of(wide_crossbar);
  EXPECT_NE(maps.find("feature maps"), std::string::npos) << maps;
  const std::string slow = error_of({"train.epochs=1000000"});
  EXPECT_NE(slow.find("train.epochs: this run needs an estimated"), std::string::npos) << slow;
  EXPECT_NE(slow.find("days"), std::string::npos);
}

TEST(Runner, OutputLayerMustMatchClasses) {
  ExperimentSpec spec = tiny_spec("bp", 1);
  spec.network.layers.back().units = 7;  // the YAML still says 10; the check names the key
  RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / "cimsim_runner_bad";
  EXPECT_THROW(run_experiment(spec, tiny_dataset(), options), core::ConfigError);
}

}  // namespace
}  // namespace cimsim::experiments
