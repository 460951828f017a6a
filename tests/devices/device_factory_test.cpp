// Building devices from configs: presets, overrides, and errors that name the offending key.
#include "devices/device_factory.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "device_test_util.hpp"

namespace cimsim::devices {
namespace {

using testing::config_error;
using testing::make;

void expect_error_names(const std::string& yaml, const std::string& key, const std::string& what) {
  const std::string message = config_error(yaml);
  EXPECT_NE(message.find(key), std::string::npos) << message;
  EXPECT_NE(message.find(what), std::string::npos) << message;
}

TEST(DeviceFactoryTest, PresetWithOverride) {
  const auto base = make("{preset: agsi}");
  EXPECT_EQ(base->info().type, "neurosim_nonlinear");
  EXPECT_EQ(base->info().levels, 97);
  EXPECT_DOUBLE_EQ(base->info().g_max_siemens, 3.85e-8);
  const auto changed = make("{preset: agsi, levels_ltp: 50, nonlinearity_ltp: 3}");
  EXPECT_EQ(changed->info().levels, 50);
  EXPECT_DOUBLE_EQ(changed->resolved_config()["nonlinearity_ltp"].as<double>(), 3.0);
  EXPECT_DOUBLE_EQ(changed->resolved_config()["nonlinearity_ltd"].as<double>(), -4.88);
  EXPECT_EQ(changed->resolved_config()["type"].as<std::string>(), "neurosim_nonlinear");
}

TEST(DeviceFactoryTest, EveryPresetBuilds) {
  for (const std::string& name : preset_names()) {
    EXPECT_NO_THROW(make("{preset: " + name + "}")) << name;
  }
}

TEST(DeviceFactoryTest, UnknownPresetListsKnownOnes) {
  expect_error_names("{preset: nosuch}", "preset", "agsi");
}

// Found probing the experiment fuzzer by hand (fuzz/corpus/experiment/bad_long_preset.yaml): a
// name longer than the file system allows made std::filesystem::is_regular_file throw.
TEST(DeviceFactoryTest, PresetNameTooLongForAFileIsAConfigError) {
  const std::string message = config_error("{preset: " + std::string(300, 'a') + "}");
  EXPECT_NE(message.find("test.yaml:1:10: preset: expected a device preset in"), std::string::npos)
      << message;
}

TEST(DeviceFactoryTest, UnknownTypeListsKnownOnes) {
  expect_error_names("{type: memristor9000}", "type", "neurosim_nonlinear");
}

TEST(DeviceFactoryTest, MissingTypeIsReported) {
  expect_error_names("{levels: 3}", "type", "missing");
}

TEST(DeviceFactoryTest, NegativeConductanceNamesTheKey) {
  expect_error_names("{type: ideal, g_min_siemens: -1e-6}", "g_min_siemens", ">= 0");
  expect_error_names("{type: ideal, g_max_siemens: -1e-6}", "g_max_siemens", "> 0");
}

TEST(DeviceFactoryTest, GminNotBelowGmaxNamesTheKey) {
  expect_error_names("{type: neurosim_nonlinear, g_min_siemens: 5e-6, g_max_siemens: 1e-6}",
                     "g_min_siemens", "below g_max_siemens");
}

TEST(DeviceFactoryTest, ZeroLevelsNamesTheKey) {
  expect_error_names("{type: neurosim_nonlinear, levels_ltp: 0}", "levels_ltp", ">= 2");
  expect_error_names("{type: ideal, levels: 1}", "levels", "at least 2");
  expect_error_names("{type: sram, bits: 0}", "bits", "in [1, 16]");
}

TEST(DeviceFactoryTest, UnknownKeyNamesItAndTheFile) {
  const std::string message = config_error("{preset: agsi, nonlinearity: 3}");
  EXPECT_NE(message.find("test.yaml:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key \"nonlinearity\""), std::string::npos) << message;
}

TEST(DeviceFactoryTest, BadValueInsidePresetPointsAtThePresetFile) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "cimsim_presets_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.yaml") << "type: ideal\ng_max_siemens: lots\n";
  try {
    make_device(core::ConfigNode::parse("{preset: broken}", "test.yaml"), {dir});
    FAIL() << "expected a ConfigError";
  } catch (const core::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("broken.yaml:2:"), std::string::npos) << message;
    EXPECT_NE(message.find("g_max_siemens"), std::string::npos) << message;
  }
  std::filesystem::remove_all(dir);
}

