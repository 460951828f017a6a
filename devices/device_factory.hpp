// Building device models from configs, and the preset library.
//
// A device config is a map with `type:` (a registered model) and that model's parameters, or a
// `preset:` naming a YAML file in the presets folder (configs/devices/<name>.yaml) plus any
// overrides: `device: {preset: agsi, nonlinearity_ltp: 3}`. Keys from the preset keep the preset
// file as their origin in error messages. Preset files may carry a one-line `description:`.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "devices/device_model.hpp"
#include "devices/device_registry.hpp"
#include "sim/core/config.hpp"

namespace cimsim::devices {

// Every built-in model, registered by explicit calls (no static self-registration).
const DeviceRegistry& device_registry();

// configs/devices under the source tree (CIMSIM_SOURCE_DIR).
std::filesystem::path default_presets_dir();

struct DeviceFactoryOptions {
  std::filesystem::path presets_dir = default_presets_dir();
};

// Resolves `preset:` (if any) and returns the merged device map. Unknown presets list the known
// ones; a relative csv_file inside a preset becomes relative to the preset's folder.
core::ConfigNode resolve_device_config(const core::ConfigNode& node,
                                       const DeviceFactoryOptions& options = {});

// Resolves presets, finds `type` in the registry, validates every key (unknown keys, types,
// ranges, cross-key constraints) and builds the model. Throws core::ConfigError naming the key.
std::unique_ptr<DeviceModel> make_device(const core::ConfigNode& node,
                                         const DeviceFactoryOptions& options = {});

// Names of the preset files (without .yaml) in `presets_dir`, sorted.
std::vector<std::string> preset_names(
    const std::filesystem::path& presets_dir = default_presets_dir());

// `cimsim list devices`: every model with its summary and documented parameters.
std::string describe_devices();
// `cimsim list presets`: every preset with its type, description and file.
std::string describe_presets(const std::filesystem::path& presets_dir = default_presets_dir());

}  // namespace cimsim::devices
