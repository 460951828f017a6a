#include <gtest/gtest.h>

#include <cmath>

#include "algorithms/activation.hpp"
#include "algorithms/loss.hpp"

namespace cimsim::algorithms {
namespace {

TEST(Activation, ValuesAndDerivativesMatchClosedForms) {
  Eigen::MatrixXf z(1, 3);
  z << -1.0f, 0.5f, 2.0f;
  for (const auto& name : activation_names()) {
    const Activation a = parse_activation(name);
    Eigen::MatrixXf y = z;
    apply_activation(a, y);
    Eigen::MatrixXf d = Eigen::MatrixXf::Ones(1, 3);
    multiply_by_derivative(a, y, d);
    for (int i = 0; i < 3; ++i) {
      const float x = z(0, i);
      const float h = 1e-3f;
      Eigen::MatrixXf plus(1, 1), minus(1, 1);
      plus(0, 0) = x + h;
      minus(0, 0) = x - h;
      apply_activation(a, plus);
      apply_activation(a, minus);
      EXPECT_NEAR(d(0, i), (plus(0, 0) - minus(0, 0)) / (2 * h), 2e-3f) << name << " at " << x;
    }
  }
  Eigen::MatrixXf s = z;
  apply_activation(Activation::kSigmoid, s);
  EXPECT_NEAR(s(0, 0), 1.0f / (1.0f + std::exp(1.0f)), 1e-6f);
}

TEST(Loss, SoftmaxCrossEntropyValueGradientAndAccuracy) {
  Eigen::MatrixXf out(3, 2);
  out << 1.0f, 0.0f,  //
      2.0f, 0.0f,     //
      0.5f, 3.0f;
  const std::uint8_t labels[] = {1, 0};
  Eigen::MatrixXf grad;
  const LossResult r = loss_and_gradient(LossKind::kSoftmaxCrossEntropy, out, labels, grad);
  const double z0 = std::exp(1.0) + std::exp(2.0) + std::exp(0.5);
  const double z1 = 2.0 + std::exp(3.0);
  EXPECT_NEAR(r.loss_sum, -std::log(std::exp(2.0) / z0) - std::log(1.0 / z1), 1e-5);
  EXPECT_EQ(r.correct, 1);
  EXPECT_NEAR(grad(1, 0), std::exp(2.0) / z0 - 1.0, 1e-6);
  EXPECT_NEAR(grad(2, 1), std::exp(3.0) / z1, 1e-6);
  EXPECT_NEAR(grad.col(0).sum(), 0.0, 1e-6);  // softmax gradients sum to zero
}

TEST(Loss, MseAgainstOneHot) {
  Eigen::MatrixXf out(2, 1);
  out << 0.25f, 0.5f;
  const std::uint8_t labels[] = {1};
  Eigen::MatrixXf grad;
  const LossResult r = loss_and_gradient(LossKind::kMse, out, labels, grad);
  EXPECT_NEAR(r.loss_sum, 0.5 * (0.0625 + 0.25), 1e-7);
  EXPECT_FLOAT_EQ(grad(0, 0), 0.25f);
  EXPECT_FLOAT_EQ(grad(1, 0), -0.5f);
  EXPECT_EQ(r.correct, 1);
}

TEST(Loss, FullMseConventionDoublesTheGradientAsNeuroSimDoes) {
  // NeuroSim V3 Train.cpp: s2 = -2 a (1 - a) (y - a); the a (1 - a) is the sigmoid's derivative
  // the trainer multiplies in, so dL/da = 2 (a - y) and L = |a - y|^2.
  Eigen::MatrixXf out(3, 1);
  out << 0.25f, 0.5f, 0.9f;
  const std::uint8_t labels[] = {1};
  Eigen::MatrixXf grad;
  const LossResult r = loss_and_gradient(LossKind::kSquaredError, out, labels, grad);
  EXPECT_NEAR(r.loss_sum, 0.0625 + 0.25 + 0.81, 1e-6);
  EXPECT_FLOAT_EQ(grad(0, 0), 0.5f);
  EXPECT_FLOAT_EQ(grad(1, 0), -1.0f);
  EXPECT_FLOAT_EQ(grad(2, 0), 1.8f);
  EXPECT_EQ(with_mse_convention(LossKind::kMse, "full"), LossKind::kSquaredError);
  EXPECT_EQ(with_mse_convention(LossKind::kSquaredError, "half"), LossKind::kMse);
  EXPECT_EQ(with_mse_convention(LossKind::kSoftmaxCrossEntropy, "full"),
            LossKind::kSoftmaxCrossEntropy);
  EXPECT_THROW(with_mse_convention(LossKind::kMse, "double"), std::invalid_argument);
}

}  // namespace
}  // namespace cimsim::algorithms
