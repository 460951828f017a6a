// Kolen-Pollack (algorithms/rules/kolen_pollack.cpp): B receives W's update transposed, so with
// weight decay W - B^T shrinks towards zero and the teaching signal approaches backprop's.
#include <gtest/gtest.h>

#include <map>

#include "../rule_fixture.hpp"
#include "algorithms/feedback.hpp"
#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {
namespace {

// 6 -> 5 tanh -> 4 tanh -> 3 linear; W and B share the optimizer (weight decay `decay`).
struct KpFixture : RuleFixture {
  explicit KpFixture(float decay)
      : RuleFixture(6, {{5, Activation::kTanh}, {4, Activation::kTanh}, {3, Activation::kLinear}},
                    11, 4, with_decay(decay)) {}
  static SoftwareArraySpec with_decay(float decay) {
    SoftwareArraySpec spec;
    spec.optimizer.weight_decay = decay;
    return spec;
  }
  std::unique_ptr<Trainer> make() { return RuleFixture::make("kp"); }
  // W_{l+1} without its bias column, transposed: what B_{l+1} stands in for.
  Eigen::MatrixXf w_transposed(std::size_t l) const {
    const Eigen::MatrixXf w = net->layer(l + 1).array().weights();
    return w.leftCols(w.cols() - 1).transpose();
  }
};

TEST(KolenPollack, FeedbackGetsTheTransposeOfTheWeightUpdate) {
  KpFixture f(0.0f);
  auto kp = f.make();
  const Eigen::MatrixXf b1 = f.feedback.at(feedback_name(1))->weights();
  const Eigen::MatrixXf wt1 = f.w_transposed(1);
  Eigen::MatrixXf x = Eigen::MatrixXf::Random(6, 3);
  kp->train_batch(*f.net, x, std::vector<std::uint8_t>{0, 2, 1}, 0.3f);
  const Eigen::MatrixXf db = f.feedback.at(feedback_name(1))->weights() - b1;
  const Eigen::MatrixXf dw = f.w_transposed(1) - wt1;
  EXPECT_GT(dw.norm(), 1e-4f);
  EXPECT_TRUE(db.isApprox(dw, 1e-5f));
}

TEST(KolenPollack, WeightDecayAlignsFeedbackWithTheWeights) {
  KpFixture f(0.05f);
  auto kp = f.make();
  core::Rng data(2);
  const auto misalignment = [&f] {
    double sum = 0;
    for (std::size_t l = 0; l < 2; ++l) {
      sum += (f.feedback.at(feedback_name(l))->weights() - f.w_transposed(l)).norm();
    }
    return sum;
  };
  const double before = misalignment();
  Eigen::MatrixXf x(6, 8);
  for (int step = 0; step < 300; ++step) {
    data.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
    std::vector<std::uint8_t> labels(8);
    for (Eigen::Index j = 0; j < 8; ++j) labels[static_cast<std::size_t>(j)] = x(0, j) > 0 ? 1 : 0;
    kp->train_batch(*f.net, x, labels, 0.2f);
  }
  // Each step multiplies W - B^T by (1 - lr * decay): 0.99^300 ~ 0.05.
  EXPECT_LT(misalignment(), 0.1 * before);
}

}  // namespace
}  // namespace cimsim::algorithms
