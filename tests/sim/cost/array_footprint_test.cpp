// The arrays a matrix occupies: whole tiles (array_shape: fixed) or arrays cut to the matrix
// (fit_layer), with their rows, columns, read circuits, write drivers and decoders.
#include "sim/cost/array_footprint.hpp"

#include <gtest/gtest.h>

#include "rule_paths.hpp"

namespace cimsim::sim::cost {
namespace {

// MLP+NeuroSim V3.0's arrays in cimsim's terms: 400 x 128 tiles, one cell per weight against a
// reference column, 16 columns per read circuit and per write driver.
TileSpec neurosim_tile() {
  TileSpec tile;
  tile.rows = 400;
  tile.cols = 128;
  tile.cols_per_adc = 16;
  tile.cols_per_write_driver = 16;
  tile.adc_bits = 8;
  tile.adc_type = AdcType::kIntegrateFire;
  tile.input_bits = 1;
  tile.cell_bits = 7;
  tile.weight_bits = 7;
  tile.mapping = WeightMapping::kReference;
  return tile;
}

ArrayFootprint footprint_of(std::int64_t inputs, std::int64_t outputs, ArrayShape shape) {
  const TileSpec tile = neurosim_tile();
  CostSpec cost;
  cost.array_shape = shape;
  return array_footprint(map_array(inputs, outputs, tile), tile, cost,
                         build_tile_circuits(tile, cost));
}

TEST(ArrayFootprint, FixedArraysAreWholeTiles) {
  const ArrayFootprint f = footprint_of(100, 10, ArrayShape::kFixed);
  EXPECT_DOUBLE_EQ(f.cells, 400 * 128);
  EXPECT_DOUBLE_EQ(f.rows, 400);
  EXPECT_DOUBLE_EQ(f.cols, 128);
  EXPECT_EQ(f.read_circuits, 8);
  EXPECT_EQ(f.transposed_read_circuits, 25);
  EXPECT_DOUBLE_EQ(f.column_write_drivers, 8);
}

TEST(ArrayFootprint, FittedArraysTakeTheLayersRowsAndColumns) {
  // NeuroSim's arrayHO: 100 rows, 10 weight columns and the reference column.
  const ArrayFootprint ho = footprint_of(100, 10, ArrayShape::kFitLayer);
  EXPECT_DOUBLE_EQ(ho.cells, 100 * 11);
  EXPECT_DOUBLE_EQ(ho.rows, 100);
  EXPECT_DOUBLE_EQ(ho.cols, 11);
  EXPECT_EQ(ho.read_circuits, 1);
  EXPECT_EQ(ho.read_circuits_per_tile_row, 1);
  EXPECT_EQ(ho.transposed_read_circuits, 7);  // ceil(100 / 16)
  EXPECT_DOUBLE_EQ(ho.column_write_drivers, 1);
  const ArrayFootprint whole = footprint_of(100, 10, ArrayShape::kFixed);
  EXPECT_LT(ho.row_decoders.area_um2, whole.row_decoders.area_um2);
  EXPECT_LT(ho.column_decoders.area_um2, whole.column_decoders.area_um2);
  // arrayIH: 400 x 101, 7 read circuits (the last one for 5 columns).
  const ArrayFootprint ih = footprint_of(400, 100, ArrayShape::kFitLayer);
  EXPECT_DOUBLE_EQ(ih.cells, 400 * 101);
  EXPECT_EQ(ih.read_circuits, 7);
  EXPECT_DOUBLE_EQ(ih.column_write_drivers, 7);
}

TEST(ArrayFootprint, FittedArraysOverSeveralTilesCutOnlyTheLastBlocks) {
  // 500 inputs: blocks of 400 and 100 rows; 200 outputs at 127 per tile: blocks of 127 and 73
  // outputs, 128 and 74 physical columns.
  const ArrayFootprint f = footprint_of(500, 200, ArrayShape::kFitLayer);
  EXPECT_DOUBLE_EQ(f.cells, (400 + 100) * (128 + 74));
  EXPECT_DOUBLE_EQ(f.rows, 2 * 500);
  EXPECT_DOUBLE_EQ(f.cols, 2 * 202);
  EXPECT_EQ(f.read_circuits_per_tile_row, 8 + 5);
  EXPECT_EQ(f.read_circuits, 2 * 13);
  EXPECT_EQ(f.transposed_read_circuits, 2 * (25 + 7));
  const ArrayFootprint fixed = footprint_of(500, 200, ArrayShape::kFixed);
  EXPECT_DOUBLE_EQ(fixed.cells, 4 * 400 * 128);
  EXPECT_EQ(fixed.read_circuits_per_tile_row, 16);
}

TEST(ArrayFootprint, FittedLayerShrinksTheFloorplanButNotAFullTile) {
  const TileSpec tile = neurosim_tile();
  CostSpec cost;
  const NetworkShape shape = mlp_shape({400, 100, 10}, false, bp_path(), 1, 1000);
  const auto plan = [&](ArrayShape s) {
    cost.array_shape = s;
    return build_floorplan(shape, tile, cost, build_tile_circuits(tile, cost));
  };
  const Floorplan fixed = plan(ArrayShape::kFixed);
  const Floorplan fitted = plan(ArrayShape::kFitLayer);
  const double cell_um2 = build_tile_circuits(tile, cost).cell_area_um2;
  EXPECT_NEAR(fitted.area_um2[Component::kCellArray], (400 * 101 + 100 * 11) * cell_um2,
              1e-9 * cell_um2);
  EXPECT_EQ(fitted.layers[0].neuron_lanes, 7);
  EXPECT_EQ(fitted.layers[1].neuron_lanes, 1);
  for (const Component c : {Component::kRowDriver, Component::kInputDriver, Component::kAdc,
                            Component::kWriteDriver, Component::kAdderTree}) {
    EXPECT_LT(fitted.area_um2[c], fixed.area_um2[c]) << to_string(c);
  }
  // A layer that fills its tile is the same either way.
  const NetworkShape full = mlp_shape({400, 127}, false, bp_path(), 1, 1000);
  cost.array_shape = ArrayShape::kFitLayer;
  const double fit_um2 =
      build_floorplan(full, tile, cost, build_tile_circuits(tile, cost)).chip_area_um2;
  cost.array_shape = ArrayShape::kFixed;
  EXPECT_DOUBLE_EQ(
      fit_um2, build_floorplan(full, tile, cost, build_tile_circuits(tile, cost)).chip_area_um2);
}

}  // namespace
}  // namespace cimsim::sim::cost
