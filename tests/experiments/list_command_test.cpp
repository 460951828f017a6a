// `cimsim list config`: generated from the parameter tables, so it lists every key validation
// accepts. It used to leave out hardware.cost and hardware.cost.electricals.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

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

TEST(ListConfig, JsonKeysAreTheKeysValidationAccepts) {
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(command_list({"config", "--json"}), 0);
  const core::ConfigNode listed_json =
      core::ConfigNode::parse(::testing::internal::GetCapturedStdout(), "list.json");
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

}  // namespace
}  // namespace cimsim::cli
