// Shapes through a layer list, and the errors of lists that do not fit their input.
#include "algorithms/layer_spec.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "algorithms/layer_type.hpp"

namespace cimsim::algorithms {
namespace {

LayerSpec conv(Eigen::Index channels, Eigen::Index kernel, Eigen::Index stride = 1,
               Eigen::Index padding = 0) {
  return {channels, Activation::kRelu, LayerKind::kConv2d, kernel, stride, padding};
}
LayerSpec pool(LayerKind kind, Eigen::Index kernel, Eigen::Index stride) {
  return {0, Activation::kLinear, kind, kernel, stride, 0};
}
LayerSpec dense(Eigen::Index units) { return {units, Activation::kTanh}; }
LayerSpec flatten() { return {0, Activation::kLinear, LayerKind::kFlatten}; }

const TensorShape kMnist{1, 28, 28, true};

TEST(LayerShapes, LeNetFiveOnMnist) {
  const std::vector<TensorShape> s = infer_shapes(
      kMnist, {conv(6, 5, 1, 2), pool(LayerKind::kMaxPool, 2, 2), conv(16, 5),
               pool(LayerKind::kAvgPool, 2, 2), flatten(), dense(120), dense(84), dense(10)});
  ASSERT_EQ(s.size(), 8u);
  EXPECT_EQ(s[0], (TensorShape{6, 28, 28, true}));
  EXPECT_EQ(s[1], (TensorShape{6, 14, 14, true}));
  EXPECT_EQ(s[2], (TensorShape{16, 10, 10, true}));
  EXPECT_EQ(s[3], (TensorShape{16, 5, 5, true}));
  EXPECT_EQ(s[4], (TensorShape{400, 1, 1, false}));
  EXPECT_EQ(s[7], (TensorShape{10, 1, 1, false}));
  EXPECT_EQ(s[3].text(), "16x5x5");
  EXPECT_EQ(s[4].text(), "400");
}

TEST(LayerShapes, StridesAndOverlappingPools) {
  const std::vector<TensorShape> s =
      infer_shapes({3, 9, 9, true}, {conv(4, 3, 2, 1), pool(LayerKind::kMaxPool, 3, 1), dense(10)});
  EXPECT_EQ(s[0], (TensorShape{4, 5, 5, true}));  // (9 + 2 - 3) / 2 + 1
  EXPECT_EQ(s[1], (TensorShape{4, 3, 3, true}));
}

TEST(LayerShapes, DenseTakesAnImageAsItsFlatVector) {
  EXPECT_EQ(infer_shapes(kMnist, {dense(10)})[0], (TensorShape{10, 1, 1, false}));
}

struct BadList {
  const char* what;
  std::vector<LayerSpec> layers;
  std::size_t layer;
  std::string message;
};

TEST(LayerShapes, ListsThatDoNotFitNameTheLayer) {
  const std::vector<BadList> cases = {
      {"kernel larger than input",
       {conv(4, 29), dense(10)},
       0,
       "conv2d window 29x29 is larger than its input 1x28x28"},
      {"kernel larger with padding",
       {conv(4, 5, 1, 1), pool(LayerKind::kMaxPool, 2, 2), conv(4, 16, 1, 1), dense(10)},
       2,
       "conv2d window 16x16 is larger than its input 4x13x13 (15 with padding)"},
      {"stride does not divide",
       {conv(4, 5, 3), dense(10)},
       0,
       "conv2d window 5 with stride 3 does not tile 28 values (28 - 5 is not a multiple of 3); "
       "change kernel, stride or padding"},
      {"pool does not divide",
       {conv(4, 2), pool(LayerKind::kMaxPool, 2, 2), dense(10)},
       1,
       "pool window 2 with stride 2 does not tile 27 values (27 - 2 is not a multiple of 2); "
       "change kernel, stride or padding"},
      {"pool on a flat tensor",
       {conv(4, 3), flatten(), pool(LayerKind::kMaxPool, 2, 2), dense(10)},
       2,
       "a pool needs a spatial input (channels x height x width), got the flat 2704 values of "
       "layer 1"},
      {"conv after dense",
       {dense(20), conv(4, 3), dense(10)},
       1,
       "a conv2d layer needs a spatial input (channels x height x width), got the flat 20 values "
       "of layer 0"},
      {"pool first",
       {pool(LayerKind::kAvgPool, 2, 2), dense(10)},
       0,
       "a pool must follow a conv2d layer or another pool"},
      {"padding as large as the kernel",
       {conv(4, 3, 1, 3), dense(10)},
       0,
       "padding 3 must be smaller than the kernel 3"},
      {"output not dense", {conv(4, 3)}, 0, "the output layer must be a dense layer"},
  };
  for (const BadList& c : cases) {
    try {
      infer_shapes(kMnist, c.layers);
      ADD_FAILURE() << c.what << ": no error";
    } catch (const ShapeError& e) {
      EXPECT_EQ(e.layer(), c.layer) << c.what;
      EXPECT_EQ(std::string(e.what()), c.message) << c.what;
    }
  }
}

// Each registered type plays one role completely, as the network, the cost model and the
// resource estimate read it: weighted (with its matrix's inputs and window), unweighted and
// computing (with its operation count), or only reshaping.
TEST(LayerTypes, EveryTypeStatesOneRoleCompletely) {
  for (const LayerType& type : layer_type_registry().entries()) {
    SCOPED_TRACE(type.name);
    EXPECT_TRUE(type.output_shape);
    EXPECT_EQ(parse_layer_kind(type.name), type.kind);
    EXPECT_EQ(&layer_type(type.kind), &type);
    if (type.weighted()) {
      EXPECT_TRUE(type.kernel_inputs && type.window);
      EXPECT_FALSE(type.make_unweighted || type.ops_per_output);
    } else {
      EXPECT_FALSE(type.kernel_inputs || type.window);
      EXPECT_EQ(static_cast<bool>(type.make_unweighted), static_cast<bool>(type.ops_per_output));
    }
  }
  EXPECT_EQ(layer_kind_names(),
            (std::vector<std::string>{"dense", "conv2d", "max_pool", "avg_pool", "flatten"}));
  EXPECT_TRUE(LayerSpec{.kind = LayerKind::kConv2d}.weighted());
  EXPECT_FALSE(LayerSpec{.kind = LayerKind::kMaxPool}.weighted());
}

}  // namespace
}  // namespace cimsim::algorithms
