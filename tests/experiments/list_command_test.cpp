// `cimsim list config`: generated from the parameter tables, so it lists every key validation
// accepts. It used to leave out hardware.cost and hardware.cost.electricals.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "algorithms/trainer.hpp"
#include "experiments/cli/commands.hpp"
#include "experiments/experiment_spec.hpp"
#include "sim/core/config.hpp"

namespace cimsim::cli {
namespace {

// Sections documented by other lists (trainer and device parameters depend on their type).
bool documented_elsewhere(const std::string& path) {
  return path == "train.trainer" || path == "hardware.device" || path == "hardware.feedback.device";
}

// "path.key" of every leaf of a resolved configuration; list entries as "list[]".
void collect_keys(const YAML::Node& node, const std::string& path, std::set<std::string>& out) {
  if (documented_elsewhere(path)) return;
  if (node.IsMap()) {
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (path == "model.layers[]" && key == "type") continue;  // chooses the table
      collect_keys(entry.second, path.empty() ? key : path + "." + key, out);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) collect_keys(item, path + "[]", out);
  } else {
    out.insert(path);
  }
}

// What `cimsim list ARGS` prints, parsed as JSON (a failed command fails the test).
core::ConfigNode list_json(const Args& args) {
  ::testing::internal::CaptureStdout();
  const int exit_code = command_list(args);
  const std::string printed = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(exit_code, 0);
  return core::ConfigNode::parse(printed, "list.json");
}

TEST(ListConfig, JsonKeysAreTheKeysValidationAccepts) {
  const core::ConfigNode listed_json = list_json({"config", "--json"});
  std::set<std::string> listed;
  for (const core::ConfigNode& section : listed_json.at("sections").items()) {
    const std::string path = section.at("path").as_string();
    // Layers: the dense table, the type of every layer of the config below.
    if (path == "model.layers[]" && section.at("when").as_string().rfind("type: dense", 0) != 0) {
      continue;
    }
    for (const core::ConfigNode& key : section.at("keys").items()) {
      const std::string name = key.at("key").as_string();
      listed.insert(path.empty() ? name : path + "." + name);
    }
  }
  EXPECT_TRUE(listed.count("hardware.cost.node_nm"));
  EXPECT_TRUE(listed.count("hardware.cost.electricals.write_pulse_width_s"));

  // Every section present: crossbar layers and B on its own tiles, so each table is read and
  // resolved with all its keys.
  const experiments::ExperimentSpec spec = experiments::read_experiment(core::ConfigNode::parse(
      "name: all\n"
      "data: {dataset: mnist}\n"
      "model:\n  layers: [{units: 16, activation: tanh}, {units: 10, activation: linear}]\n"
      "train: {trainer: {type: dfa}, epochs: 1}\n"
      "hardware:\n  array: crossbar\n  device: {preset: agsi}\n"
      "  feedback: {array: crossbar}\n"
      "  cost: {electricals: {read_pulse_width_s: 1.0e-8}}\n",
      "all.yaml"));
  std::set<std::string> accepted;
  collect_keys(spec.resolved, "", accepted);
  EXPECT_EQ(listed, accepted);
}

// The study's scripts read the rule names from this list: every registered rule, in registry
// order, with the hardware path it states at its default parameters.
TEST(ListTrainers, JsonListsEveryRuleWithItsHardwarePath) {
  const core::ConfigNode listed = list_json({"trainers", "--json"});
  std::vector<std::string> names;
  std::map<std::string, core::ConfigNode> by_name;
  for (const core::ConfigNode& rule : listed.at("trainers").items()) {
    names.push_back(rule.at("name").as_string());
    by_name.emplace(names.back(), rule);
    EXPECT_FALSE(rule.at("summary").as_string().empty()) << names.back();
  }
  std::vector<std::string> registered;
  for (const auto& e : algorithms::trainer_registry().entries()) registered.push_back(e.name);
  EXPECT_EQ(names, registered);

  EXPECT_EQ(by_name.at("bp").at("hardware_path").at("source").as_string(), "chain_transposed");
  EXPECT_EQ(by_name.at("dfa").at("hardware_path").at("source").as_string(), "project_output_error");
  EXPECT_TRUE(by_name.at("kp").at("hardware_path").at("feedback_learned").as_bool());
  EXPECT_FALSE(by_name.at("fa").at("hardware_path").at("feedback_learned").as_bool());
  EXPECT_GT(by_name.at("sdfa").at("hardware_path").at("feedback_row_nonzeros").as_integer(), 0);
  std::set<std::string> sdfa_keys;
  for (const core::ConfigNode& p : by_name.at("sdfa").at("params").items()) {
    sdfa_keys.insert(p.at("key").as_string());
  }
  EXPECT_TRUE(sdfa_keys.count("nonzeros_per_row"));
}

}  // namespace
}  // namespace cimsim::cli
