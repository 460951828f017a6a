// pcm: drift power law, abrupt RESET, programming and read noise statistics.
#include <gtest/gtest.h>

#include "device_test_util.hpp"

namespace cimsim::devices {
namespace {

using testing::make;
using testing::mean;
using testing::stddev;

TEST(PcmDeviceTest, DriftFollowsThePowerLaw) {
  const auto model = make("{type: pcm, g_max_siemens: 25e-6, drift_nu_mean: 0.06, drift_t0_s: 20}");
  core::Rng rng(1);
  CellBlock block = model->make_block(4, 4, rng);
  model->program(block, CellArray::Constant(4, 4, 15e-6f), rng);
  const CellArray g0 = block.g;
  model->drift(block, 1000.0);
  model->drift(block, 9000.0);  // ages add up: t = 10000 s
  const CellArray expected = g0 * static_cast<float>(std::pow((20.0 + 1e4) / 20.0, -0.06));
  EXPECT_TRUE(block.g.isApprox(expected, 1e-5f));
  // A write restarts the clock.
  model->apply_pulses(block, PulseArray::Ones(4, 4), rng);
  const CellArray written = block.g;
  model->drift(block, 20.0);
  EXPECT_TRUE(block.g.isApprox(written * static_cast<float>(std::pow(2.0, -0.06)), 1e-5f));
}

TEST(PcmDeviceTest, DriftExponentSpreadMatchesConfig) {
  const auto model = make("{type: pcm, drift_nu_mean: 0.05, drift_nu_std: 0.01}");
  core::Rng rng(1);
  const CellBlock block = model->make_block(128, 128, rng);
  EXPECT_NEAR(mean(block.drift_nu), 0.05, 5e-4);
  EXPECT_NEAR(stddev(block.drift_nu), 0.01, 5e-4);
}

TEST(PcmDeviceTest, AnyDepressionIsOneAbruptReset) {
  const auto model = make("{type: pcm, set_step_fraction: 0.1}");
  EXPECT_TRUE(model->info().potentiation_only);
  core::Rng rng(1);
  CellBlock block = model->make_block(2, 2, rng);
  model->apply_pulses(block, PulseArray::Constant(2, 2, 5), rng);
  EXPECT_TRUE((block.g > block.g_lo).all());
  PulseArray reset(2, 2);
  reset << -1, -7, 0, 0;
  const CellArray before = block.g;
  model->apply_pulses(block, reset, rng);
  EXPECT_EQ(block.g(0, 0), block.g_lo(0, 0));
  EXPECT_EQ(block.g(0, 1), block.g_lo(0, 1));
  EXPECT_EQ(block.g(1, 0), before(1, 0));
}

TEST(PcmDeviceTest, SetStepsSaturateTowardsGmax) {
  // Noise-free SET: g_n - g_min = range (1 - (1 - f)^n) for set_saturation 1.
  const auto model =
      make("{type: pcm, set_step_fraction: 0.1, g_min_siemens: 0, g_max_siemens: 1e-5}");
  core::Rng rng(1);
  CellBlock block = model->make_block(1, 1, rng);
  for (int n = 1; n <= 30; ++n) {
    model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
    EXPECT_NEAR(block.g(0, 0), 1e-5 * (1 - std::pow(0.9, n)), 1e-11) << n;
  }
}

TEST(PcmDeviceTest, ProgrammingNoiseFollowsThePolynomial) {
  const auto model = make(
      "{type: pcm, g_max_siemens: 25e-6, g_min_siemens: 0, prog_noise_c0: "
      "0.0105392, prog_noise_c1: 0.0786, prog_noise_c2: -0.046924}");
  core::Rng rng(1);
  CellBlock block = model->make_block(128, 128, rng);
  model->program(block, CellArray::Constant(128, 128, 12.5e-6f), rng);
  const double x = 0.5;
  const double sd = 25e-6 * (0.0105392 + 0.0786 * x - 0.046924 * x * x);  // ~1.12 uS
  EXPECT_NEAR(mean(block.g), 12.5e-6, 0.03 * sd);
  EXPECT_NEAR(stddev(block.g), sd, 0.03 * sd);
}

TEST(PcmDeviceTest, FlickerReadNoiseGrowsWithTime) {
  const auto model = make("{type: pcm, g_max_siemens: 25e-6, read_1f_q: 0.0088}");
  core::Rng rng(1);
  CellBlock block = model->make_block(128, 128, rng);
  model->program(block, CellArray::Constant(128, 128, 25e-6f), rng);
  auto relative_sd = [&]() {
    CellArray read;
    model->read(block, read, rng);
    return stddev(read / block.g);
  };
  // Q(1) = 0.0088; sd = Q sqrt(ln((t0 + t + t_read) / (2 t_read))).
  EXPECT_NEAR(relative_sd(), 0.0088 * std::sqrt(std::log((20 + 250e-9) / 500e-9)), 1e-3);
  model->drift(block, 1e6);
  EXPECT_NEAR(relative_sd(), 0.0088 * std::sqrt(std::log((20 + 1e6 + 250e-9) / 500e-9)), 1e-3);
}

}  // namespace
}  // namespace cimsim::devices