TEST(DeviceFactoryTest, DuplicateKeyInAPresetFileIsRefusedThere) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "cimsim_presets_dup";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "twice.yaml") << "type: ideal\ng_max_siemens: 1e-6\ng_max_siemens: 2e-6\n";
  try {
    make_device(core::ConfigNode::parse("{preset: twice}", "test.yaml"), {dir});
    FAIL() << "expected a ConfigError";
  } catch (const core::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("twice.yaml:3:1: g_max_siemens: duplicate key"), std::string::npos)
        << message;
    EXPECT_NE(message.find("first given at " + (dir / "twice.yaml").string() + ":2:1"),
              std::string::npos)
        << message;
  }
  std::filesystem::remove_all(dir);
}

TEST(DeviceFactoryTest, PiecewiseListsAreValidated) {
  expect_error_names("{type: piecewise_step, piecewise_up: [1, 2], piecewise_down: [1]}",
                     "piecewise_down", "as many nodes");
  expect_error_names("{type: piecewise_step, piecewise_up: [1, -2], piecewise_down: [1, 1]}",
                     "piecewise_up[1]", ">= 0");
  // Found probing the experiment fuzzer by hand, by its resolved-config check (fuzz/corpus/
  // experiment/bad_piecewise_overflow.yaml): 1e300 became an inf float node, resolved to ".inf".
  expect_error_names("{type: piecewise_step, piecewise_up: [1e300, 0], piecewise_down: [0, 1]}",
                     "piecewise_up[0]", "<= 3.4e38");
  expect_error_names("{type: constant_step, piecewise_up: [1]}", "piecewise_up", "unknown key");
}

// Wear is counted in an int per cell: a larger endurance wrapped to a negative one, which froze
// every cell at its first pulse.
TEST(DeviceFactoryTest, EnduranceFitsTheWearCounter) {
  expect_error_names("{type: ideal, endurance_pulses: 3000000000}", "endurance_pulses",
                     "in [0, 2147483647]");
}

TEST(DeviceFactoryTest, FaultFractionsMustNotExceedOne) {
  expect_error_names("{type: ideal, stuck_at_g_min_fraction: 0.6, dead_fraction: 0.6}",
                     "dead_fraction", "must not exceed 1");
}

TEST(DeviceFactoryTest, DescriptionsListEveryModelAndPreset) {
  const std::string devices = describe_devices();
  for (const auto& e : device_registry().entries()) {
    EXPECT_NE(devices.find(e.name + ": "), std::string::npos) << e.name;
  }
  EXPECT_NE(devices.find("g_max_siemens"), std::string::npos);
  EXPECT_NE(devices.find("[S]"), std::string::npos);
  const std::string presets = describe_presets();
  for (const std::string& name : preset_names()) {
    EXPECT_NE(presets.find(name + " ("), std::string::npos) << name;
  }
}

