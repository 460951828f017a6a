#include "sim/cost/estimate_counts.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace cimsim::sim::cost {
namespace {

TEST(EstimateCounts, OneTileByHand) {
  // 128 inputs x 32 outputs fill exactly one default tile: 8-bit bit-serial inputs, 2 cells per
  // weight, differential (128 physical columns), 8 columns per 5-bit ADC.
  const NetworkShape shape = mlp_shape({128, 32}, false, TrainerKind::kDfa, 1, 1);
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
  EXPECT_DOUBLE_EQ(c.training.layers[0][Phase::kWeightGradient].digital_macs,
                   32 * 128 * (1 - std::pow(0.5, 8)));
}

TEST(EstimateCounts, TrainersUseTheirOwnFeedbackPaths) {
  const TileSpec tile;
  CostSpec cost;
  const auto counts = [&](TrainerKind trainer) {
    return estimate_counts(mlp_shape({100, 64, 64, 10}, false, trainer, 1, 1), tile, cost).training;
  };
  const EventCounts bp = counts(TrainerKind::kBp);
  const EventCounts dfa = counts(TrainerKind::kDfa);
  const EventCounts drtp = counts(TrainerKind::kDrtp);
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
      estimate_counts(mlp_shape({100, 64, 64, 10}, false, TrainerKind::kDfa, 4, 1), tile, cost)
          .training;
  EXPECT_LT(batch4.layers[0][Phase::kWeightUpdate].ltp_pulses,
            0.26 * dfa.layers[0][Phase::kWeightUpdate].ltp_pulses);
}

}  // namespace
}  // namespace cimsim::sim::cost
