// Sparse DFA (algorithms/rules/sparse_direct_feedback_alignment.cpp): k nonzeros per row of B,
// DFA's teaching signal through that B, and DFA itself when k covers every class.
#include <gtest/gtest.h>

#include <map>

#include "../rule_fixture.hpp"
#include "algorithms/feedback.hpp"
#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {
namespace {

// 6 -> 8 tanh -> 7 tanh -> 5 linear.
struct SparseFixture : RuleFixture {
  SparseFixture()
      : RuleFixture(6, {{8, Activation::kTanh}, {7, Activation::kTanh}, {5, Activation::kLinear}},
                    5, 7) {}
};

TEST(SparseDfa, EachRowHasItsNonzerosAndTheSignalIsDfas) {
  SparseFixture f;
  auto sdfa = f.make("sdfa", "{type: sdfa, nonzeros_per_row: 2}");
  Eigen::MatrixXf x = Eigen::MatrixXf::Random(6, 3);
  sdfa->train_batch(*f.net, x, std::vector<std::uint8_t>{4, 0, 2}, 0.1f);
  for (std::size_t l = 0; l < 2; ++l) {
    const Eigen::MatrixXf b = f.feedback.at(feedback_name(l))->weights();
    ASSERT_EQ(b.cols(), 5);
    for (Eigen::Index r = 0; r < b.rows(); ++r) EXPECT_EQ((b.row(r).array() != 0.0f).count(), 2);
    // Rows pick their columns at random, not one shared pattern.
    const auto pattern = [&b](Eigen::Index r) { return (b.row(r).array() != 0.0f).eval(); };
    bool differs = false;
    for (Eigen::Index r = 1; r < b.rows(); ++r) differs |= !(pattern(r) == pattern(0)).all();
    EXPECT_TRUE(differs);
  }
  // delta_1 = f'(h_1) * (B_1 e), e the output layer's delta.
  const auto& d = sdfa->deltas();
  const Eigen::MatrixXf y1 = f.net->layer(1).output();
  const Eigen::MatrixXf expected = (f.feedback.at(feedback_name(1))->weights() * d[2])
                                       .cwiseProduct((1.0f - y1.array().square()).matrix());
  EXPECT_TRUE(d[1].isApprox(expected, 1e-5f));
}

TEST(SparseDfa, EveryClassConnectedIsDfa) {
  SparseFixture sparse;
  SparseFixture dense;
  // The trainers own their feedback arrays: keep them while the matrices are compared.
  const auto sdfa = sparse.make("sdfa", "{type: sdfa, nonzeros_per_row: 5}");
  const auto dfa = dense.make("dfa", "{type: dfa}");
  for (std::size_t l = 0; l < 2; ++l) {
    EXPECT_EQ(sparse.feedback.at(feedback_name(l))->weights(),
              dense.feedback.at(feedback_name(l))->weights());
  }
}

}  // namespace
}  // namespace cimsim::algorithms
