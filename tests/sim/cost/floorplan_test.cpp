#include "sim/cost/floorplan.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "rule_paths.hpp"

namespace cimsim::sim::cost {
namespace {

Floorplan plan_for(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost) {
  return build_floorplan(shape, tile, cost, build_tile_circuits(tile, cost));
}

NetworkShape one_layer(std::int64_t inputs, std::int64_t outputs,
                       TrainingRule trainer = dfa_path()) {
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
  const NetworkShape bp = mlp_shape({256, 256, 256, 10}, false, bp_path(), 1, 1);
  NetworkShape dfa = bp;
  dfa.rule = dfa_path();
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

TEST(Floorplan, DigitalBackwardBuildsNoTransposedPeriphery) {
  const TileSpec tile;
  CostSpec cost;
  const NetworkShape bp = mlp_shape({256, 256, 10}, false, bp_path(), 1, 1);
  const Floorplan analog = plan_for(bp, tile, cost);
  cost.transposed_reads = false;  // hardware.crossbar.backward: digital
  const Floorplan digital = plan_for(bp, tile, cost);
  EXPECT_TRUE(analog.layers[1].transposed_periphery);
  EXPECT_FALSE(digital.layers[1].transposed_periphery);
  for (const Component c : {Component::kRowDriver, Component::kInputDriver, Component::kColumnMux,
                            Component::kAdc, Component::kShiftAdd}) {
    EXPECT_LT(digital.layers[1].area_um2[c], analog.layers[1].area_um2[c]) << to_string(c);
    EXPECT_DOUBLE_EQ(digital.layers[0].area_um2[c], analog.layers[0].area_um2[c]);
  }
}

TEST(Floorplan, ConvLayerKeepsOneTileSetAndBuffersWholeMaps) {
  // conv 6 -> 16, 5 x 5 on 14 x 14 (LeNet's second layer): W is 151 x 16, read at 100 positions.
  const LayerShape conv = conv_layer_shape(
      {.channels_in = 6, .height = 14, .width = 14, .channels_out = 16, .kernel = 5});
  NetworkShape shape;
  shape.layers = {conv};
  shape.rule = dfa_path();
  const TileSpec tile;
  const CostSpec cost;
  const Floorplan plan = plan_for(shape, tile, cost);
  EXPECT_EQ(plan.layers[0].weights.tiles, map_array(151, 16, tile).tiles);  // no replication
  EXPECT_EQ(plan.tiles, 2);
  // Input map 6 x 14 x 14 (+ the bias input): double-buffered, kept for the update, its error;
  // output map 16 x 10 x 10 and its error. 8-bit activations and errors.
  const double n = 6 * 14 * 14 + 1;
  const double m = 16 * 100;
  EXPECT_DOUBLE_EQ(plan.layers[0].buffer_bits, 8 * (3 * n + m) + 8 * (n + m));
  EXPECT_DOUBLE_EQ(plan.area_um2[Component::kPooling], 0);
}

TEST(Floorplan, PoolingUnitsFollowTheNeuronLanes) {
  const TileSpec tile;
  const CostSpec cost;
  const TileCircuits circuits = build_tile_circuits(tile, cost);
  NetworkShape shape;
  shape.layers = {
      conv_layer_shape(
          {.height = 28, .width = 28, .channels_out = 6, .kernel = 5, .padding = 2, .pool = 2}),
      dense_layer_shape(1176, 10, true)};
  const Floorplan plan = build_floorplan(shape, tile, cost, circuits);
  EXPECT_DOUBLE_EQ(plan.layers[0].area_um2[Component::kPooling],
                   static_cast<double>(plan.layers[0].neuron_lanes) * circuits.pooling.area_um2);
  EXPECT_GT(circuits.pooling.area_um2, 0);
  EXPECT_DOUBLE_EQ(plan.layers[1].area_um2[Component::kPooling], 0);
}

TEST(Floorplan, ConvFeedbackMatricesUnderDfaAndFa) {
  NetworkShape shape = lenet5_shape(dfa_path(), 1, 1);
  const TileSpec tile;
  CostSpec cost;
  // DFA: B_1 maps the 10 outputs onto the 6 x 28 x 28 output map (before pooling).
  const Floorplan dfa = plan_for(shape, tile, cost);
  EXPECT_DOUBLE_EQ(dfa.layers[0].feedback_sram_bits, 10.0 * 4704 * 8);
  EXPECT_DOUBLE_EQ(dfa.layers[1].feedback_sram_bits, 10.0 * 1600 * 8);
  cost.feedback_storage = FeedbackStorage::kAnalog;
  const Floorplan dfa_analog = plan_for(shape, tile, cost);
  ASSERT_TRUE(dfa_analog.layers[0].feedback_array.has_value());
  EXPECT_EQ(dfa_analog.layers[0].feedback_array->tiles, 147);  // 10 rows, 4704 / 32 columns
  // FA: B_2 has W_2^T's shape, 16 x 151, one set of tiles like W_2.
  shape.rule = fa_path();
  const Floorplan fa = plan_for(shape, tile, cost);
  EXPECT_FALSE(fa.layers[0].feedback_array.has_value());
  ASSERT_TRUE(fa.layers[1].feedback_array.has_value());
  EXPECT_EQ(fa.layers[1].feedback_array->inputs, 16);
  EXPECT_EQ(fa.layers[1].feedback_array->outputs, 151);
}

TEST(Floorplan, RejectsLayersItCannotPlace) {
  const TileSpec tile;
  const CostSpec cost;
  const auto plan_of = [&](LayerShape layer) {
    NetworkShape shape;
    shape.layers = {layer};
    return plan_for(shape, tile, cost);
  };
  const LayerShape good = dense_layer_shape(10, 10, true);
  EXPECT_NO_THROW(plan_of(good));
  LayerShape bad = good;
  bad.positions = 0;
  EXPECT_THROW(plan_of(bad), std::invalid_argument);
  bad = good;
  bad.input_values = 0;
  EXPECT_THROW(plan_of(bad), std::invalid_argument);
  bad = good;
  bad.pooled_values = 11;  // more than the 10 outputs
  EXPECT_THROW(plan_of(bad), std::invalid_argument);
  bad = good;
  bad.inputs = 1;  // the bias row alone
  EXPECT_THROW(plan_of(bad), std::invalid_argument);
}

}  // namespace
}  // namespace cimsim::sim::cost
