#include <gtest/gtest.h>

#include <set>

#include "sim/adc.hpp"
#include "sim/core/errors.hpp"
#include "sim/ir_drop.hpp"

namespace cimsim::sim {
namespace {

TEST(Adc, AtMostTwoToTheBitsLevelsAndHalfStepError) {
  for (int bits = 1; bits <= 10; ++bits) {
    Eigen::MatrixXf v = Eigen::MatrixXf::Random(64, 64) * 2.0f;  // half of it beyond the range
    const Eigen::MatrixXf before = v;
    adc_quantize(v, 1.0f, bits);
    std::set<float> levels(v.data(), v.data() + v.size());
    EXPECT_LE(levels.size(), std::size_t{1} << bits) << bits;
    const float step = 1.0f / std::ldexp(1.0f, bits - 1);
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      if (before(i) >= -1.0f && before(i) <= 1.0f - step) {
        EXPECT_LE(std::abs(v(i) - before(i)), 0.5f * step + 1e-6f) << bits;
      }
      EXPECT_GE(v(i), -1.0f);
      EXPECT_LE(v(i), 1.0f - step + 1e-6f);
    }
  }
}

TEST(IrDrop, PathResistanceCountsWirePitches) {
  // 2 outputs x 3 inputs, one tile of 2 x 3, differential (2 columns per output), 1 ohm.
  const Eigen::ArrayXXf r = ir_drop_path_ohm(2, 3, 2, 3, 1.0, 2);
  EXPECT_FLOAT_EQ(r(0, 0), 1.0f + 3.0f);  // next to the driver, far from the sense amp
  EXPECT_FLOAT_EQ(r(1, 2), 3.0f + 1.0f);  // third physical column pair, last row
  EXPECT_FLOAT_EQ(r(1, 0), 3.0f + 3.0f);
  // Two tiles of two inputs: the third input starts the second tile.
  const Eigen::ArrayXXf tiled = ir_drop_path_ohm(1, 3, 1, 2, 1.0, 1);
  EXPECT_FLOAT_EQ(tiled(0, 2), 1.0f + 1.0f);
}

TEST(IrDrop, SolverIsExactWithoutWiresAndLowersCurrentsWithThem) {
  Eigen::ArrayXXf g(3, 4);
  g.setConstant(1e-4f);
  Eigen::VectorXf v = Eigen::VectorXf::Ones(4);
  const Eigen::VectorXf ideal = ir_drop_solve(g, v, 0.0, 1, 1e-9, 100);
  EXPECT_NEAR(ideal(0), 4e-4f, 1e-10f);
  const Eigen::VectorXf dropped = ir_drop_solve(g, v, 10.0, 1, 1e-9, 500);
  EXPECT_LT(dropped(2), dropped(0));  // the far column loses more
  EXPECT_LT(dropped(0), ideal(0));
  // One conducting cell: the closed-form series model is exact.
  Eigen::ArrayXXf single = Eigen::ArrayXXf::Zero(3, 4);
  single(1, 2) = 1e-3f;
  Eigen::VectorXf one = Eigen::VectorXf::Zero(4);
  one(2) = 1.0f;
  const Eigen::VectorXf current = ir_drop_solve(single, one, 5.0, 1, 1e-12, 500);
  const float path = ir_drop_path_ohm(3, 4, 3, 4, 5.0, 1)(1, 2);
  EXPECT_NEAR(current(1), 1e-3f / (1.0f + 1e-3f * path), 1e-8f);
  EXPECT_THROW(ir_drop_solve(g, v, 10.0, 1, 1e-12, 1), core::Error);
}

}  // namespace
}  // namespace cimsim::sim
