#include "sim/cost/network_shape.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "rule_paths.hpp"

namespace cimsim::sim::cost {
namespace {

void expect_same(const LayerShape& a, const LayerShape& b) {
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.outputs, b.outputs);
  EXPECT_EQ(a.positions, b.positions);
  EXPECT_EQ(a.input_values, b.input_values);
  EXPECT_EQ(a.pooled_values, b.pooled_values);
  EXPECT_EQ(a.pool_ops, b.pool_ops);
  EXPECT_EQ(a.bias, b.bias);
}

TEST(NetworkShape, DenseLayerMapsTheBiasAsOneMoreRow) {
  const LayerShape d = dense_layer_shape(784, 256, true);
  EXPECT_EQ(d.inputs, 785);
  EXPECT_EQ(d.input_values, 784);
  EXPECT_EQ(d.input_side_values(), 785);
  EXPECT_EQ(d.patch_values(), 784);
  EXPECT_EQ(d.positions, 1);
  EXPECT_EQ(d.output_values(), 256);
  EXPECT_EQ(d.pooled_values, 256);
  EXPECT_FALSE(d.pooled());
  const NetworkShape mlp = mlp_shape({784, 256, 10}, false, fa_path(), 4, 100);
  ASSERT_EQ(mlp.layers.size(), 2u);
  expect_same(mlp.layers[1], dense_layer_shape(256, 10, false));
  EXPECT_EQ(mlp.batch_size, 4);
}

TEST(NetworkShape, LeNetConvLayers) {
  // conv 1 -> 6, 5 x 5, padding 2 on 28 x 28, then 2 x 2 pooling: 28 x 28 positions, 14 x 14 x 6
  // values passed on, 3 comparisons per window.
  const LayerShape c1 = conv_layer_shape(
      {.height = 28, .width = 28, .channels_out = 6, .kernel = 5, .padding = 2, .pool = 2});
  EXPECT_EQ(c1.inputs, 26);
  EXPECT_EQ(c1.outputs, 6);
  EXPECT_EQ(c1.positions, 784);
  EXPECT_EQ(c1.input_values, 784);
  EXPECT_EQ(c1.pooled_values, 1176);
  EXPECT_DOUBLE_EQ(c1.pool_ops, 1176 * 3);
  EXPECT_TRUE(c1.pooled());
  // conv 6 -> 16, 5 x 5 on 14 x 14: 10 x 10 positions, pooled to 5 x 5 x 16 = 400.
  const LayerShape c2 = conv_layer_shape(
      {.channels_in = 6, .height = 14, .width = 14, .channels_out = 16, .kernel = 5, .pool = 2});
  EXPECT_EQ(c2.inputs, 151);
  EXPECT_EQ(c2.patch_values(), 150);
  EXPECT_EQ(c2.positions, 100);
  EXPECT_EQ(c2.input_values, 1176);
  EXPECT_EQ(c2.pooled_values, 400);
  const NetworkShape lenet = lenet5_shape(dfa_path(), 8, 600);
  ASSERT_EQ(lenet.layers.size(), 5u);
  expect_same(lenet.layers[0], c1);
  expect_same(lenet.layers[1], c2);
  expect_same(lenet.layers[2], dense_layer_shape(400, 120, true));
  expect_same(lenet.layers[4], dense_layer_shape(84, 10, true));
  EXPECT_EQ(lenet.rule.name, "dfa");
  EXPECT_EQ(lenet.rule.path.source, SignalSource::kProjectOutputError);
  EXPECT_EQ(lenet.batch_size, 8);
  EXPECT_EQ(lenet.epoch_samples, 600);
}

TEST(NetworkShape, StridesAndOverlappingPools) {
  // 7 x 7, 3 x 3 kernel at stride 2: 3 x 3 positions; 2 x 2 pool at stride 1: 2 x 2 windows.
  const LayerShape s = conv_layer_shape({.channels_in = 2,
                                         .height = 7,
                                         .width = 7,
                                         .channels_out = 4,
                                         .kernel = 3,
                                         .stride = 2,
                                         .bias = false,
                                         .pool = 2,
                                         .pool_stride = 1});
  EXPECT_EQ(s.inputs, 18);
  EXPECT_EQ(s.positions, 9);
  EXPECT_EQ(s.pooled_values, 4 * 4);
  EXPECT_DOUBLE_EQ(s.pool_ops, 16 * 3);
}

TEST(NetworkShape, OneByOneConvOverOnePixelIsADenseLayer) {
  expect_same(conv_layer_shape(
                  {.channels_in = 10, .height = 1, .width = 1, .channels_out = 5, .kernel = 1}),
              dense_layer_shape(10, 5, true));
}

TEST(NetworkShape, RejectsGeometriesWithoutOutput) {
  EXPECT_THROW(conv_layer_shape({.height = 4, .width = 4, .channels_out = 2, .kernel = 5}),
               std::invalid_argument);
  EXPECT_THROW(
      conv_layer_shape({.height = 4, .width = 4, .channels_out = 2, .kernel = 3, .pool = 3}),
      std::invalid_argument);
  EXPECT_THROW(conv_layer_shape({.height = 4, .width = 4, .channels_out = 0, .kernel = 1}),
               std::invalid_argument);
  EXPECT_THROW(
      conv_layer_shape({.height = 4, .width = 4, .channels_out = 1, .kernel = 1, .stride = 0}),
      std::invalid_argument);
}

}  // namespace
}  // namespace cimsim::sim::cost
