// Event counts of one analog read of a crossbar array (forward, transposed or inference).
#pragma once

#include <Eigen/Core>

#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim {

// What a read drove and sensed.
struct ReadShape {
  Eigen::Index lines = 0;       // driven lines (inputs, or outputs in a transposed read)
  Eigen::Index outputs = 0;     // results per sample
  Eigen::Index line_tiles = 0;  // tiles along the driven lines
  Eigen::Index cycles = 0;      // input cycles (bit planes and sign cycles)
  Eigen::Index batch = 0;       // samples
  double active_lines = 0;      // lines driven with a nonzero input bit, summed over cycles
  int slices = 1;               // cells per weight side (bit slices)
};

// Adds the read's row activations, input cycles, cell and column reads, ADC conversions, read
// steps, shift-adds, adder ops and buffer and bus traffic to `counts`.
void count_read(const ReadShape& read, const TileSpec& tile, PhaseCounts& counts);

}  // namespace cimsim::sim
