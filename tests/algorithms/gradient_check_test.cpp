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

class GradientCheck : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(GradientCheck, BackpropMatchesFiniteDifferences) {
  const auto& [activation, loss] = GetParam();
  NetworkSpec spec;
  spec.input_size = 5;
  spec.layers = {{4, parse_activation(activation)},
                 {3, parse_activation(activation)},
                 {3, loss == "mse" ? Activation::kSigmoid : Activation::kLinear}};
  spec.loss = parse_loss(loss);
  core::Rng rng(11);
  Network net(spec, software_factory(), rng);
  Eigen::MatrixXf x(5, 4);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
  const std::uint8_t labels[] = {0, 2, 1, 2};

  TrainerContext context;
  context.layer_units = {4, 3, 3};
  auto trainer = trainer_registry().find("bp")->make(core::ParamValues{}, context);
  trainer->train_batch(net, x, labels, 0.0f);  // learning rate 0: weights stay, deltas remain

  for (std::size_t l = 0; l < net.depth(); ++l) {
    const Eigen::MatrixXf analytic =
        trainer->deltas()[l] * net.layer(l).input().transpose() / static_cast<float>(x.cols());
    Eigen::MatrixXf w = net.layer(l).array().weights();
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      for (Eigen::Index j = 0; j < w.cols(); ++j) {
        const float h = 1e-2f;
        const float saved = w(i, j);
        w(i, j) = saved + h;
        net.layer(l).array().set_weights(w);
        const double up = batch_loss(net, x, labels);
        w(i, j) = saved - h;
        net.layer(l).array().set_weights(w);
        const double down = batch_loss(net, x, labels);
        w(i, j) = saved;
        net.layer(l).array().set_weights(w);
        const double numeric = (up - down) / (2.0 * h);
        EXPECT_NEAR(analytic(i, j), numeric, 2e-3 + 2e-2 * std::abs(numeric))
            << activation << "/" << loss << " layer " << l << " w(" << i << "," << j << ")";
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllActivationsAndLosses, GradientCheck,
                         ::testing::Combine(::testing::Values("relu", "tanh", "sigmoid", "linear"),
                                            ::testing::Values("cross_entropy", "mse")));

}  // namespace
}  // namespace cimsim::algorithms
