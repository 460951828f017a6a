#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "experiments/cli/commands.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::cli {
namespace {

namespace fs = std::filesystem;

// The number after the first `"key": ` in a JSON text.
double number_after(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\": ");
  if (at == std::string::npos) return -1;
  return std::stod(json.substr(at + key.size() + 4));
}

class CostCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cimsim_cost_command_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
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
  ASSERT_EQ(command_cost({(dir_ / "exp.yaml").string(), "--json", json.string()}), 0);
  const std::string text = core::read_file(json);
  EXPECT_NE(text.find("\"status\": \"fits\""), std::string::npos);
  EXPECT_NE(text.find("\"trainer\": \"dfa\""), std::string::npos);
  EXPECT_NE(text.find("\"node_nm\": 45"), std::string::npos);
  EXPECT_NE(text.find("\"epoch_samples\": 8000"), std::string::npos);
  EXPECT_NE(text.find("\"inputs\": 401"), std::string::npos);  // 20 x 20 crop + bias
}

TEST_F(CostCommand, TakesElectricalsFromTheDeviceAndFeedbackFromTheHardware) {
  const std::string config = (dir_ / "exp.yaml").string();
  const fs::path json = dir_ / "cost.json";
  const auto report = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{config, "--json", json.string(), "--set",
                                  "hardware.device.preset=agsi"};
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
      command_cost({config, "--set", assignment});
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
  EXPECT_NE(bp.find("\"inputs\": 26"), std::string::npos);     // 5 x 5 x 1 + bias
  EXPECT_NE(bp.find("\"positions\": 784"), std::string::npos);  // 28 x 28 (padding 2)
  EXPECT_NE(bp.find("\"positions\": 100"), std::string::npos);  // 10 x 10
  EXPECT_GT(number_after(bp, "pooling"), 0.0);
  EXPECT_LT(number_after(reports["dfa"], "error_phase_latency_s"), number_after(bp, "error_phase_latency_s"));
}

}  // namespace
}  // namespace cimsim::cli
