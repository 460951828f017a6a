// Exact cells: `ideal` (linear, noise-free analog cell, continuous or on N equidistant levels)
// and `sram` (an exact N-bit digital cell). Neither has nonlinearity or variation; faults (and,
// for `ideal`, read and programming noise) from the common parameters still apply.
#pragma once

#include "devices/device_registry.hpp"

namespace cimsim::devices {

void register_exact_devices(DeviceRegistry& registry);

}  // namespace cimsim::devices
