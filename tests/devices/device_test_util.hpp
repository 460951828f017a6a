// Helpers shared by the device tests.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <memory>
#include <string>

#include "devices/device_factory.hpp"
#include "sim/core/config.hpp"
#include "sim/core/rng.hpp"

namespace cimsim::devices::testing {

// The synthetic example curve shipped with the presets.
inline std::string synthetic_csv() {
  return std::string(CIMSIM_SOURCE_DIR) + "/configs/devices/data/synthetic_lookup.csv";
}

inline std::unique_ptr<DeviceModel> make(const std::string& yaml) {
  return make_device(core::ConfigNode::parse(yaml, "test.yaml"));
}

// The message of the ConfigError `yaml` raises, or "" if it builds.
inline std::string config_error(const std::string& yaml) {
  try {
    make(yaml);
  } catch (const core::ConfigError& e) {
    return e.what();
  }
  return "";
}

inline double mean(const Eigen::ArrayXXf& a) { return a.cast<double>().mean(); }

inline double stddev(const Eigen::ArrayXXf& a) {
  const Eigen::ArrayXXd d = a.cast<double>();
  return std::sqrt((d - d.mean()).square().sum() / static_cast<double>(d.size() - 1));
}

}  // namespace cimsim::devices::testing
