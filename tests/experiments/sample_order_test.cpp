// The samples each epoch trains on: NeuroSim-style draws with replacement from the whole set, or
// (prefixes of) reshuffled permutations.
#include "experiments/sample_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace cimsim::experiments {
namespace {

TEST(SampleOrder, WithReplacementDrawsFromTheWholeSetWithRepeats) {
  SampleOrder order(SamplingMode::kWithReplacement, true, 1000, 800, core::Rng(7), 1);
  const std::vector<std::int64_t> first = order.next_epoch();
  ASSERT_EQ(first.size(), 800u);
  EXPECT_GE(*std::min_element(first.begin(), first.end()), 0);
  EXPECT_LT(*std::max_element(first.begin(), first.end()), 1000);
  // Beyond the first 800 (a prefix would never go there), and repeats (a permutation has none).
  EXPECT_GE(*std::max_element(first.begin(), first.end()), 800);
  const std::set<std::int64_t> distinct(first.begin(), first.end());
  EXPECT_LT(distinct.size(), first.size());
  // A fresh draw every epoch, the same draws for the same stream.
  EXPECT_NE(order.next_epoch(), first);
  SampleOrder again(SamplingMode::kWithReplacement, true, 1000, 800, core::Rng(7), 1);
  EXPECT_EQ(again.next_epoch(), first);
}

TEST(SampleOrder, WithReplacementMayDrawMoreThanTheSetHolds) {
  SampleOrder order(SamplingMode::kWithReplacement, true, 10, 25, core::Rng(3), 1);
  EXPECT_EQ(order.next_epoch().size(), 25u);
}

// MLP+NeuroSim V3.0 draws its images with rand() % 60000 after srand(seed): the first draws of
// glibc's generator, printed by a C program calling glibc's srand and rand on this machine.
TEST(SampleOrder, NeuroSimCRandDrawsTheImagesNeuroSimDraws) {
  SampleOrder one(SamplingMode::kNeuroSimCRand, true, 60000, 6, core::Rng(5), 1);
  EXPECT_EQ(one.next_epoch(), (std::vector<std::int64_t>{29383, 30886, 12777, 16915, 7793, 38335}));
  SampleOrder two(SamplingMode::kNeuroSimCRand, true, 60000, 3, core::Rng(5), 2);
  EXPECT_EQ(two.next_epoch(), (std::vector<std::int64_t>{55290, 26719, 6788}));
  // The next epoch goes on with the same sequence; srand(0) is srand(1) in glibc, so NeuroSim's
  // runs with seeds 0 and 1 train on the same images.
  EXPECT_EQ(two.next_epoch(), (std::vector<std::int64_t>{54575, 23061, 36498}));
  SampleOrder zero(SamplingMode::kNeuroSimCRand, true, 60000, 6, core::Rng(9), 0);
  SampleOrder again(SamplingMode::kNeuroSimCRand, true, 60000, 6, core::Rng(5), 1);
  EXPECT_EQ(zero.next_epoch(), again.next_epoch());
}

TEST(SampleOrder, PermutationEpochsArePrefixesOfAReshuffledOrder) {
  SampleOrder plain(SamplingMode::kPermutation, false, 10, 4, core::Rng(1), 1);
  EXPECT_EQ(plain.next_epoch(), (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(plain.next_epoch(), (std::vector<std::int64_t>{0, 1, 2, 3}));

  SampleOrder shuffled(SamplingMode::kPermutation, true, 100, 100, core::Rng(1), 1);
  const std::vector<std::int64_t> first = shuffled.next_epoch();
  std::vector<std::int64_t> sorted = first;
  std::sort(sorted.begin(), sorted.end());
  for (std::int64_t i = 0; i < 100; ++i) EXPECT_EQ(sorted[static_cast<std::size_t>(i)], i);
  EXPECT_NE(shuffled.next_epoch(), first);

  // The same stream: a shorter epoch is the first samples of the full epoch's order.
  SampleOrder prefix(SamplingMode::kPermutation, true, 100, 30, core::Rng(1), 1);
  const std::vector<std::int64_t> head = prefix.next_epoch();
  EXPECT_TRUE(std::equal(head.begin(), head.end(), first.begin()));
}

TEST(SampleOrder, PermutationLongerThanTheSetIsRefused) {
  EXPECT_THROW(SampleOrder(SamplingMode::kPermutation, true, 10, 11, core::Rng(1), 1),
               std::invalid_argument);
  EXPECT_THROW(SampleOrder(SamplingMode::kWithReplacement, true, 0, 1, core::Rng(1), 1),
               std::invalid_argument);
}

}  // namespace
}  // namespace cimsim::experiments
