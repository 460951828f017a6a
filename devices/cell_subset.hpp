// Subsets of the cells of a CellBlock. Device models act on every cell independently, so a tile
// can gather just the cells an update touches into a small n x 1 block, let the model pulse it,
// and write the result back: the cost of an update follows the cells that change, not the
// array's size.
#pragma once

#include <vector>

#include "devices/cell_block.hpp"

namespace cimsim::devices {

// An n x 1 block of the cells at column-major linear `indices` of `block` (every per-cell array
// that is in use is carried).
CellBlock gather_cells(const CellBlock& block, const std::vector<Eigen::Index>& indices);
// Writes `part` (from gather_cells with the same `indices`) back into `block`.
void scatter_cells(const CellBlock& part, const std::vector<Eigen::Index>& indices,
                   CellBlock& block);

}  // namespace cimsim::devices
