#include "sim/core/c_rand.hpp"

#include <gtest/gtest.h>

namespace cimsim::core {
namespace {

// Reference values: srand(seed) then rand() from glibc 2.36 (Debian 12), printed by a C program.
TEST(CRand, MatchesGlibcRand) {
  CRand one(1);
  EXPECT_EQ(one.next(), 1804289383);
  EXPECT_EQ(one.next(), 846930886);
  EXPECT_EQ(one.next(), 1681692777);
  CRand two(2);  // MLP+NeuroSim V3.0's srand(2)
  EXPECT_EQ(two.next(), 1505335290);
  EXPECT_EQ(two.next(), 1738766719);
  EXPECT_EQ(two.next(), 190686788);
  EXPECT_EQ(two.next(), 260874575);
  EXPECT_EQ(two.next(), 747983061);
}

TEST(CRand, SeedZeroIsSeedOne) {
  CRand zero(0);
  CRand one(1);
  for (int k = 0; k < 100; ++k) EXPECT_EQ(zero.next(), one.next());
}

}  // namespace
}  // namespace cimsim::core
