#include "sim/event_counts.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace cimsim::sim {
namespace {

TEST(EventCounts, AddsLayerByLayerAndScales) {
  EventCounts a(2), b(2);
  a.samples = 1;
  b.samples = 3;
  a.layers[0][Phase::kForward].row_activations = 10;
  a.layers[0][Phase::kForward].adc_conversions_by_bits[5] = 4;
  b.layers[0][Phase::kForward].row_activations = 2;
  b.layers[1][Phase::kWeightUpdate].ltp_pulses = 6;
  b.layers[1].feedback.digital_macs = 8;
  b.layers[1][Phase::kForward].pooling_ops = 4;
  a += b;
  EXPECT_DOUBLE_EQ(a.samples, 4);
  EXPECT_DOUBLE_EQ(a.layers[0][Phase::kForward].row_activations, 12);
  EXPECT_DOUBLE_EQ(a.layers[0][Phase::kForward].adc_conversions(), 4);
  const EventCounts one = a.per_sample();
  EXPECT_DOUBLE_EQ(one.samples, 1);
  EXPECT_DOUBLE_EQ(one.layers[0][Phase::kForward].row_activations, 3);
  EXPECT_DOUBLE_EQ(one.layers[1][Phase::kWeightUpdate].ltp_pulses, 1.5);
  EXPECT_DOUBLE_EQ(one.layers[1].feedback.digital_macs, 2);
  EXPECT_DOUBLE_EQ(one.layers[1][Phase::kForward].pooling_ops, 1);
}

TEST(EventCounts, EmptyTakesTheOtherAndMismatchThrows) {
  EventCounts empty;
  EventCounts two(2);
  two.samples = 1;
  two.layers[1][Phase::kForward].cell_reads = 5;
  empty += two;
  EXPECT_EQ(empty.layers.size(), 2u);
  EXPECT_DOUBLE_EQ(empty.layers[1][Phase::kForward].cell_reads, 5);
  EventCounts three(3);
  EXPECT_THROW(three += two, std::invalid_argument);
  EXPECT_THROW(EventCounts(1).per_sample(), std::invalid_argument);
}

}  // namespace
}  // namespace cimsim::sim
