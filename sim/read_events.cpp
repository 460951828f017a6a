#include "sim/read_events.hpp"

namespace cimsim::sim {

void count_read(const ReadShape& read, const TileSpec& tile, PhaseCounts& counts) {
  const auto b = static_cast<double>(read.batch);
  const auto cycles = static_cast<double>(read.cycles);
  const auto lines = static_cast<double>(read.lines);
  const auto outs = static_cast<double>(read.outputs);
  const auto line_tiles = static_cast<double>(read.line_tiles);
  const double active = read.active_lines;
  const double sensed = outs * static_cast<double>(tile.columns_per_weight());
  const double conversions = outs * read.slices * line_tiles * cycles * b;
  counts.row_activations += active;
  counts.input_bit_cycles += lines * cycles * b;
  counts.cell_reads += active * sensed;
  counts.column_reads += sensed * line_tiles * cycles * b;
  counts.adc_conversions_by_bits[static_cast<std::size_t>(tile.adc_bits)] += conversions;
  counts.read_steps += cycles * static_cast<double>(tile.cols_per_adc) * b;
  counts.shift_add_ops += conversions;
  counts.adder_ops += outs * (line_tiles * read.slices - 1.0) * b;
  const auto bits = static_cast<double>(tile.input_bits);
  counts.buffer_read_bits += lines * bits * b;
  counts.buffer_write_bits += outs * bits * b;
  counts.interconnect_bits += (lines + outs) * bits * b;
}

}  // namespace cimsim::sim
