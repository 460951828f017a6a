#include "devices/cell_subset.hpp"

#include <gtest/gtest.h>

#include <tuple>

namespace cimsim::devices {
namespace {

// A 3 x 2 block whose every state array is in use, cell i of the k-th array holding 100 k + i
// (wear too, as an integer), and a scratch workspace of its own.
CellBlock numbered_block() {
  CellBlock block;
  int k = 0;
  const auto number = [&k](auto& array) {
    array.resize(3, 2);
    for (Eigen::Index i = 0; i < array.size(); ++i) array(i) = static_cast<float>(100 * k + i);
    ++k;
  };
  std::apply([&](auto&... arrays) { (number(arrays), ...); }, state_arrays(block));
  block.scratch = CellArray::Constant(3, 2, -1.0f);
  return block;
}

TEST(CellSubsetTest, GatherCarriesEveryStateArrayButNotTheScratch) {
  const CellBlock block = numbered_block();
  const std::vector<Eigen::Index> cells{5, 0, 3};
  const CellBlock part = gather_cells(block, cells);
  for_each_array(block, part, [&](const auto& whole, const auto& subset) {
    ASSERT_EQ(subset.rows(), 3);
    ASSERT_EQ(subset.cols(), 1);
    for (std::size_t k = 0; k < cells.size(); ++k) {
      EXPECT_EQ(subset(static_cast<Eigen::Index>(k)), whole(cells[k]));
    }
  });
  // Spot checks by name, first and last members: the visitor walks the members it names.
  EXPECT_EQ(part.g(0), 5.0f);
  EXPECT_EQ(part.wear(2), 1103);
  EXPECT_EQ(part.scratch.size(), 0);
}

TEST(CellSubsetTest, ArraysNotInUseStayEmpty) {
  CellBlock block;
  block.g = CellArray::Constant(4, 4, 1e-6f);
  block.g_lo = CellArray::Constant(4, 4, 1e-7f);
  block.g_hi = CellArray::Constant(4, 4, 5e-6f);
  const CellBlock part = gather_cells(block, {2, 7});
  EXPECT_EQ(part.g.size(), 2);
  EXPECT_EQ(part.g_hi.size(), 2);
  EXPECT_EQ(part.hidden.size(), 0);
  EXPECT_EQ(part.wear.size(), 0);
}

TEST(CellSubsetTest, ScatterWritesBackOnlyTheGatheredCells) {
  CellBlock block = numbered_block();
  const CellBlock before = block;
  const std::vector<Eigen::Index> cells{4, 1};
  CellBlock part = gather_cells(block, cells);
  part.g.setConstant(7.0f);
  part.wear.setConstant(9);
  scatter_cells(part, cells, block);
  for (Eigen::Index i = 0; i < block.g.size(); ++i) {
    const bool gathered = i == 4 || i == 1;
    EXPECT_EQ(block.g(i), gathered ? 7.0f : before.g(i)) << i;
    EXPECT_EQ(block.wear(i), gathered ? 9 : before.wear(i)) << i;
    EXPECT_EQ(block.age_s(i), before.age_s(i)) << i;
  }
}

}  // namespace
}  // namespace cimsim::devices