// Device reals that a model keeps as float (cell arrays, float factors) and the range each must
// then have: 1e39 would become inf there.
const std::map<std::string, std::string>& float_keys() {
  static const std::map<std::string, std::string> keys = [] {
    const std::string positive = "> 0 (at most 3.4e38, a float)";
    const std::string non_negative = ">= 0 (at most 3.4e38, a float)";
    const std::string signed_float = "of magnitude at most 3.4e38 (a float)";
    std::map<std::string, std::string> k;
    for (const char* key :
         {"g_max_siemens", "step_fraction", "dw_min", "pow_gamma", "drift_t0_s", "read_time_s"}) {
      k[key] = positive;
    }
    for (const char* key :
         {"g_min_siemens",  "read_noise_std",   "program_noise_std", "c2c_std",
          "up_down_dtod",   "dw_min_dtod",      "dw_min_std",        "w_min_dtod",
          "w_max_dtod",     "write_noise_std",  "gamma_up_dtod",     "gamma_down_dtod",
          "pow_gamma_dtod", "pow_up_down_dtod", "set_step_dtod",     "set_step_std",
          "g_max_dtod",     "drift_nu_mean",    "drift_nu_std",      "read_1f_q"}) {
      k[key] = non_negative;
    }
    for (const char* key : {"w_min", "w_max", "gamma_up", "gamma_down", "a_es", "b_es", "a_up",
                            "a_down", "prog_noise_c0", "prog_noise_c1", "prog_noise_c2"}) {
      k[key] = signed_float;
    }
    return k;
  }();
  return keys;
}

// Every real of every registered model set to 1e39: a float-kept one is refused with its range;
// any other one is refused by a narrower range or builds cells that stay finite when pulsed,
// programmed, read and drifted (so a new float-kept key without a float range fails here).
TEST(DeviceFactoryTest, RealsKeptAsFloatAreRefusedAboveFloatRange) {
  std::set<std::string> seen;
  for (const auto& entry : device_registry().entries()) {
    const std::string base = entry.name == "lookup"
                                 ? "{type: lookup, csv_file: " + testing::synthetic_csv()
                                 : "{type: " + entry.name;
    for (const core::ParamSpec& spec : entry.params.specs()) {
      if (spec.kind != core::ParamKind::kReal) continue;
      const std::string yaml = base + ", " + spec.key + ": 1e39}";
      const std::string message = config_error(yaml);
      const auto expected = float_keys().find(spec.key);
      if (expected != float_keys().end()) {
        seen.insert(spec.key);
        EXPECT_NE(message.find(spec.key + ": expected a number " + expected->second),
                  std::string::npos)
            << yaml << " -> " << message;
        EXPECT_NE(message.find("got \"1e39\""), std::string::npos) << message;
        continue;
      }
      if (!message.empty()) {
        EXPECT_NE(message.find(spec.key), std::string::npos) << yaml << " -> " << message;
        continue;
      }
      const auto model = make(yaml);
      core::Rng rng(3);
      CellBlock block = model->make_block(4, 4, rng);
      PulseArray pulses(4, 4);
      pulses << 1, -1, 3, -3, 5, 0, -5, 2, 1, 1, -1, -1, 8, -8, 0, 4;
      model->apply_pulses(block, pulses, rng);
      EXPECT_TRUE(block.g.allFinite()) << yaml;
      model->program(
          block, CellArray::Constant(4, 4, static_cast<float>(model->info().g_max_siemens)), rng);
      model->drift(block, 10.0);
      CellArray read;
      model->read(block, read, rng);
      EXPECT_TRUE(block.g.allFinite() && read.allFinite()) << yaml;
    }
  }
  for (const auto& [key, range] : float_keys()) {
    EXPECT_TRUE(seen.count(key)) << "no model has " << key;
  }
}

TEST(DeviceFactoryTest, ShapeMismatchIsAnError) {
  const auto model = make("{type: ideal}");
  core::Rng rng(1);
  CellBlock block = model->make_block(2, 3, rng);
  EXPECT_THROW(model->apply_pulses(block, PulseArray::Zero(3, 2), rng), std::invalid_argument);
  EXPECT_THROW(model->program(block, CellArray::Zero(2, 2), rng), std::invalid_argument);
  EXPECT_THROW(model->drift(block, -1.0), std::invalid_argument);
}

}  // namespace
}  // namespace cimsim::devices
