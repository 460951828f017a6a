// Programming a weight matrix onto a tile's cells by its mapping (TileSpec::mapping and
// CrossbarSpec): a reference column (w as G - g_ref, or NeuroSim's initial write), a differential
// pair that moves both sides (both start mid-range) or only potentiates (the idle side at g_min),
// or bit slices of a fixed matrix.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "devices/cell_block.hpp"
#include "devices/device_model.hpp"
#include "sim/core/rng.hpp"
#include "sim/crossbar_spec.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim {

// Programs w (outputs x inputs, in [-1, 1] of weight_range) onto `plus` (one block per slice) and
// `minus` (per slice; empty with the reference mapping).
void program_weights(const Eigen::ArrayXXf& w, const TileSpec& tile, const CrossbarSpec& numerics,
                     const devices::DeviceModel& device, std::vector<devices::CellBlock>& plus,
                     std::vector<devices::CellBlock>& minus, core::Rng& rng);

}  // namespace cimsim::sim
