// neurosim_nonlinear against the closed form of Chen, Peng & Yu (IEEE TCAD 2018).
#include "devices/neurosim_device.hpp"

#include <gtest/gtest.h>

#include <set>

#include "device_test_util.hpp"
#include "devices/nonlinearity.hpp"

namespace cimsim::devices {
namespace {

using testing::make;

// full_range_pulses: levels_minus_one puts G_max at levels - 1 pulses, levels at maxNumLevel
// pulses, as NeuroSim V3's A and B do.
TEST(NeurosimDeviceTest, LtpFollowsPublishedFormula) {
  for (const auto& [choice, p_max] : {std::pair{"levels_minus_one", 96}, std::pair{"levels", 97}}) {
    const auto model = make(
        "{type: neurosim_nonlinear, g_min_siemens: 1e-7, g_max_siemens: 4e-6, levels_ltp: 97, "
        "levels_ltd: 100, nonlinearity_ltp: 2.4, nonlinearity_ltd: -4.88, full_range_pulses: " +
        std::string(choice) + "}");
    core::Rng rng(1);
    CellBlock block = model->make_block(1, 1, rng);
    const double a = normalized_a_from_label(2.4) * p_max;
    const double b = (4e-6 - 1e-7) / (1 - std::exp(-p_max / a));
    for (int p = 1; p <= p_max; ++p) {
      model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
      const double expected = b * (1 - std::exp(-p / a)) + 1e-7;  // G(P) = B(1 - e^{-P/A}) + Gmin
      EXPECT_NEAR(block.g(0, 0), expected, 2e-5 * 4e-6) << choice << " " << p;
      EXPECT_NEAR(expected, neurosim_ltp_conductance(p, p_max, a / p_max, 1e-7, 4e-6), 1e-15);
      if (p == p_max - 1) {
        EXPECT_LT(block.g(0, 0), 0.999f * 4e-6f) << choice;  // one pulse short of the top
      }
    }
    EXPECT_FLOAT_EQ(block.g(0, 0), 4e-6f) << choice;
  }
  const auto linear = make(
      "{type: neurosim_nonlinear, levels_ltp: 64, nonlinearity_ltp: 0, full_range_pulses: levels}");
  EXPECT_NEAR(linear->info().dw_min_siemens,
              (linear->info().g_max_siemens - linear->info().g_min_siemens) / 64,
              1e-6 * linear->info().g_max_siemens);
}

TEST(NeurosimDeviceTest, LtdIsTheMirroredCurveOfItsLabel) {
  const auto model = make(
      "{type: neurosim_nonlinear, g_min_siemens: 1e-7, g_max_siemens: 4e-6, levels_ltp: 20, "
      "levels_ltd: 51, nonlinearity_ltp: 1, nonlinearity_ltd: -3}");
  core::Rng rng(1);
  CellBlock block = model->make_block(1, 1, rng);
  model->program(block, CellArray::Constant(1, 1, 4e-6f), rng);
  // NeuroSim's LTD branch with A < 0 seen from G_max: G = Gmax - B'(1 - e^{-Pd/|A|}).
  const double a = -normalized_a_from_label(-3) * 50;
  const double b = (4e-6 - 1e-7) / (1 - std::exp(-50 / a));
  for (int p = 1; p <= 50; ++p) {
    model->apply_pulses(block, -PulseArray::Ones(1, 1), rng);
    EXPECT_NEAR(block.g(0, 0), 4e-6 - b * (1 - std::exp(-p / a)), 2e-5 * 4e-6) << p;
  }
}

TEST(NeurosimDeviceTest, MultiPulseWriteEqualsSinglePulses) {
  const std::string yaml =
      "{type: neurosim_nonlinear, levels_ltp: 64, levels_ltd: 64, nonlinearity_ltp: 3, "
      "nonlinearity_ltd: -2}";
  const auto model = make(yaml);
  core::Rng rng(1);
  CellBlock once = model->make_block(1, 1, rng);
  CellBlock steps = model->make_block(1, 1, rng);
  model->apply_pulses(once, PulseArray::Constant(1, 1, 17), rng);
  for (int i = 0; i < 17; ++i) model->apply_pulses(steps, PulseArray::Ones(1, 1), rng);
  EXPECT_NEAR(once.g(0, 0), steps.g(0, 0), 1e-5 * model->info().g_max_siemens);
}

// bounds: conductance lets a write run past the end of the curve before the noise, so a cell
// pushed into G_max stays there; bounds: position starts the noise from G_max itself, so about
// half of such writes leave the cell below it.
TEST(NeurosimDeviceTest, BoundsDecideWhereNoiseOfASaturatingWriteStarts) {
  const auto fraction_at_top = [](const std::string& bounds) {
    const auto model = make(
        "{type: neurosim_nonlinear, levels_ltp: 64, nonlinearity_ltp: 0, c2c_std: 0.02, "
        "bounds: " +
        bounds + "}");
    core::Rng rng(4);
    CellBlock block = model->make_block(64, 64, rng);
    const auto g_max = static_cast<float>(model->info().g_max_siemens);
    model->program(block, CellArray::Constant(64, 64, g_max), rng);
    model->apply_pulses(block, PulseArray::Constant(64, 64, 16), rng);
    return (block.g == g_max).cast<double>().mean();
  };
  EXPECT_NEAR(fraction_at_top("position"), 0.5, 0.05);
  EXPECT_GT(fraction_at_top("conductance"), 0.99);
  // Inside the range both follow the same curve.
  const auto inside = [](const std::string& bounds) {
    const auto model = make(
        "{type: neurosim_nonlinear, levels_ltp: 64, levels_ltd: 64, nonlinearity_ltp: 3, "
        "nonlinearity_ltd: -2, bounds: " +
        bounds + "}");
    core::Rng rng(1);
    CellBlock block = model->make_block(1, 1, rng);
    model->apply_pulses(block, PulseArray::Constant(1, 1, 40), rng);
    model->apply_pulses(block, PulseArray::Constant(1, 1, -10), rng);
    return block.g(0, 0);
  };
  EXPECT_FLOAT_EQ(inside("conductance"), inside("position"));
}

TEST(NeurosimDeviceTest, DistinctLevelsEqualConfiguredCount) {
  for (const int levels : {8, 33, 97}) {
    const auto model = make("{type: neurosim_nonlinear, levels_ltp: " + std::to_string(levels) +
                            ", nonlinearity_ltp: 2}");
    core::Rng rng(1);
    CellBlock block = model->make_block(1, 1, rng);
    std::set<float> seen{block.g(0, 0)};
    for (int p = 0; p < 2 * levels; ++p) {
      model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
      seen.insert(block.g(0, 0));
    }
    EXPECT_EQ(static_cast<int>(seen.size()), levels);
    EXPECT_EQ(model->info().levels, levels);
  }
}

// The label quoted for a preset sets the largest gap between its normalized LTP curve and the
// straight line: 0.099 x label (NeuroSim's table, see nonlinearity.hpp).
double largest_gap_from_line(const std::string& preset) {
  const auto model = make("{preset: " + preset + ", c2c_std: 0}");  // the noise-free curve
  core::Rng rng(1);
  CellBlock block = model->make_block(1, 1, rng);
  const double g_min = model->info().g_min_siemens;
  const double range = model->info().g_max_siemens - g_min;
  const int p_max = static_cast<int>(model->info().levels) - 1;
  double gap = 0;
  for (int p = 1; p <= p_max; ++p) {
    model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
    gap = std::max(gap, (block.g(0, 0) - g_min) / range - static_cast<double>(p) / p_max);
  }
  return gap;
}

TEST(NeurosimDeviceTest, PresetShapesMatchTheirQuotedNonlinearity) {
  // Ag:a-Si LTP 2.4 and TaOx/HfOx LTP 0.04 (NeuroSim device table); the discrete curve samples
  // the continuous maximum within a fraction of a pulse.
  EXPECT_NEAR(largest_gap_from_line("agsi"), 0.099 * 2.4, 0.004);
  EXPECT_NEAR(largest_gap_from_line("taox_hfox"), 0.099 * 0.04, 0.0004);
  EXPECT_NEAR(largest_gap_from_line("pcmo"), 0.099 * 3.68, 0.006);
}

TEST(NeurosimDeviceTest, CycleToCycleSpreadMatchesConfig) {
  const auto model =
      make("{type: neurosim_nonlinear, levels_ltp: 64, nonlinearity_ltp: 0, c2c_std: 0.02}");
  core::Rng rng(4);
  CellBlock block = model->make_block(128, 128, rng);
  model->program(block, CellArray::Constant(128, 128, 2.5e-6f), rng);
  const CellArray before = block.g;
  model->apply_pulses(block, PulseArray::Constant(128, 128, 4), rng);
  const CellArray delta = block.g - before;
  const double range = model->info().g_max_siemens - model->info().g_min_siemens;
  EXPECT_NEAR(testing::mean(delta), 4 * range / 63, 0.01 * range);
  // NeuroSim: sigma_c2c (Gmax - Gmin) sqrt(|n|).
  EXPECT_NEAR(testing::stddev(delta), 0.02 * range * 2, 0.002 * range * 2);
}

TEST(NeurosimDeviceTest, DeviceToDeviceLabelSpreadMatchesConfig) {
  const auto model = make(
      "{type: neurosim_nonlinear, levels_ltp: 50, nonlinearity_ltp: 3, nonlinearity_d2d_std: "
      "0.4}");
  core::Rng rng(4);
  const CellBlock block = model->make_block(64, 64, rng);
  // Recover each cell's label from its A: label = deviation(A / P_max) / 0.099.
  CellArray labels(64, 64);
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    labels(i) = static_cast<float>(nonlinearity_deviation(block.up_shape(i) / 49.0) / 0.099);
  }
  EXPECT_NEAR(testing::mean(labels), 3.0, 0.03);
  EXPECT_NEAR(testing::stddev(labels), 0.4, 0.02);
}

}  // namespace
}  // namespace cimsim::devices
