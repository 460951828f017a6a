#include "sim/cost/array_footprint.hpp"

#include <algorithm>

namespace cimsim::sim::cost {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

void add_decoder(CircuitCost& sum, double count, const CircuitCost& decoder) {
  sum.area_um2 += count * decoder.area_um2;
  sum.leakage_w += count * decoder.leakage_w;
}

// Every array a whole tile.
ArrayFootprint fixed_footprint(const ArrayMapping& m, const TileSpec& tile, const TileCircuits& c) {
  ArrayFootprint f;
  const double tiles = static_cast<double>(m.tiles);
  f.cells = tiles * static_cast<double>(tile.rows) * static_cast<double>(tile.cols);
  f.rows = tiles * static_cast<double>(tile.rows);
  f.cols = tiles * static_cast<double>(tile.cols);
  f.read_circuits = m.tiles * c.adcs_per_tile;
  f.read_circuits_per_tile_row = m.tile_cols * c.adcs_per_tile;
  f.transposed_read_circuits = m.tiles * c.transposed_adcs_per_tile;
  f.column_write_drivers = tiles * static_cast<double>(tile.cells_per_write_batch());
  add_decoder(f.row_decoders, tiles, c.row_driver);
  add_decoder(f.column_decoders, tiles, c.column_driver);
  return f;
}

// Each array cut to the rows of its block of inputs and the physical columns of its block of
// outputs (the reference column included); a read circuit per started group of cols_per_adc
// columns, a write driver per started group of cols_per_write_driver columns, decoders for the
// rows and columns there are. Each decoder's area is priced for its own line count.
ArrayFootprint fitted_footprint(const ArrayMapping& m, const TileSpec& tile, const CostSpec& cost,
                                const TileCircuits& c) {
  ArrayFootprint f;
  const std::int64_t outputs_per_tile = tile.weight_columns() / tile.columns_per_weight();
  const std::int64_t references = tile.mapping == WeightMapping::kReference ? 1 : 0;
  const double v_read = cost.electricals.read_voltage_v;
  for (std::int64_t i = 0; i < m.tile_rows; ++i) {
    const std::int64_t rows = std::min(tile.rows, m.inputs - i * tile.rows);
    for (std::int64_t j = 0; j < m.tile_cols; ++j) {
      const std::int64_t outputs = std::min(outputs_per_tile, m.outputs - j * outputs_per_tile);
      const std::int64_t cols = outputs * tile.columns_per_weight() + references;
      f.cells += static_cast<double>(rows * cols);
      f.rows += static_cast<double>(rows);
      f.cols += static_cast<double>(cols);
      f.read_circuits += ceil_div(cols, tile.cols_per_adc);
      if (i == 0) f.read_circuits_per_tile_row += ceil_div(cols, tile.cols_per_adc);
      f.transposed_read_circuits += ceil_div(rows, tile.cols_per_adc);
      f.column_write_drivers += static_cast<double>(ceil_div(cols, tile.cols_per_write_driver));
      const double r = static_cast<double>(rows);
      const double k = static_cast<double>(cols);
      add_decoder(f.row_decoders, 1, row_decoder_driver(c.tech, c.gates, r, c.row_wire, v_read));
      add_decoder(f.column_decoders, 1,
                  row_decoder_driver(c.tech, c.gates, k, c.column_wire, v_read));
    }
  }
  return f;
}

}  // namespace

ArrayFootprint array_footprint(const ArrayMapping& m, const TileSpec& tile, const CostSpec& cost,
                               const TileCircuits& c) {
  return cost.array_shape == ArrayShape::kFitLayer ? fitted_footprint(m, tile, cost, c)
                                                   : fixed_footprint(m, tile, c);
}

}  // namespace cimsim::sim::cost
