// Convolution and pooling: forward against direct loops, backpropagation against finite
// differences of the loss, and the teaching signals of FA, DFA and DRTP through conv layers.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "algorithms/feedback.hpp"
#include "algorithms/pool_layer.hpp"
#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {
namespace {

LayerSpec conv(Eigen::Index channels, Eigen::Index kernel, Eigen::Index stride,
               Eigen::Index padding, Activation activation) {
  return {channels, activation, LayerKind::kConv2d, kernel, stride, padding};
}
LayerSpec pool(LayerKind kind, Eigen::Index kernel, Eigen::Index stride) {
  return {0, Activation::kLinear, kind, kernel, stride, 0};
}

ArrayFactory software_factory() {
  return [](std::size_t, Eigen::Index out, Eigen::Index in) {
    return std::make_unique<SoftwareArray>(out, in, SoftwareArraySpec{});
  };
}

// Value (h, w, c) of a channels-last map of `s`, zero outside (padding).
float at(const Eigen::VectorXf& map, const TensorShape& s, Eigen::Index h, Eigen::Index w,
         Eigen::Index c) {
  if (h < 0 || w < 0 || h >= s.height || w >= s.width) return 0.0f;
  return map((h * s.width + w) * s.channels + c);
}

TEST(ConvLayer, ForwardIsTheDirectConvolution) {
  NetworkSpec spec;
  spec.input = {2, 5, 5, true};
  spec.layers = {conv(3, 3, 2, 1, Activation::kLinear), {4, Activation::kLinear}};
  core::Rng rng(4);
  Network net(spec, software_factory(), rng);
  Eigen::MatrixXf w = net.layer(0).array().weights();  // 3 x (3*3*2 + 1)
  rng.fill_uniform(w.data(), static_cast<std::size_t>(w.size()), -1.0f, 1.0f);
  net.layer(0).array().set_weights(w);
  Eigen::MatrixXf x(50, 2);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
  net.forward(x);
  const Eigen::MatrixXf& y = net.layer(0).output();
  const TensorShape out = net.layer(0).output_shape();
  ASSERT_EQ(out, (TensorShape{3, 3, 3, true}));
  for (Eigen::Index b = 0; b < 2; ++b) {
    for (Eigen::Index oh = 0; oh < 3; ++oh) {
      for (Eigen::Index ow = 0; ow < 3; ++ow) {
        for (Eigen::Index co = 0; co < 3; ++co) {
          float sum = w(co, 18);  // bias
          for (Eigen::Index ki = 0; ki < 3; ++ki) {
            for (Eigen::Index kj = 0; kj < 3; ++kj) {
              for (Eigen::Index ci = 0; ci < 2; ++ci) {
                sum += w(co, (ki * 3 + kj) * 2 + ci) *
                       at(x.col(b), spec.input, oh * 2 - 1 + ki, ow * 2 - 1 + kj, ci);
              }
            }
          }
          EXPECT_NEAR(y((oh * 3 + ow) * 3 + co, b), sum, 1e-5f)
              << b << " " << oh << " " << ow << " " << co;
        }
      }
    }
  }
}

TEST(PoolLayer, MaxAndAverageOverWindowsOfEachChannel) {
  const TensorShape in{2, 4, 4, true}, out{2, 3, 3, true};
  core::Rng rng(8);
  Eigen::MatrixXf x(32, 3);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
  for (const LayerKind kind : {LayerKind::kMaxPool, LayerKind::kAvgPool}) {
    PoolLayer layer(kind, in, out, 2, 1);
    const Eigen::MatrixXf& y = layer.forward(x);
    for (Eigen::Index b = 0; b < 3; ++b) {
      for (Eigen::Index p = 0; p < 9; ++p) {
        for (Eigen::Index c = 0; c < 2; ++c) {
          const Eigen::Index h = p / 3, w = p % 3;
          const float v[] = {at(x.col(b), in, h, w, c), at(x.col(b), in, h, w + 1, c),
                             at(x.col(b), in, h + 1, w, c), at(x.col(b), in, h + 1, w + 1, c)};
          const float expected = kind == LayerKind::kMaxPool ? std::max({v[0], v[1], v[2], v[3]})
                                                             : (v[0] + v[1] + v[2] + v[3]) / 4;
          EXPECT_NEAR(y(p * 2 + c, b), expected, 1e-6f);
        }
      }
    }
    // The adjoint: <backward(g), x> = <g, y> for average pooling; max pooling routes g to the
    // maxima, so the same identity holds (y is linear in x around x).
    Eigen::MatrixXf g(18, 3);
    rng.fill_uniform(g.data(), static_cast<std::size_t>(g.size()), -1.0f, 1.0f);
    Eigen::MatrixXf back;
    layer.backward(g, back);
    EXPECT_NEAR((back.array() * x.array()).sum(), (g.array() * y.array()).sum(), 1e-4f);
  }
}

// A small CNN with every kind of layer: padded conv, max pool, strided conv, overlapping average
// pool, flatten, dense.
NetworkSpec small_cnn(LossKind loss) {
  NetworkSpec spec;
  spec.input = {2, 6, 6, true};
  spec.layers = {conv(3, 3, 1, 1, Activation::kTanh),
                 pool(LayerKind::kMaxPool, 2, 2),
                 conv(4, 3, 2, 1, Activation::kSigmoid),
                 pool(LayerKind::kAvgPool, 2, 1),
                 {0, Activation::kLinear, LayerKind::kFlatten},
                 {3, loss == LossKind::kMse ? Activation::kSigmoid : Activation::kLinear}};
  spec.loss = loss;
  return spec;
}

double batch_loss(const Network& net, const Eigen::MatrixXf& x,
                  std::span<const std::uint8_t> labels) {
  core::Rng unused(0);
  Eigen::MatrixXf y;
  net.infer(x, y, unused);
  return loss_only(net.spec().loss, y, labels).loss_sum / static_cast<double>(x.cols());
}

class CnnGradientCheck : public ::testing::TestWithParam<LossKind> {};

TEST_P(CnnGradientCheck, BackpropMatchesFiniteDifferences) {
  core::Rng rng(21);
  Network net(small_cnn(GetParam()), software_factory(), rng);
  std::vector<Eigen::MatrixXf> before;
  for (std::size_t l = 0; l < net.depth(); ++l) {
    Eigen::MatrixXf w = net.layer(l).array().weights();
    rng.fill_uniform(w.data(), static_cast<std::size_t>(w.size()), -0.8f, 0.8f);
    net.layer(l).array().set_weights(w);
    before.push_back(w);
  }
  Eigen::MatrixXf x(72, 3);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
  const std::uint8_t labels[] = {0, 2, 1};
  TrainerContext context;
  context.layers = net.geometry();
  auto bp = trainer_registry().find("bp")->make(core::ParamValues{}, context);
  // Plain SGD with learning rate 1: the change of W is minus the gradient of the mean loss
  // (the positions of a convolution summed, the batch averaged).
  bp->train_batch(net, x, labels, 1.0f);
  std::vector<Eigen::MatrixXf> analytic;
  for (std::size_t l = 0; l < net.depth(); ++l) {
    analytic.push_back(before[l] - net.layer(l).array().weights());
    net.layer(l).array().set_weights(before[l]);
  }
  int checked = 0, total = 0;
  for (std::size_t l = 0; l < net.depth(); ++l) {
    Eigen::MatrixXf w = before[l];
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      const float h = 1e-3f;
      const float saved = w(i);
      const double mid = batch_loss(net, x, labels);
      w(i) = saved + h;
      net.layer(l).array().set_weights(w);
      const double up = batch_loss(net, x, labels);
      w(i) = saved - h;
      net.layer(l).array().set_weights(w);
      const double down = batch_loss(net, x, labels);
      w(i) = saved;
      net.layer(l).array().set_weights(w);
      ++total;
      // A max-pool window whose maximum changes hands between the two sides is a kink: its one-
      // sided slopes differ by far more than the curvature of the smooth loss allows.
      if (std::abs((up - mid) - (mid - down)) > 1e-4) continue;
      ++checked;
      const double numeric = (up - down) / (2.0 * h);
      EXPECT_NEAR(analytic[l](i), numeric, 1e-3 + 1e-2 * std::abs(numeric))
          << "layer " << l << " weight " << i;
    }
  }
  EXPECT_GT(checked, total * 9 / 10);
}

