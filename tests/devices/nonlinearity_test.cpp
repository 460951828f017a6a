#include "devices/nonlinearity.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace cimsim::devices {
namespace {

// Normalized A for a few labels, as published in NeuroSim MLP V3.0's
// documents/Nonlinearity-NormA table (4 printed digits).
struct TableRow {
  double label;
  double normalized_a;
};

class NonlinearityTableTest : public ::testing::TestWithParam<TableRow> {};

TEST_P(NonlinearityTableTest, ReproducesNeuroSimTable) {
  const TableRow row = GetParam();
  EXPECT_NEAR(normalized_a_from_label(row.label), row.normalized_a, 2e-3 * row.normalized_a);
  EXPECT_NEAR(normalized_a_from_label(-row.label), -row.normalized_a, 2e-3 * row.normalized_a);
}

INSTANTIATE_TEST_SUITE_P(Published, NonlinearityTableTest,
                         ::testing::Values(TableRow{0.01, 126.269}, TableRow{0.1, 12.6258},
                                           TableRow{1.51, 0.8195}, TableRow{1.6, 0.7714},
                                           TableRow{3.01, 0.3853}, TableRow{4.51, 0.2266},
                                           TableRow{6.01, 0.1351}, TableRow{7.51, 0.0702}));

TEST(NonlinearityTest, DeviationIsLabelTimesConstant) {
  for (const double label : {0.5, 2.4, 4.88, 8.0}) {
    const double a = normalized_a_from_label(label);
    EXPECT_NEAR(nonlinearity_deviation(a), 0.099 * label, 1e-9);
    // Brute-force maximum of g(x) - x agrees with the closed form.
    double best = 0;
    for (int i = 0; i <= 100000; ++i) {
      const double x = i / 100000.0;
      best = std::max(best, std::expm1(-x / a) / std::expm1(-1 / a) - x);
    }
    EXPECT_NEAR(best, nonlinearity_deviation(a), 1e-6);
  }
}

TEST(NonlinearityTest, ZeroLabelIsLinear) {
  EXPECT_TRUE(std::isinf(normalized_a_from_label(0.0)));
  EXPECT_EQ(InverseATable().inverse_a(0.0), 0.0);
}

TEST(NonlinearityTest, TableInterpolationMatchesBisection) {
  const InverseATable table;
  for (double label = -8.9; label < 9; label += 0.37) {
    const double exact = 1.0 / normalized_a_from_label(label);
    EXPECT_NEAR(table.inverse_a(label), exact, 1e-4 * std::fabs(exact) + 1e-9) << label;
  }
}

}  // namespace
}  // namespace cimsim::devices
