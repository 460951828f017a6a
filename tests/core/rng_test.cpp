#include "sim/core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace cimsim::core {
namespace {

TEST(Rng, SameSeedSameStreamDifferentPathDifferentStream) {
  Rng a = Rng::derive(42, "model.layers[0]");
  Rng b = Rng::derive(42, "model.layers[0]");
  Rng c = Rng::derive(42, "model.layers[1]");
  Rng d = Rng::derive(43, "model.layers[0]");
  const std::uint64_t first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_NE(first, d.next());
}

TEST(Rng, NormalMomentsMatch) {
  Rng rng(7);
  const int n = 400000;
  double sum = 0, sum2 = 0, sum4 = 0;
  int beyond3 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    sum += x;
    sum2 += x * x;
    sum4 += x * x * x * x;
    beyond3 += std::abs(x) > 3.0;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(var, 1.0, 0.01);
  EXPECT_NEAR(sum4 / n, 3.0, 0.06);                  // kurtosis of a normal
  EXPECT_NEAR(beyond3 / double(n), 0.0027, 0.0006);  // tail mass beyond 3 sigma
}

TEST(Rng, UniformInRangeWithRightMean) {
  Rng rng(3);
  std::vector<float> v(100000);
  rng.fill_uniform(v.data(), v.size(), -2.0f, 2.0f);
  double sum = 0;
  for (float x : v) {
    ASSERT_GE(x, -2.0f);
    ASSERT_LT(x, 2.0f);
    sum += x;
  }
  EXPECT_NEAR(sum / v.size(), 0.0, 0.02);
}

TEST(Rng, BelowIsUnbiasedAndShuffleIsPermutation) {
  Rng rng(5);
  std::vector<int> hist(3, 0);
  for (int i = 0; i < 30000; ++i) hist[rng.below(3)]++;
  for (int h : hist) EXPECT_NEAR(h, 10000, 400);
  std::vector<std::int64_t> items(100);
  for (int i = 0; i < 100; ++i) items[i] = i;
  rng.shuffle(items);
  std::vector<std::int64_t> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_NE(items[0] * 1000 + items[1], 1);  // shuffled, not identity
}

TEST(Rng, BulkNormalMomentsTailsAndReproducibility) {
  Rng rng(42);
  std::vector<float> x((1 << 20) + 1);  // odd count: the last pair is half used
  rng.fill_normal(x.data(), x.size(), 0.0f, 1.0f);
  double m1 = 0, m2 = 0, m4 = 0, tail = 0;
  for (const float v : x) {
    m1 += v;
    m2 += v * v;
    m4 += static_cast<double>(v) * v * v * v;
    tail += std::fabs(v) > 2.0f;
  }
  const double n = static_cast<double>(x.size());
  EXPECT_NEAR(m1 / n, 0.0, 0.005);
  EXPECT_NEAR(m2 / n, 1.0, 0.005);
  EXPECT_NEAR(m4 / n, 3.0, 0.05);
  EXPECT_NEAR(tail / n, 0.0455, 0.001);  // P(|z| > 2)
  Rng a(7), b(7), c(8);
  std::vector<float> y(1001), z(1001), w(1001);
  a.fill_normal(y.data(), y.size(), 2.0f, 0.5f);
  b.fill_normal(z.data(), z.size(), 2.0f, 0.5f);
  c.fill_normal(w.data(), w.size(), 2.0f, 0.5f);
  EXPECT_EQ(y, z);
  EXPECT_NE(y, w);
}

}  // namespace
}  // namespace cimsim::core