INSTANTIATE_TEST_SUITE_P(Losses, CnnGradientCheck,
                         ::testing::Values(LossKind::kSoftmaxCrossEntropy, LossKind::kMse));

// The small CNN with software feedback arrays the test can see.
struct RuleFixture {
  core::Rng rng{33};
  Network net{small_cnn(LossKind::kSoftmaxCrossEntropy), software_factory(), rng};
  std::map<std::string, SoftwareArray*> feedback;
  TrainerContext context;
  Eigen::MatrixXf x{72, 2};
  std::vector<std::uint8_t> labels{1, 2};

  RuleFixture() {
    rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), -1.0f, 1.0f);
    context.layers = net.geometry();
    context.seed = 2;
    context.make_feedback = [this](const std::string& name, Eigen::Index o, Eigen::Index i) {
      auto a = std::make_unique<SoftwareArray>(o, i, SoftwareArraySpec{});
      feedback[name] = a.get();
      return a;
    };
  }
  std::unique_ptr<Trainer> make(const std::string& type) {
    const auto* entry = trainer_registry().find(type);
    return entry->make(entry->params.defaults(), context);
  }
};

TEST(CnnFeedbackRules, FaThroughTheTransposedKernelsIsBackprop) {
  RuleFixture f;
  auto fa = f.make("fa");
  // FA's B_{l+1} sits in W_{l+1}^T's place: k*k*C_in x C_out for a convolution.
  ASSERT_EQ(f.feedback.at("feedback[0]")->weights().rows(), 27);
  ASSERT_EQ(f.feedback.at("feedback[0]")->weights().cols(), 4);
  for (std::size_t l = 0; l + 1 < f.net.depth(); ++l) {
    const Eigen::MatrixXf w = f.net.layer(l + 1).array().weights();
    f.feedback.at("feedback[" + std::to_string(l) + "]")
        ->set_weights(w.leftCols(w.cols() - 1).transpose());
  }
  auto bp = f.make("bp");
  bp->train_batch(f.net, f.x, f.labels, 0.0f);
  fa->train_batch(f.net, f.x, f.labels, 0.0f);
  for (std::size_t l = 0; l < f.net.depth(); ++l) {
    EXPECT_TRUE(fa->deltas()[l].isApprox(bp->deltas()[l], 1e-5f)) << l;
  }
}

