// Column subsets of a CellBlock. A tile updates only the physical rows that received input, so it
// gathers those columns of its (outputs x inputs) blocks, lets the device model pulse the small
// block, and writes the result back: the cost of an update follows the cells that can change.
#pragma once

#include <vector>

#include "devices/cell_block.hpp"

namespace cimsim::devices {

// A block holding columns `columns` of `block` (every per-cell array that is in use).
CellBlock gather_columns(const CellBlock& block, const std::vector<Eigen::Index>& columns);
// Writes `part` (from gather_columns with the same `columns`) back into `block`.
void scatter_columns(const CellBlock& part, const std::vector<Eigen::Index>& columns, CellBlock& block);

}  // namespace cimsim::devices
