#include "devices/device_factory.hpp"

#include <algorithm>
#include <sstream>

#include "devices/exact_devices.hpp"
#include "devices/lookup_device.hpp"
#include "devices/neurosim_device.hpp"
#include "devices/pcm_device.hpp"
#include "devices/pulsed_step_device.hpp"
#include "devices/shaped_step_devices.hpp"

namespace cimsim::devices {
namespace {

DeviceRegistry build_registry() {
  DeviceRegistry registry;
  register_exact_devices(registry);
  register_neurosim_device(registry);
  register_linear_step_devices(registry);
  register_shaped_step_devices(registry);
  register_pcm_device(registry);
  register_lookup_device(registry);
  return registry;
}

// Keys a device map may carry besides the model's parameters.
std::vector<std::string> extra_keys(const std::string& type) {
  std::vector<std::string> keys{"type", "description"};
  for (const std::string& k : list_valued_keys(type)) keys.push_back(k);
  return keys;
}

}  // namespace

YAML::Node resolved_yaml(const std::string& type, const core::ParamValues& values) {
  YAML::Node out(YAML::NodeType::Map);
  out["type"] = type;
  for (const auto& entry : values.to_yaml()) out[entry.first] = entry.second;
  return out;
}

const DeviceRegistry& device_registry() {
  static const DeviceRegistry registry = build_registry();
  return registry;
}

std::filesystem::path default_presets_dir() {
  return std::filesystem::path(CIMSIM_SOURCE_DIR) / "configs" / "devices";
}

std::vector<std::string> preset_names(const std::filesystem::path& presets_dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(presets_dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

core::ConfigNode resolve_device_config(const core::ConfigNode& node,
                                       const DeviceFactoryOptions& options) {
  node.require_map();
  const std::optional<core::ConfigNode> preset = node.find("preset");
  if (!preset) return node;
  const std::string name = preset->as_string();
  const std::filesystem::path file = options.presets_dir / (name + ".yaml");
  // The error_code overload: a name too long for the file system must not throw filesystem_error.
  std::error_code error;
  if (name.empty() || name.find('/') != std::string::npos ||
      !std::filesystem::is_regular_file(file, error)) {
    std::string known;
    for (const std::string& n : preset_names(options.presets_dir)) {
      known += (known.empty() ? "" : ", ") + n;
    }
    preset->fail("a device preset in " + options.presets_dir.string() + " (one of: " + known + ")");
  }
  core::ConfigNode base = core::ConfigNode::load_file(file);
  base.require_map();
  // A relative measured-curve path in a preset is relative to the preset's folder.
  if (const auto csv = base.find("csv_file")) {
    const std::filesystem::path path = csv->as_string();
    if (path.is_relative()) {
      YAML::Node yaml = base.yaml();
      yaml["csv_file"] = (file.parent_path() / path).string();
    }
  }
  return node.overlay_on(base, {"preset"});
}

std::unique_ptr<DeviceModel> make_device(const core::ConfigNode& node,
                                         const DeviceFactoryOptions& options) {
  const core::ConfigNode merged = resolve_device_config(node, options);
  const DeviceRegistry::Entry& entry = device_registry().find(merged.at("type"));
  // Check the user's own keys first: merged maps lose the line/column of their keys.
  std::vector<std::string> allowed = extra_keys(entry.name);
  allowed.push_back("preset");
  for (const auto& spec : entry.params.specs()) allowed.push_back(spec.key);
  node.check_keys(allowed);
  const core::ParamValues values = entry.params.read(merged, extra_keys(entry.name));
  return entry.make(merged, values);
}

std::string describe_devices() {
  std::ostringstream out;
  for (const auto& e : device_registry().entries()) {
    out << e.name << ": " << e.summary << "\n" << e.params.describe("    ");
  }
  return out.str();
}

std::string describe_presets(const std::filesystem::path& presets_dir) {
  std::ostringstream out;
  for (const std::string& name : preset_names(presets_dir)) {
    const core::ConfigNode node = core::ConfigNode::load_file(presets_dir / (name + ".yaml"));
    const auto type = node.find("type");
    const auto description = node.find("description");
    out << name << " (" << (type ? type->as_string() : "?") << ")";
    if (description) out << ": " << description->as_string();
    out << "\n    " << (presets_dir / (name + ".yaml")).string() << "\n";
  }
  return out.str();
}

}  // namespace cimsim::devices