TEST(CnnFeedbackRules, DirectRulesProjectOntoTheWholeOutputMap) {
  for (const bool targets : {false, true}) {
    RuleFixture f;
    auto rule = f.make(targets ? "drtp" : "dfa");
    rule->train_batch(f.net, f.x, f.labels, 0.0f);
    const auto& d = rule->deltas();
    Eigen::MatrixXf signal = d.back();
    if (targets) {
      signal = Eigen::MatrixXf::Zero(3, 2);
      signal(1, 0) = signal(2, 1) = -1.0f;
    }
    // B_0 reaches all 3 x 6 x 6 values of the first conv map, B_1 all 4 x 2 x 2 of the second.
    const Eigen::MatrixXf b0 = f.feedback.at("feedback[0]")->weights();
    const Eigen::MatrixXf b1 = f.feedback.at("feedback[1]")->weights();
    ASSERT_EQ(b0.rows(), 108);
    ASSERT_EQ(b1.rows(), 16);
    const Eigen::MatrixXf y0 = f.net.layer(0).output(), y1 = f.net.layer(1).output();
    EXPECT_TRUE(
        d[0].isApprox((b0 * signal).cwiseProduct((1.0f - y0.array().square()).matrix()), 1e-5f));
    EXPECT_TRUE(d[1].isApprox(
        (b1 * signal).cwiseProduct((y1.array() * (1.0f - y1.array())).matrix()), 1e-5f));
  }
}

}  // namespace
}  // namespace cimsim::algorithms
