#include "sim/core/quantizer.hpp"

#include <gtest/gtest.h>

#include <set>

namespace cimsim::core {
namespace {

TEST(Quantizer, OffLeavesValuesUnchanged) {
  Eigen::MatrixXf x = Eigen::MatrixXf::Random(4, 4);
  const Eigen::MatrixXf before = x;
  quantize(QuantizerSpec{}, x);
  EXPECT_EQ(x, before);
}

TEST(Quantizer, BitsBoundLevelsAndErrorIsHalfAStep) {
  for (int bits = 2; bits <= 8; ++bits) {
    Eigen::MatrixXf x = Eigen::MatrixXf::Random(50, 50) * 3.0f;
    const Eigen::MatrixXf before = x;
    const QuantizerSpec spec{bits, true, 1.0f};
    quantize(spec, x);
    const float range = before.cwiseAbs().maxCoeff();
    const float step = range / static_cast<float>((1 << (bits - 1)) - 1);
    std::set<float> levels(x.data(), x.data() + x.size());
    EXPECT_LE(levels.size(), static_cast<std::size_t>((1 << bits) - 1)) << bits;
    EXPECT_LE((x - before).cwiseAbs().maxCoeff(), 0.5f * step * 1.0001f) << bits;
  }
}

TEST(Quantizer, FixedRangeClipsAndOneBitKeepsSign) {
  Eigen::MatrixXf x(1, 4);
  x << -3.0f, -0.2f, 0.1f, 5.0f;
  Eigen::MatrixXf clipped = x;
  quantize(QuantizerSpec{3, false, 1.0f}, clipped);  // levels -1, -2/3, ..., 1
  EXPECT_FLOAT_EQ(clipped(0, 0), -1.0f);
  EXPECT_FLOAT_EQ(clipped(0, 3), 1.0f);
  EXPECT_NEAR(clipped(0, 1), -1.0f / 3.0f, 1e-6f);
  Eigen::MatrixXf sign = x;
  quantize(QuantizerSpec{1, true, 1.0f}, sign);
  EXPECT_FLOAT_EQ(sign(0, 1), -5.0f);
  EXPECT_FLOAT_EQ(sign(0, 2), 5.0f);
}

}  // namespace
}  // namespace cimsim::core
