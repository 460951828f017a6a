#include "sim/cost/estimate_counts.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/cost/floorplan.hpp"

#include "rule_paths.hpp"

namespace cimsim::sim::cost {
namespace {

TEST(EstimateCounts, OneTileByHand) {
  // 128 inputs x 32 outputs fill exactly one default tile: 8-bit bit-serial inputs, 2 cells per
  // weight, differential (128 physical columns), 8 columns per 5-bit ADC.
  const NetworkShape shape = mlp_shape({128, 32}, false, dfa_path(), 1, 1);
  const TileSpec tile;
  CostSpec cost;
  cost.input_bit_density = 0.5;
  const EstimatedCounts c = estimate_counts(shape, tile, cost);
  const PhaseCounts& f = c.training.layers[0][Phase::kForward];
  EXPECT_DOUBLE_EQ(f.row_activations, 128 * 8 * 0.5);  // rows x cycles x bit density
  EXPECT_DOUBLE_EQ(f.input_bit_cycles, 128 * 8);
  EXPECT_DOUBLE_EQ(f.cell_reads, 128 * 8 * 0.5 * 128);  // active rows x columns
  EXPECT_DOUBLE_EQ(f.column_reads, 128 * 8);            // every column once per cycle
  EXPECT_DOUBLE_EQ(f.adc_conversions_by_bits[5], 128 * 8);
  EXPECT_DOUBLE_EQ(f.adc_conversions(), 128 * 8);
  EXPECT_DOUBLE_EQ(f.read_steps, 8 * 8);        // cycles x mux positions
  EXPECT_DOUBLE_EQ(f.adder_ops, 32 * (4 - 1));  // 4 columns merged per output
  EXPECT_DOUBLE_EQ(f.activation_ops, 32);
  EXPECT_DOUBLE_EQ(c.inference.layers[0][Phase::kForward].cell_reads, f.cell_reads);

  // Update: rows whose input is nonzero (1 - 0.5^8), every cell of them pulsed once.
  const double rows = 128 * (1 - std::pow(0.5, 8));
  const PhaseCounts& u = c.training.layers[0][Phase::kWeightUpdate];
  EXPECT_DOUBLE_EQ(u.cells_programmed, rows * 32 * 2);
  EXPECT_DOUBLE_EQ(u.ltp_pulses + u.ltd_pulses, rows * 32 * 2);
  EXPECT_DOUBLE_EQ(u.write_slots, rows * 2);  // LTP and LTD phase per row
  EXPECT_DOUBLE_EQ(u.write_batches, rows);    // one driver per column: a row is one batch
  EXPECT_DOUBLE_EQ(u.write_row_selects, rows * 2);
  EXPECT_DOUBLE_EQ(c.training.layers[0][Phase::kWeightGradient].digital_macs,
                   32 * 128 * (1 - std::pow(0.5, 8)));

  // 16 columns per write driver: each row in 16 batches, one after another.
  TileSpec shared = tile;
  shared.cols_per_write_driver = 16;
  const EstimatedCounts batched = estimate_counts(shape, shared, cost);  // owns the counts
  const PhaseCounts& b = batched.training.layers[0][Phase::kWeightUpdate];
  EXPECT_DOUBLE_EQ(b.write_batches, rows * 16);
  EXPECT_DOUBLE_EQ(b.write_row_selects, rows * 16 * 2);
  EXPECT_DOUBLE_EQ(b.write_slots, rows * 16 * 2);
  EXPECT_DOUBLE_EQ(b.ltp_pulses + b.ltd_pulses, u.ltp_pulses + u.ltd_pulses);
}

TEST(EstimateCounts, TrainersUseTheirOwnFeedbackPaths) {
  const TileSpec tile;
  CostSpec cost;
  const auto counts = [&](TrainingRule trainer) {
    return estimate_counts(mlp_shape({100, 64, 64, 10}, false, trainer, 1, 1), tile, cost).training;
  };
  const EventCounts bp = counts(bp_path());
  const EventCounts dfa = counts(dfa_path());
  const EventCounts drtp = counts(drtp_path());
  // BP reads W_2, W_3 transposed; layer 1 passes nothing down.
  EXPECT_EQ(bp.layers[0][Phase::kErrorPropagation].read_steps, 0);
  EXPECT_GT(bp.layers[1][Phase::kErrorPropagation].read_steps, 0);
  EXPECT_EQ(bp.layers[1].feedback.digital_macs, 0);
  // DFA: B_l e in digital MACs (10 x 64 each) for layers 1 and 2, none for the output layer.
  EXPECT_DOUBLE_EQ(dfa.layers[0].feedback.digital_macs, 10 * 64);
  EXPECT_DOUBLE_EQ(dfa.layers[2].feedback.digital_macs, 0);
  EXPECT_EQ(dfa.layers[1][Phase::kErrorPropagation].read_steps, 0);
  // DRTP selects one column of B: no multiplications, 64 entries read.
  EXPECT_DOUBLE_EQ(drtp.layers[0].feedback.digital_macs, 0);
  EXPECT_DOUBLE_EQ(drtp.layers[0].feedback.buffer_read_bits, 64 * 8 + 10 * 1);
  // A batch of 4 programs once: a quarter of the pulses per sample (rows nonzero in any sample).
  const EventCounts batch4 =
      estimate_counts(mlp_shape({100, 64, 64, 10}, false, dfa_path(), 4, 1), tile, cost).training;
  EXPECT_LT(batch4.layers[0][Phase::kWeightUpdate].ltp_pulses,
            0.26 * dfa.layers[0][Phase::kWeightUpdate].ltp_pulses);
}

TEST(EstimateCounts, DigitalBackwardMultipliesInsteadOfReadingTransposed) {
  const TileSpec tile;
  CostSpec cost;
  const NetworkShape shape = mlp_shape({100, 64, 10}, false, bp_path(), 1, 1);
  const EventCounts analog = estimate_counts(shape, tile, cost).training;
  cost.transposed_reads = false;  // hardware.crossbar.backward: digital
  const EventCounts digital = estimate_counts(shape, tile, cost).training;
  const PhaseCounts& a = analog.layers[1][Phase::kErrorPropagation];
  const PhaseCounts& d = digital.layers[1][Phase::kErrorPropagation];
  EXPECT_GT(a.read_steps, 0);
  EXPECT_EQ(d.read_steps, 0);
  EXPECT_EQ(d.adc_conversions(), 0);
  EXPECT_DOUBLE_EQ(d.digital_macs - a.digital_macs, 64 * 10);
  EXPECT_DOUBLE_EQ(digital.layers[0][Phase::kErrorPropagation].digital_macs,
                   analog.layers[0][Phase::kErrorPropagation].digital_macs);
}

// The analog read counters of a phase, each divided by the same counter of `dense`.
void expect_reads_scaled(const PhaseCounts& conv, const PhaseCounts& dense, double factor) {
  EXPECT_DOUBLE_EQ(conv.row_activations, factor * dense.row_activations);
  EXPECT_DOUBLE_EQ(conv.input_bit_cycles, factor * dense.input_bit_cycles);
  EXPECT_DOUBLE_EQ(conv.cell_reads, factor * dense.cell_reads);
  EXPECT_DOUBLE_EQ(conv.column_reads, factor * dense.column_reads);
  EXPECT_DOUBLE_EQ(conv.adc_conversions(), factor * dense.adc_conversions());
  EXPECT_DOUBLE_EQ(conv.read_steps, factor * dense.read_steps);
  EXPECT_DOUBLE_EQ(conv.shift_add_ops, factor * dense.shift_add_ops);
  EXPECT_DOUBLE_EQ(conv.interconnect_bits, factor * dense.interconnect_bits);
  EXPECT_GT(dense.read_steps, 0);
}

TEST(EstimateCounts, ConvLayerReadsItsTilesOncePerPosition) {
  // The same 19 x 3 matrix (2 x 3 x 3 kernels + bias), as the second layer of a network: as a
  // conv layer over a 4 x 4 map (2 x 2 = 4 positions) and as a dense layer.
  const LayerShape conv =
      conv_layer_shape({.channels_in = 2, .height = 4, .width = 4, .channels_out = 3, .kernel = 3});
  const LayerShape dense = dense_layer_shape(18, 3, true);
  ASSERT_EQ(conv.inputs, dense.inputs);
  ASSERT_EQ(conv.positions, 4);
  NetworkShape conv_net;
  conv_net.layers = {
      conv_layer_shape({.channels_in = 1, .height = 4, .width = 4, .channels_out = 2, .kernel = 1}),
      conv};
  NetworkShape dense_net;
  dense_net.layers = {dense_layer_shape(5, 18, true), dense};
  const TileSpec tile;
  const CostSpec cost;
  const EventCounts c = estimate_counts(conv_net, tile, cost).training;
  const EventCounts d = estimate_counts(dense_net, tile, cost).training;
  expect_reads_scaled(c.layers[1][Phase::kForward], d.layers[1][Phase::kForward], 4);
  EXPECT_DOUBLE_EQ(c.layers[1][Phase::kForward].activation_ops, 4 * 3);
  // BP's transposed reads, once per position too.
  expect_reads_scaled(c.layers[1][Phase::kErrorPropagation], d.layers[1][Phase::kErrorPropagation],
                      4);
  // The gradient sums the outer products of the 4 positions.
  EXPECT_DOUBLE_EQ(c.layers[1][Phase::kWeightGradient].digital_macs,
                   4 * d.layers[1][Phase::kWeightGradient].digital_macs);
}

TEST(EstimateCounts, SmallConvNetworkByHand) {
  // Layer 1: 1 x 1 conv over 6 x 6 (36 positions, W 2 x 1), then 2 x 2 pooling to 3 x 3.
  // Layer 2: 2 x 2 conv 1 -> 2 channels over that 3 x 3 map: 2 x 2 positions, W 5 x 2.
  // Layer 3: dense 8 -> 10. BP, batch 1, default tile (8-bit bit-serial inputs, 8 physical
  // columns for 2 outputs, 8 columns per ADC, 2 slices), bit densities 0.5.
  NetworkShape shape;
  shape.layers = {
      conv_layer_shape({.height = 6, .width = 6, .channels_out = 1, .kernel = 1, .pool = 2}),
      conv_layer_shape({.height = 3, .width = 3, .channels_out = 2, .kernel = 2}),
      dense_layer_shape(8, 10, true)};
  const TileSpec tile;
  const CostSpec cost;
  const EventCounts c = estimate_counts(shape, tile, cost).training;

  // Pooling after layer 1: 9 windows x 3 comparisons; the 36-value map read, 9 values written.
  const PhaseCounts pool = pooling_counts(shape, 0, tile);
  EXPECT_DOUBLE_EQ(pool.pooling_ops, 27);
  EXPECT_DOUBLE_EQ(pool.buffer_read_bits, 36 * 8);
  EXPECT_DOUBLE_EQ(pool.buffer_write_bits, 9 * 8);
  const PhaseCounts& f1 = c.layers[0][Phase::kForward];
  EXPECT_DOUBLE_EQ(f1.pooling_ops, 27);
  EXPECT_DOUBLE_EQ(f1.buffer_read_bits, 36 * 2 * 8 + 36 * 8);  // patches (incl. bias), the map
  EXPECT_DOUBLE_EQ(pooling_counts(shape, 1, tile).pooling_ops, 0);

  // Layer 2 forward, per position: 5 rows x 8 cycles x 0.5 driven, 8 columns sensed per cycle,
  // 8 cycles x 8 mux positions; times 4 positions.
  const PhaseCounts& f2 = c.layers[1][Phase::kForward];
  EXPECT_DOUBLE_EQ(f2.row_activations, 4 * 5 * 8 * 0.5);
  EXPECT_DOUBLE_EQ(f2.cell_reads, 4 * 5 * 8 * 0.5 * 8);
  EXPECT_DOUBLE_EQ(f2.column_reads, 4 * 8 * 8);
  EXPECT_DOUBLE_EQ(f2.read_steps, 4 * 8 * 8);
  EXPECT_DOUBLE_EQ(f2.adder_ops, 4 * 2 * (4 - 1));
  EXPECT_DOUBLE_EQ(f2.activation_ops, 4 * 2);
  EXPECT_DOUBLE_EQ(f2.buffer_read_bits, 4 * 5 * 8);
  EXPECT_DOUBLE_EQ(f2.buffer_write_bits, 4 * 2 * 8);

  // Layer 2's error unit (BP): col2im merges 4 patches of 4 values into the 9-value map
  // (corners 1, edges 2, centre 4 contributions: 16 - 9 = 7 additions); the error goes back
  // through layer 1's pooling to its 36-value map (36 routings, the 9 maxima read) and is
  // multiplied by f' there: 9 + bias 1 + (36 - 9) = 37 products.
  const PhaseCounts e2 = error_unit_counts(shape, 1, tile, cost);
  EXPECT_DOUBLE_EQ(e2.adder_ops, 7);
  EXPECT_DOUBLE_EQ(e2.pooling_ops, 36);
  EXPECT_DOUBLE_EQ(e2.digital_macs, 37);
  EXPECT_DOUBLE_EQ(e2.buffer_read_bits, 7 * 8 + 9 * 8 + 8 * 8 + 37 * 8);
  EXPECT_DOUBLE_EQ(e2.buffer_write_bits, 7 * 8 + 37 * 8);
  // Its transposed reads, per position: 8 columns x 8 cycles x 0.5 driven, 5 rows sensed in 2
  // slice passes, 8 cycles x 2 passes x 8 mux positions.
  const PhaseCounts& t2 = c.layers[1][Phase::kErrorPropagation];
  EXPECT_DOUBLE_EQ(t2.row_activations, 4 * 8 * 8 * 0.5);
  EXPECT_DOUBLE_EQ(t2.column_reads, 4 * 5 * 8 * 2);
  EXPECT_DOUBLE_EQ(t2.read_steps, 4 * 8 * 2 * 8);
  // Layer 3 (dense, last): the output error (10 products), then 8 + bias products for layer 2.
  EXPECT_DOUBLE_EQ(error_unit_counts(shape, 2, tile, cost).digital_macs, 10 + 9);

  // Layer 2's gradient: 2 x 5 products per position; each position after the first adds its
  // products to the stored gradient (read and write of 10 x 8 bits).
  const double x_nonzero = 1 - std::pow(0.5, 8);
  const PhaseCounts& g2 = c.layers[1][Phase::kWeightGradient];
  EXPECT_DOUBLE_EQ(g2.digital_macs, 4 * 2 * 5 * x_nonzero);
  EXPECT_DOUBLE_EQ(g2.buffer_read_bits, 4 * (5 * 8 + 2 * 8) + 3 * 10 * 8);
  EXPECT_DOUBLE_EQ(g2.buffer_write_bits, 3 * 10 * 8);
  // A row is programmed if its input is nonzero in any of the 4 positions.
  const double rows = 5 * (1 - std::pow(1 - x_nonzero, 4));
  EXPECT_DOUBLE_EQ(c.layers[1][Phase::kWeightUpdate].cells_programmed, rows * 2 * 2);
}

TEST(EstimateCounts, SparseAndLearnedFeedback) {
  // MLP 100-64-10 with B_1 (64 x 10) in SRAM, 8-bit entries.
  const TileSpec tile;
  CostSpec cost;
  TrainingRule sparse = dfa_path();
  sparse.path.feedback_row_nonzeros = 2;
  const NetworkShape shape = mlp_shape({100, 64, 10}, false, sparse, 4, 1);
  const LayerShape b = *feedback_shape(shape, 0);
  // Two nonzeros a row, each with a 4-bit column index (10 columns).
  EXPECT_DOUBLE_EQ(feedback_sram_bits(b, sparse.path, 8), 64 * 2 * (8 + 4));
  EXPECT_DOUBLE_EQ(feedback_sram_bits(b, dfa_path().path, 8), 64 * 10 * 8);
  const EventCounts s = estimate_counts(shape, tile, cost).training;
  EXPECT_DOUBLE_EQ(s.layers[0].feedback.digital_macs, 64 * 2);
  EXPECT_DOUBLE_EQ(s.layers[0].feedback.buffer_read_bits, 64 * 2 * 12 + 10 * 8);
  EXPECT_DOUBLE_EQ(s.layers[0].feedback_update.digital_macs, 0);  // fixed B

  // A learned B chained through W^T's place (FA's shape): programmed once per batch; on tiles
  // with the same pulses per cell as W, its rows driven by the error.
  TrainingRule learned = fa_path();
  learned.path.feedback_learned = true;
  const NetworkShape kp = mlp_shape({100, 64, 10}, false, learned, 4, 1);
  const EventCounts digital = estimate_counts(kp, tile, cost).training;
  EXPECT_DOUBLE_EQ(digital.layers[1].feedback_update.digital_macs, 10 * 64 / 4.0);
  EXPECT_DOUBLE_EQ(digital.layers[1].feedback_update.buffer_write_bits, 10 * 64 * 8 / 4.0);
  cost.feedback_storage = FeedbackStorage::kAnalog;
  const EventCounts analog = estimate_counts(kp, tile, cost).training;
  const double delta_nonzero = 1 - std::pow(0.5, 8);
  const double rows = 10 * (1 - std::pow(1 - delta_nonzero, 4));
  EXPECT_DOUBLE_EQ(analog.layers[1].feedback_update.cells_programmed,
                   rows * 64 * static_cast<double>(tile.cells_per_weight()) / 4);
  EXPECT_GT(analog.layers[1].feedback_update.write_slots, 0);
  EXPECT_DOUBLE_EQ(analog.layers[0].feedback_update.cells_programmed, 0);  // layer 1 owns no B
}

TEST(EstimateCounts, ConvFeedbackPaths) {
  // Two conv layers (6 x 8 x 8 = 384 and 4 x 6 x 6 = 144 output values) and a dense output.
  const auto shape = [](TrainingRule trainer) {
    NetworkShape s;
    s.layers = {
        conv_layer_shape({.height = 8, .width = 8, .channels_out = 6, .kernel = 3, .padding = 1}),
        conv_layer_shape(
            {.channels_in = 6, .height = 8, .width = 8, .channels_out = 4, .kernel = 3}),
        dense_layer_shape(144, 10, true)};
    s.rule = trainer;
    return s;
  };
  const TileSpec tile;
  const CostSpec cost;
  // DFA: B_1 maps the 10 outputs to layer 1's whole map, read once: 10 x 384 MACs; f' over it.
  const NetworkShape dfa = shape(dfa_path());
  const std::optional<LayerShape> b1 = feedback_shape(dfa, 0);
  ASSERT_TRUE(b1.has_value());
  EXPECT_EQ(b1->inputs, 10);
  EXPECT_EQ(b1->outputs, 384);
  EXPECT_EQ(b1->positions, 1);
  const EventCounts d = estimate_counts(dfa, tile, cost).training;
  EXPECT_DOUBLE_EQ(d.layers[0].feedback.digital_macs, 10 * 384);
  EXPECT_DOUBLE_EQ(d.layers[1].feedback.digital_macs, 10 * 144);
  EXPECT_DOUBLE_EQ(error_unit_counts(dfa, 0, tile, cost).digital_macs, 384);
  // FA: B_2 has W_2^T's shape (4 x 55) and is read once per position (36), as W_2^T in BP.
  const NetworkShape fa = shape(fa_path());
  const std::optional<LayerShape> b2 = feedback_shape(fa, 1);
  ASSERT_TRUE(b2.has_value());
  EXPECT_EQ(b2->inputs, 4);
  EXPECT_EQ(b2->outputs, 55);
  EXPECT_EQ(b2->positions, 36);
  const EventCounts f = estimate_counts(fa, tile, cost).training;
  EXPECT_DOUBLE_EQ(f.layers[1].feedback.digital_macs, 4 * 55 * 36);
  CostSpec analog = cost;
  analog.feedback_storage = FeedbackStorage::kAnalog;
  const EventCounts fa_analog = estimate_counts(fa, tile, analog).training;
  EXPECT_DOUBLE_EQ(fa_analog.layers[1].feedback.read_steps, 36 * 8 * 8);
}

}  // namespace
}  // namespace cimsim::sim::cost
