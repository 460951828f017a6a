#include "sim/cost/floorplan.hpp"

#include <gtest/gtest.h>

namespace cimsim::sim::cost {
namespace {

Floorplan plan_for(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost) {
  return build_floorplan(shape, tile, cost, build_tile_circuits(tile, cost));
}

NetworkShape one_layer(std::int64_t inputs, std::int64_t outputs,
                       TrainerKind trainer = TrainerKind::kDfa) {
  return mlp_shape({inputs, outputs}, false, trainer, 1, 1000);
}

TEST(Floorplan, MapsWeightsOntoTiles) {
  const TileSpec tile;  // 128 x 128, 2 cells per weight, differential: 32 outputs per tile
  const ArrayMapping m = map_array(400, 100, tile);
  EXPECT_EQ(m.tile_rows, 4);
  EXPECT_EQ(m.tile_cols, 4);
  EXPECT_EQ(m.tiles, 16);
  EXPECT_EQ(m.physical_columns, 400);
  TileSpec reference = tile;
  reference.mapping = WeightMapping::kReference;  // 127 columns, 2 per weight: 63 outputs
  const ArrayMapping r = map_array(128, 100, reference);
  EXPECT_EQ(r.tile_cols, 2);
  EXPECT_EQ(r.physical_columns, 200 + 2);
}

TEST(Floorplan, ArrayAreaIsRowsTimesColsTimesCellAreaPlusPeriphery) {
  const TileSpec tile;
  const CostSpec cost;  // 32 nm, 1T1R 12 F x 4 F
  const Floorplan plan = plan_for(one_layer(128, 32), tile, cost);
  ASSERT_EQ(plan.tiles, 1);
  const double cell_um2 = 48 * 0.032 * 0.032;
  EXPECT_NEAR(plan.area_um2[Component::kCellArray], 128 * 128 * cell_um2, 1e-9);
  EXPECT_GT(plan.chip_area_um2, 128 * 128 * cell_um2);
  EXPECT_NEAR(plan.chip_area_um2, plan.area_um2.total(), 1e-9);
  EXPECT_NEAR(plan.chip_area_um2, plan.layers[0].area_um2.total(), 1e-9);  // one tile: no H-tree
}

TEST(Floorplan, AreaGrowsWithAdcBitsAndTileSize) {
  const CostSpec cost;
  TileSpec tile;
  double previous = 0;
  for (int bits = 1; bits <= 12; ++bits) {
    tile.adc_bits = bits;
    const double area = plan_for(one_layer(256, 256), tile, cost).chip_area_um2;
    EXPECT_GT(area, previous) << bits;
    previous = area;
  }
  // A single tile's area grows with its side.
  previous = 0;
  for (const std::int64_t side : {32, 64, 128, 256, 512}) {
    TileSpec t;
    t.rows = side;
    t.cols = side;
    const double area = plan_for(one_layer(side, side / 4), t, cost).chip_area_um2;
    EXPECT_GT(area, previous) << side;
    previous = area;
  }
}

TEST(Floorplan, FeedbackPathFollowsTheTrainer) {
  const TileSpec tile;
  CostSpec cost;
  const NetworkShape bp = mlp_shape({256, 256, 256, 10}, false, TrainerKind::kBp, 1, 1);
  NetworkShape dfa = bp;
  dfa.trainer = TrainerKind::kDfa;
  const Floorplan p_bp = plan_for(bp, tile, cost);
  const Floorplan p_dfa = plan_for(dfa, tile, cost);
  // BP needs transposed-read periphery on layers 2..L, DFA a B matrix on layers 1..L-1.
  EXPECT_FALSE(p_bp.layers[0].transposed_periphery);
  EXPECT_TRUE(p_bp.layers[1].transposed_periphery);
  EXPECT_DOUBLE_EQ(p_bp.area_um2[Component::kFeedbackPath], 0);
  EXPECT_DOUBLE_EQ(p_dfa.layers[0].feedback_sram_bits, 10 * 256 * 8);
  EXPECT_DOUBLE_EQ(p_dfa.layers[2].feedback_sram_bits, 0);
  EXPECT_GT(p_dfa.area_um2[Component::kFeedbackPath], 0);
  EXPECT_LT(p_dfa.area_um2[Component::kAdc], p_bp.area_um2[Component::kAdc]);
  cost.feedback_storage = FeedbackStorage::kAnalog;
  const Floorplan p_analog = plan_for(dfa, tile, cost);
  ASSERT_TRUE(p_analog.layers[0].feedback_array.has_value());
  EXPECT_EQ(p_analog.layers[0].feedback_array->inputs, 10);
  EXPECT_EQ(p_analog.layers[0].feedback_array->outputs, 256);
  EXPECT_EQ(p_analog.tiles, p_dfa.tiles + 2 * 8);  // two B of 10 x 256: 1 x 8 tiles each
}

}  // namespace
}  // namespace cimsim::sim::cost
