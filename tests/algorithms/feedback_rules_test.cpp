// DFA, FA and DRTP teaching signals against hand-written formulas on a small network whose
// feedback matrices the test can see.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "algorithms/feedback.hpp"
#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"
#include "rule_fixture.hpp"
#include "sim/core/c_rand.hpp"

namespace cimsim::algorithms {
namespace {

// The network every test here trains: 3 -> 4 tanh -> 3 sigmoid -> 2 linear, a batch of two.
struct Fixture : RuleFixture {
  Eigen::MatrixXf x;
  std::vector<std::uint8_t> labels{1, 0};

  Fixture()
      : RuleFixture(3,
                    {{4, Activation::kTanh}, {3, Activation::kSigmoid}, {2, Activation::kLinear}},
                    3, 9) {
    x = Eigen::MatrixXf(3, 2);
    x << 0.5f, -1.0f, 0.25f, 0.75f, -0.5f, 1.0f;
  }
};

Eigen::MatrixXf tanh_prime(const Eigen::MatrixXf& y) {
  return (1.0f - y.array().square()).matrix();
}
Eigen::MatrixXf sigmoid_prime(const Eigen::MatrixXf& y) {
  return (y.array() * (1.0f - y.array())).matrix();
}

TEST(FeedbackRules, DfaProjectsOutputErrorThroughFixedMatrices) {
  Fixture f;
  auto dfa = f.make("dfa");
  const Eigen::MatrixXf w0 = f.net->layer(0).array().weights();
  dfa->train_batch(*f.net, f.x, f.labels, 0.5f);
  const auto& d = dfa->deltas();
  const Eigen::MatrixXf b0 = f.feedback.at("feedback[0]")->weights();  // 4 x 2
  const Eigen::MatrixXf b1 = f.feedback.at("feedback[1]")->weights();  // 3 x 2
  ASSERT_EQ(b0.rows(), 4);
  ASSERT_EQ(b0.cols(), 2);
  const Eigen::MatrixXf e = d[2];
  EXPECT_TRUE(d[1].isApprox((b1 * e).cwiseProduct(sigmoid_prime(f.net->layer(1).output())), 1e-6f));
  EXPECT_TRUE(d[0].isApprox((b0 * e).cwiseProduct(tanh_prime(f.net->layer(0).output())), 1e-6f));
  // The update of layer 0 is W - lr/B * delta x^T, with x augmented by the bias row.
  Eigen::MatrixXf xa(4, 2);
  xa << f.x, Eigen::RowVectorXf::Ones(2);
  EXPECT_TRUE(
      f.net->layer(0).array().weights().isApprox(w0 - 0.5f / 2.0f * d[0] * xa.transpose(), 1e-6f));
}

TEST(FeedbackRules, FaChainsRandomMatricesLayerByLayer) {
  Fixture f;
  auto fa = f.make("fa");
  fa->train_batch(*f.net, f.x, f.labels, 0.1f);
  const auto& d = fa->deltas();
  const Eigen::MatrixXf b0 = f.feedback.at("feedback[0]")->weights();  // 4 x 3
  const Eigen::MatrixXf b1 = f.feedback.at("feedback[1]")->weights();  // 3 x 2
  ASSERT_EQ(b0.cols(), 3);
  EXPECT_TRUE(
      d[1].isApprox((b1 * d[2]).cwiseProduct(sigmoid_prime(f.net->layer(1).output())), 1e-6f));
  EXPECT_TRUE(d[0].isApprox((b0 * d[1]).cwiseProduct(tanh_prime(f.net->layer(0).output())), 1e-6f));
}

TEST(FeedbackRules, DrtpProjectsNegatedOneHotTargets) {
  Fixture f;
  auto drtp = f.make("drtp");
  drtp->train_batch(*f.net, f.x, f.labels, 0.1f);
  Eigen::MatrixXf target = Eigen::MatrixXf::Zero(2, 2);
  target(1, 0) = -1.0f;
  target(0, 1) = -1.0f;
  const Eigen::MatrixXf b0 = f.feedback.at("feedback[0]")->weights();
  EXPECT_TRUE(drtp->deltas()[0].isApprox(
      (b0 * target).cwiseProduct(tanh_prime(f.net->layer(0).output())), 1e-6f));
}

TEST(FeedbackRules, FeedbackMatricesAreSeededAndScaled) {
  Fixture a, b;
  const auto keep_a = a.make("dfa");  // the trainers own the feedback arrays
  const auto keep_b = b.make("dfa");
  EXPECT_EQ(a.feedback.at("feedback[0]")->weights(), b.feedback.at("feedback[0]")->weights());
  EXPECT_NE(Eigen::MatrixXf(a.feedback.at("feedback[0]")->weights().topRows(3)),
            a.feedback.at("feedback[1]")->weights());
  // Uniform entries with variance 1/fan_in: bound sqrt(3/2) for 2 inputs.
  EXPECT_LE(a.feedback.at("feedback[0]")->weights().cwiseAbs().maxCoeff(), std::sqrt(1.5f) + 1e-6f);
}

TEST(FeedbackRules, EveryRuleMakesTheFeedbackItsHardwarePathStates) {
  // Every registered rule against the hardware path it states (what the cost model prices):
  // which feedback matrices exist, their shapes and owners, their sparsity, and whether a
  // training step programs them.
  for (const RuleEntry& rule : trainer_registry().entries()) {
    SCOPED_TRACE(rule.name);
    Fixture f;
    const sim::RulePath path = rule.hardware_path(rule.params.defaults());
    auto trainer = f.make(rule.name);
    EXPECT_EQ(!f.feedback.empty(), path.has_feedback());
    const auto& layers = f.context.layers;
    for (std::size_t l = 0; l + 1 < layers.size() && path.has_feedback(); ++l) {
      const auto found = f.feedback.find(feedback_name(l));
      ASSERT_NE(found, f.feedback.end()) << feedback_name(l);
      const Eigen::MatrixXf b = found->second->weights();
      if (path.chained()) {  // in W_{l+1}^T's place, owned by layer l+1
        EXPECT_EQ(b.rows(), layers[l + 1].kernel_inputs);
        EXPECT_EQ(b.cols(), layers[l + 1].kernel_outputs);
        EXPECT_EQ(path.feedback_owner(l), l + 1);
      } else {  // the classes to layer l
        EXPECT_EQ(b.rows(), layers[l].units);
        EXPECT_EQ(b.cols(), layers.back().units);
        EXPECT_EQ(path.feedback_owner(l), l);
      }
      const double nonzero = static_cast<double>((b.array() != 0.0f).count());
      EXPECT_NEAR(nonzero / static_cast<double>(b.size()), path.feedback_density(b.cols()), 1e-9);
    }
    std::map<std::string, Eigen::MatrixXf> before;
    for (const auto& [name, array] : f.feedback) before[name] = array->weights();
    trainer->train_batch(*f.net, f.x, f.labels, 0.5f);
    for (const auto& [name, array] : f.feedback) {
      EXPECT_EQ(array->weights() != before[name], path.feedback_learned) << name;
    }
  }
}

TEST(FeedbackRules, LayerLearningRateScaleMultipliesThatLayersStep) {
  // NeuroSim V3 trains input->hidden at 0.4 and hidden->output at 0.2: learning_rate 0.4 with
  // scales 1 and 0.5. The step of layer l is lr x scale_l / batch x delta_l input_l^T.
  for (const float scale : {1.0f, 0.5f, 0.25f}) {
    Fixture f;
    f.net->layer(2).set_learning_rate_scale(scale);
    auto bp = f.make("bp");
    const Eigen::MatrixXf w1 = f.net->layer(1).array().weights();
    const Eigen::MatrixXf w2 = f.net->layer(2).array().weights();
    bp->train_batch(*f.net, f.x, f.labels, 0.4f);
    const auto& d = bp->deltas();
    const Eigen::MatrixXf step1 = -0.4f / 2.0f * d[1] * f.net->layer(1).input().transpose();
    const Eigen::MatrixXf step2 = -0.4f * scale / 2.0f * d[2] * f.net->layer(2).input().transpose();
    EXPECT_TRUE((f.net->layer(1).array().weights() - w1).isApprox(step1, 1e-5f)) << scale;
    EXPECT_TRUE((f.net->layer(2).array().weights() - w2).isApprox(step2, 1e-5f)) << scale;
  }
}

TEST(FeedbackRules, NeuroSimInitDrawsTheSevenValuesEvenly) {
  // NeuroSim V3 Mapping.cpp WeightInitialize: (rand() % 7 - 3) / 3, times init_scale here.
  NetworkSpec spec;
  spec.input = {400};
  spec.layers = {{100, Activation::kSigmoid}, {10, Activation::kSigmoid}};
  spec.bias = false;
  spec.init = InitKind::kNeuroSim;
  spec.init_scale = 1.0f;
  core::Rng rng(7);
  Network net(
      spec,
      [](std::size_t, Eigen::Index o, Eigen::Index i) {
        return std::make_unique<SoftwareArray>(o, i, SoftwareArraySpec{});
      },
      rng);
  const Eigen::MatrixXf w = net.layer(0).array().weights();
  std::array<int, 7> counts{};
  for (Eigen::Index k = 0; k < w.size(); ++k) {
    const float level = w.data()[k] * 3.0f + 3.0f;
    ASSERT_NEAR(level, std::round(level), 1e-5f) << w.data()[k];
    counts[static_cast<std::size_t>(std::lround(level))]++;
  }
  for (const int c : counts) EXPECT_NEAR(c, 40000.0 / 7.0, 5 * std::sqrt(40000.0 / 7.0));
}

TEST(FeedbackRules, NeuroSimCRandInitIsWeightInitializesSequence) {
  // srand(2); weight1[j][k] = (rand() % 7 - 3) / 3 row by row, then weight2 (Mapping.cpp
  // WeightInitialize); glibc's first rand() values after srand(2) are in c_rand_test.cpp.
  NetworkSpec spec;
  spec.input = {4};
  spec.layers = {{3, Activation::kSigmoid}, {2, Activation::kSigmoid}};
  spec.bias = false;
  spec.init = InitKind::kNeuroSimCRand;
  spec.init_c_seed = 2;
  core::Rng rng(7);  // unused by this init
  Network net(
      spec,
      [](std::size_t, Eigen::Index o, Eigen::Index i) {
        return std::make_unique<SoftwareArray>(o, i, SoftwareArraySpec{});
      },
      rng);
  core::CRand c_rand(2);
  const auto expect_layer = [&](const Eigen::MatrixXf& w) {
    for (Eigen::Index o = 0; o < w.rows(); ++o) {
      for (Eigen::Index t = 0; t < w.cols(); ++t) {
        EXPECT_FLOAT_EQ(w(o, t), static_cast<float>(c_rand.next() % 7 - 3) / 3.0f) << o << t;
      }
    }
  };
  expect_layer(net.layer(0).array().weights());
  expect_layer(net.layer(1).array().weights());  // continues the same sequence
  // 1505335290 % 7 - 3 = 1 and 190686788 % 7 - 3 = 2: the first and third weights of layer 1.
  EXPECT_FLOAT_EQ(net.layer(0).array().weights()(0, 0), 1.0f / 3.0f);
  EXPECT_FLOAT_EQ(net.layer(0).array().weights()(0, 2), 2.0f / 3.0f);
}

}  // namespace
}  // namespace cimsim::algorithms
