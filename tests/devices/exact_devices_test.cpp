// ideal and sram: exact steps, exact levels.
#include <gtest/gtest.h>

#include <set>

#include "device_test_util.hpp"

namespace cimsim::devices {
namespace {

using testing::make;

TEST(ExactDevicesTest, SramHoldsExactlyTwoToTheBitsLevels) {
  const auto model = make("{type: sram, bits: 3, g_min_siemens: 0, g_max_siemens: 7e-6}");
  EXPECT_EQ(model->info().levels, 8);
  core::Rng rng(1);
  CellBlock block = model->make_block(1, 1, rng);
  std::set<float> seen{block.g(0, 0)};
  for (int p = 0; p < 12; ++p) {
    model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
    seen.insert(block.g(0, 0));
  }
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_FLOAT_EQ(block.g(0, 0), 7e-6f);
  model->apply_pulses(block, PulseArray::Constant(1, 1, -3), rng);
  EXPECT_FLOAT_EQ(block.g(0, 0), 4e-6f);
  model->program(block, CellArray::Constant(1, 1, 2.4e-6f), rng);
  EXPECT_FLOAT_EQ(block.g(0, 0), 2e-6f);
}

TEST(ExactDevicesTest, IdealContinuousStepsAndReadNoise) {
  const auto model = make(
      "{type: ideal, g_min_siemens: 0, g_max_siemens: 1e-5, step_fraction: "
      "0.01, read_noise_std: 0.05}");
  core::Rng rng(1);
  CellBlock block = model->make_block(128, 128, rng);
  model->apply_pulses(block, PulseArray::Constant(128, 128, 30), rng);
  EXPECT_TRUE((block.g - 3e-6f).abs().maxCoeff() < 1e-12f);
  CellArray read;
  model->read(block, read, rng);
  EXPECT_NEAR(testing::mean(read / block.g), 1.0, 2e-3);
  EXPECT_NEAR(testing::stddev(read / block.g), 0.05, 2e-3);
}

TEST(ExactDevicesTest, IdealProgrammingNoiseMatchesConfig) {
  const auto model = make(
      "{type: ideal, g_min_siemens: 0, g_max_siemens: 1e-5, "
      "program_noise_std: 0.02}");
  core::Rng rng(1);
  CellBlock block = model->make_block(128, 128, rng);
  model->program(block, CellArray::Constant(128, 128, 5e-6f), rng);
  EXPECT_NEAR(testing::mean(block.g), 5e-6, 5e-9);
  EXPECT_NEAR(testing::stddev(block.g), 0.02 * 1e-5, 5e-9);
}

}  // namespace
}  // namespace cimsim::devices
