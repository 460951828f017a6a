// Refresh of potentiation-only differential pairs (Koelmans et al. / Nandakumar et al.): when one
// side of a pair nears its top, read the pair's weight, reset both cells and reprogram the
// difference onto one side. Whole physical rows are refreshed, as a row is the unit of
// programming.
#pragma once

#include <vector>

#include "devices/cell_block.hpp"
#include "devices/device_model.hpp"
#include "sim/core/rng.hpp"
#include "sim/event_counts.hpp"

namespace cimsim::sim {

// Refreshes the physical rows (columns of the outputs x inputs blocks) with a cell of either side
// above threshold_siemens, counting the reads, resets and reprogramming pulses into `write`;
// returns the refreshed rows.
std::vector<Eigen::Index> refresh_saturated_pairs(devices::CellBlock& plus,
                                                  devices::CellBlock& minus,
                                                  const devices::DeviceModel& device,
                                                  double threshold_siemens, core::Rng& rng,
                                                  PhaseCounts& write);

}  // namespace cimsim::sim
