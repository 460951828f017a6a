// Numeric vs analytic gradients: backpropagation's teaching signals times the layer inputs must
// equal the finite-difference gradient of the loss, for every activation and loss.
#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {
namespace {

ArrayFactory software_factory() {
  return [](std::size_t, Eigen::Index out, Eigen::Index in) {
    return std::make_unique<SoftwareArray>(out, in, SoftwareArraySpec{});
  };
}

double batch_loss(Network& net, const Eigen::MatrixXf& x, std::span<const std::uint8_t> labels) {
  core::Rng unused(0);
  Eigen::MatrixXf y;
  net.infer(x, y, unused);
  return loss_only(net.spec().loss, y, labels).loss_sum / static_cast<double>(x.cols());
}

// Which hidden units are active (output > 0) for every sample: a finite difference whose two
// sides differ here straddles a ReLU kink, where the loss has no derivative to compare with.
std::vector<bool> active_pattern(Network& net, const Eigen::MatrixXf& x) {
  net.forward(x);
  std::vector<bool> pattern;
  for (std::size_t l = 0; l + 1 < net.depth(); ++l) {
    const Eigen::MatrixXf& out = net.layer(l).output();
    for (Eigen::Index i = 0; i < out.size(); ++i) pattern.push_back(out(i) > 0.0f);
  }
  return pattern;
}

class GradientCheck : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(GradientCheck, BackpropMatchesFiniteDifferences) {
  const auto& [activation, loss] = GetParam();
  NetworkSpec spec;
  spec.input = {5};
  spec.layers = {{4, parse_activation(activation)},
                 {3, parse_activation(activation)},
                 {3, loss == "mse" ? Activation::kSigmoid : Activation::kLinear}};
  spec.loss = parse_loss(loss);
  core::Rng rng(11);
  Network net(spec, software_factory(), rng);
  // Nonzero biases: with zero biases a dead ReLU layer puts the next layer exactly on the kink,
  // where the derivative is one-sided and finite differences disagree with any subgradient.
  for (std::size_t l = 0; l < net.depth(); ++l) {
    Eigen::MatrixXf w = net.layer(l).array().weights();
    rng.fill_uniform(w.col(w.cols() - 1).data(), static_cast<std::size_t>(w.rows()), -0.5f, 0.5f);
    net.layer(l).array().set_weights(w);
  }
  Eigen::MatrixXf x(5, 4);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
  const std::uint8_t labels[] = {0, 2, 1, 2};

  TrainerContext context;
  context.layers = net.geometry();
  auto trainer = trainer_registry().find("bp")->make(core::ParamValues{}, context);
  trainer->train_batch(net, x, labels, 0.0f);  // learning rate 0: weights stay, deltas remain
  // All analytic gradients first: the finite differences below rerun the forward pass.
  std::vector<Eigen::MatrixXf> analytic;
  for (std::size_t l = 0; l < net.depth(); ++l) {
    analytic.push_back(trainer->deltas()[l] * net.layer(l).input().transpose() /
                       static_cast<float>(x.cols()));
  }

  int checked = 0;
  for (std::size_t l = 0; l < net.depth(); ++l) {
    Eigen::MatrixXf w = net.layer(l).array().weights();
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      for (Eigen::Index j = 0; j < w.cols(); ++j) {
        const float h = 1e-2f;
        const float saved = w(i, j);
        w(i, j) = saved + h;
        net.layer(l).array().set_weights(w);
        const double up = batch_loss(net, x, labels);
        const std::vector<bool> up_pattern = active_pattern(net, x);
        w(i, j) = saved - h;
        net.layer(l).array().set_weights(w);
        const double down = batch_loss(net, x, labels);
        const bool kink = up_pattern != active_pattern(net, x);
        w(i, j) = saved;
        net.layer(l).array().set_weights(w);
        if (kink && activation == "relu") continue;
        ++checked;
        const double numeric = (up - down) / (2.0 * h);
        EXPECT_NEAR(analytic[l](i, j), numeric, 2e-3 + 2e-2 * std::abs(numeric))
            << activation << "/" << loss << " layer " << l << " w(" << i << "," << j << ")";
      }
    }
  }
  EXPECT_GT(checked, 40);  // of 24 + 15 + 12 weights: only a few may straddle a kink
}

INSTANTIATE_TEST_SUITE_P(AllActivationsAndLosses, GradientCheck,
                         ::testing::Combine(::testing::Values("relu", "tanh", "sigmoid", "linear"),
                                            ::testing::Values("cross_entropy", "mse")));

}  // namespace
}  // namespace cimsim::algorithms
