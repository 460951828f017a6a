// What the cost model needs to know about a network and its training run, independent of the
// experiment parser: layer sizes, the training rule, batch size and epoch length.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/rule_path.hpp"

namespace cimsim::sim::cost {

// The learning rule as the cost model sees it: its name (for the report) and its hardware path,
// which the rule itself states (algorithms/rules/).
struct TrainingRule {
  std::string name = "bp";
  RulePath path;
};

// One weight layer as the hardware sees it. A dense layer reads its matrix once per sample; a
// convolutional layer maps its kernels as a (C_in k k + bias) x C_out matrix onto one set of
// tiles and reads it once per output position, an im2col column at a time.
struct LayerShape {
  std::int64_t inputs = 0;   // rows of W as mapped: fan-in incl. the bias row (conv: C_in k k + 1)
  std::int64_t outputs = 0;  // columns of W: units, or output channels
  std::int64_t positions = 1;     // array reads per sample: H_out W_out of a conv layer; dense 1
  std::int64_t input_values = 0;  // values of the input per sample (conv: C_in H_in W_in; dense:
                                  // inputs minus the bias row)
  // Values passed on to the next layer after the pooling that follows this layer (outputs x
  // positions when none follows).
  std::int64_t pooled_values = 0;
  double pool_ops = 0;  // comparisons (max) or additions (avg) of that pooling per sample; 0: none
  bool bias = false;    // the last row of W is a bias (its input is the constant 1)

  // Values of the layer's output map: outputs x positions.
  std::int64_t output_values() const { return outputs * positions; }
  // Values of one im2col column without the bias: C_in k k (dense: the inputs).
  std::int64_t patch_values() const { return inputs - (bias ? 1 : 0); }
  // Values on the input side of the layer: the input map and the bias input (a constant kept
  // with it, as the MLP's buffers and error units do). Dense: `inputs`.
  std::int64_t input_side_values() const { return input_values + (bias ? 1 : 0); }
  bool pooled() const { return pool_ops > 0 || pooled_values != output_values(); }
};

struct NetworkShape {
  std::vector<LayerShape> layers;
  TrainingRule rule;
  std::int64_t batch_size = 1;         // weights are programmed once per batch
  std::int64_t epoch_samples = 60000;  // training samples per epoch
};

// A fully connected layer; `bias` adds one input row.
LayerShape dense_layer_shape(std::int64_t inputs, std::int64_t outputs, bool bias);

// A 2-D convolution (square kernel; stride and zero padding the same along both axes) of a
// channels_in x height x width input, optionally followed by a pooling of `pool` x `pool`
// windows at stride `pool_stride` (0: the window; `pool` 0: no pooling). Max and average
// pooling do the same number of operations per window: pool^2 - 1 comparisons or additions
// (the average's division by the window is a shift for the usual 2 x 2 and not counted).
struct ConvGeometry {
  std::int64_t channels_in = 1;
  std::int64_t height = 0;
  std::int64_t width = 0;
  std::int64_t channels_out = 0;
  std::int64_t kernel = 0;
  std::int64_t stride = 1;
  std::int64_t padding = 0;
  bool bias = true;
  std::int64_t pool = 0;
  std::int64_t pool_stride = 0;
};
// Throws std::invalid_argument for a geometry with no output (kernel or window larger than its
// padded input, non-positive sizes).
LayerShape conv_layer_shape(const ConvGeometry& geometry);

// An MLP: sizes[0] inputs, then the width of each layer; `bias` adds one input row per layer.
NetworkShape mlp_shape(const std::vector<std::int64_t>& sizes, bool bias, TrainingRule rule,
                       std::int64_t batch_size, std::int64_t epoch_samples);

// The LeNet-5-like CNN of docs/cost_model.md's figures, the benchmark and the tests: conv 1 -> 6,
// 5 x 5, padding 2 on 1 x 28 x 28, 2 x 2 pooling; conv 6 -> 16, 5 x 5, 2 x 2 pooling; dense
// 400 - 120 - 84 - 10; biases everywhere.
NetworkShape lenet5_shape(TrainingRule rule, std::int64_t batch_size, std::int64_t epoch_samples);

}  // namespace cimsim::sim::cost
