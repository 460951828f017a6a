// The registry type that maps a device `type:` name to its factory. Each model file declares a
// `register_..._device(DeviceRegistry&)` function; device_factory.cpp calls them all explicitly.
#pragma once

#include <memory>

#include "devices/device_model.hpp"
#include "sim/core/registry.hpp"

namespace cimsim::devices {

// Factory arguments: the merged device config node (for error positions) and its values, already
// validated against the entry's ParamTable.
using DeviceRegistry =
    core::Registry<std::unique_ptr<DeviceModel>, const core::ConfigNode&, const core::ParamValues&>;

// A resolved-config YAML map: `type` followed by every parameter value.
YAML::Node resolved_yaml(const std::string& type, const core::ParamValues& values);

}  // namespace cimsim::devices
