#include "devices/pulse_curve.hpp"

#include <gtest/gtest.h>

#include "device_test_util.hpp"

namespace cimsim::devices {
namespace {

TEST(PulseCurveTest, TracesLtpThenLtd) {
  const auto model = testing::make("{type: sram, bits: 2, g_min_siemens: 0, g_max_siemens: 3e-6}");
  EXPECT_EQ(default_curve_pulses(model->info()), 3);
  core::Rng rng(1);
  const PulseCurve curve = trace_pulse_curve(*model, 2, 4, rng);
  ASSERT_EQ(curve.conductance_siemens.rows(), 2);
  ASSERT_EQ(curve.conductance_siemens.cols(), 9);
  const double expected[] = {0, 1e-6, 2e-6, 3e-6, 3e-6, 2e-6, 1e-6, 0, 0};
  for (int k = 0; k < 9; ++k) EXPECT_NEAR(curve.conductance_siemens(1, k), expected[k], 1e-12);
  const std::string csv = curve_csv(curve);
  EXPECT_EQ(csv.rfind("device,pulse,phase,conductance_siemens\n0,0,start,0\n0,1,ltp,", 0), 0u);
  EXPECT_NE(csv.find("1,8,ltd,0\n"), std::string::npos);
  const std::string sizes = update_size_csv(curve);
  EXPECT_EQ(sizes.rfind("device,direction,conductance_siemens,delta_siemens\n0,up,0,", 0), 0u);
  EXPECT_NE(sizes.find("1,down,"), std::string::npos);
}

TEST(PulseCurveTest, DefaultPulsesForContinuousDevices) {
  const auto model = testing::make("{type: ideal, step_fraction: 0.01}");
  EXPECT_EQ(default_curve_pulses(model->info()), 100);
  const auto fine = testing::make("{preset: idealized}");
  EXPECT_EQ(default_curve_pulses(fine->info()), 2000);
}

}  // namespace
}  // namespace cimsim::devices
