// Properties every registered model and every preset must have (the project's device-test rule):
// bounds, monotone mean response, exact zero-variation behaviour, seed determinism, frozen faults.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "device_test_util.hpp"

namespace cimsim::devices {
namespace {

using testing::make;
using testing::mean;

struct ModelCase {
  std::string noisy;  // variation and noise switched on
  std::string quiet;  // every variation and noise at 0
  bool random;        // whether the noisy config draws random numbers at all
};

const std::string kQuietSteps =
    ", up_down_dtod: 0, dw_min_dtod: 0, dw_min_std: 0, w_min_dtod: 0, w_max_dtod: 0";

// One entry per registered model; RegistryIsCovered fails when a model is added without one.
const std::map<std::string, ModelCase>& model_cases() {
  static const std::map<std::string, ModelCase> cases = {
      {"ideal",
       {"{type: ideal, program_noise_std: 0.01, read_noise_std: 0.01}", "{type: ideal, levels: 33}",
        true}},
      {"sram", {"{type: sram, bits: 4}", "{type: sram, bits: 4}", false}},
      {"neurosim_nonlinear",
       {"{type: neurosim_nonlinear, levels_ltp: 64, levels_ltd: 50, nonlinearity_ltp: 2.4, "
        "nonlinearity_ltd: -4.88, nonlinearity_d2d_std: 0.5, c2c_std: 0.02}",
        "{type: neurosim_nonlinear, levels_ltp: 64, levels_ltd: 50, nonlinearity_ltp: 2.4, "
        "nonlinearity_ltd: -4.88}",
        true}},
      {"constant_step",
       {"{type: constant_step, dw_min: 0.02}",
        "{type: constant_step, dw_min: 0.02" + kQuietSteps + "}", true}},
      {"linear_step",
       {"{type: linear_step, dw_min: 0.02, gamma_up: 0.5, gamma_down: 0.5, write_noise_std: 1}",
        "{type: linear_step, dw_min: 0.02, gamma_up: 0.5, gamma_down: 0.5, gamma_up_dtod: 0, "
        "gamma_down_dtod: 0" +
            kQuietSteps + "}",
        true}},
      {"soft_bounds",
       {"{type: soft_bounds, dw_min: 0.02, mult_noise: false}",
        "{type: soft_bounds, dw_min: 0.02" + kQuietSteps + "}", true}},
      {"exp_step",
       {"{type: exp_step, dw_min: 0.02}", "{type: exp_step, dw_min: 0.02" + kQuietSteps + "}",
        true}},
      {"pow_step",
       {"{type: pow_step, dw_min: 0.02, pow_gamma: 2, pow_up_down: 0.1, pow_up_down_dtod: 0.05}",
        "{type: pow_step, dw_min: 0.02, pow_gamma: 2, pow_gamma_dtod: 0" + kQuietSteps + "}",
        true}},
      {"piecewise_step",
       {"{type: piecewise_step, dw_min: 0.02, piecewise_up: [1.5, 1, 0.5], piecewise_down: [0.5, "
        "1, 1.5]}",
        "{type: piecewise_step, dw_min: 0.02, piecewise_up: [1.5, 1, 0.5], piecewise_down: [0.5, "
        "1, 1.5]" +
            kQuietSteps + "}",
        true}},
      {"pcm",
       {"{type: pcm, set_step_fraction: 0.05, set_step_std: 1.0, set_step_dtod: 0.2, g_max_dtod: "
        "0.1, prog_noise_c0: 0.0105, drift_nu_mean: 0.05, drift_nu_std: 0.01, read_1f_q: 0.0088}",
        "{type: pcm, set_step_fraction: 0.05}", true}},
      {"lookup",
       {"{type: lookup, csv_file: " + testing::synthetic_csv() +
            ", c2c_std: 0.01, program_noise_std: 0.01}",
        "{type: lookup, csv_file: " + testing::synthetic_csv() + "}", true}},
  };
  return cases;
}

// A config under test: a registered model (noisy or quiet) or a preset.
struct Subject {
  std::string name;
  std::string yaml;
  bool random;  // draws random numbers (a different seed must change the trajectory)
};

// A reproducible workload: program random targets, then rounds of random pulse counts, with a
// drift step in between; the pulse pattern comes from its own fixed stream.
CellArray run_trajectory(const DeviceModel& model, std::uint64_t seed, Eigen::Index side = 24) {
  core::Rng rng(seed);
  core::Rng pattern(12345);
  CellBlock block = model.make_block(side, side, rng);
  CellArray targets(side, side);
  pattern.fill_uniform(targets, static_cast<float>(model.info().g_min_siemens),
                       static_cast<float>(model.info().g_max_siemens));
  model.program(block, targets, rng);
  for (int round = 0; round < 12; ++round) {
    PulseArray pulses(side, side);
    for (Eigen::Index i = 0; i < pulses.size(); ++i) {
      pulses(i) = static_cast<int>(pattern.below(9)) - 4;
    }
    model.apply_pulses(block, pulses, rng);
    if (round == 6) model.drift(block, 100.0);
  }
  CellArray out;
  model.read(block, out, rng);
  return out;
}

class DevicePropertyTest : public ::testing::TestWithParam<Subject> {};

TEST_P(DevicePropertyTest, ConductanceStaysWithinEachCellsBounds) {
  const auto model = make(GetParam().yaml);
  core::Rng rng(7);
  core::Rng pattern(8);
  CellBlock block = model->make_block(32, 32, rng);
  ASSERT_TRUE((block.g_lo <= block.g_hi).all());
  ASSERT_TRUE((block.g_lo >= 0).all());
  for (int round = 0; round < 40; ++round) {
    PulseArray pulses(32, 32);
    for (Eigen::Index i = 0; i < pulses.size(); ++i) {
      pulses(i) = static_cast<int>(pattern.below(21)) - 10;
    }
    model->apply_pulses(block, pulses, rng);
    ASSERT_TRUE(block.g.allFinite());
    ASSERT_TRUE((block.g >= block.g_lo).all() && (block.g <= block.g_hi).all()) << round;
  }
  CellArray targets =
      CellArray::Constant(32, 32, static_cast<float>(model->info().g_max_siemens * 2));
  model->program(block, targets, rng);
  EXPECT_TRUE((block.g >= block.g_lo).all() && (block.g <= block.g_hi).all());
  model->drift(block, 1e4);
  EXPECT_TRUE((block.g >= block.g_lo).all() && (block.g <= block.g_hi).all());
}

TEST_P(DevicePropertyTest, PotentiationRaisesAndDepressionLowersTheMean) {
  const auto model = make(GetParam().yaml);
  core::Rng rng(3);
  CellBlock block = model->make_block(64, 64, rng);
  const PulseArray up = PulseArray::Ones(64, 64);
  // Stay below ~30 % of the range so saturation does not hide the trend.
  const int trains = 8;
  const int per_train = std::max<int>(1, static_cast<int>(model->info().levels / 30));
  double before = mean(block.g);
  for (int t = 0; t < trains; ++t) {
    for (int p = 0; p < per_train; ++p) model->apply_pulses(block, up, rng);
    const double after = mean(block.g);
    EXPECT_GE(after, before) << "potentiation train " << t;
    before = after;
  }
  for (int t = 0; t < trains; ++t) {
    for (int p = 0; p < per_train; ++p) model->apply_pulses(block, -up, rng);
    const double after = mean(block.g);
    EXPECT_LE(after, before) << "depression train " << t;
    before = after;
  }
}

TEST_P(DevicePropertyTest, SameSeedSameTrajectoryDifferentSeedDifferent) {
  const auto model = make(GetParam().yaml);
  const CellArray a = run_trajectory(*model, 11);
  const CellArray b = run_trajectory(*model, 11);
  EXPECT_TRUE((a == b).all());
  const CellArray c = run_trajectory(*model, 12);
  if (GetParam().random) {
    EXPECT_FALSE((a == c).all());
  }
}

TEST_P(DevicePropertyTest, FrozenCellsNeverMove) {
  const std::string yaml = GetParam().yaml.substr(0, GetParam().yaml.size() - 1) +
                           ", stuck_at_g_min_fraction: 0.1, stuck_at_g_max_fraction: 0.1, "
                           "dead_fraction: 0.1}";
  const auto model = make(yaml);
  core::Rng rng(5);
  CellBlock block = model->make_block(64, 64, rng);
  const auto frozen = (block.g_lo == block.g_hi);
  const CellArray start = block.g;
  const double fraction = frozen.cast<double>().mean();
  EXPECT_NEAR(fraction, 0.3, 0.04);
  const auto g_min = static_cast<float>(model->info().g_min_siemens);
  const auto g_max = static_cast<float>(model->info().g_max_siemens);
  if (g_min > 0) {
    EXPECT_NEAR((frozen && block.g == 0.0f).cast<double>().mean(), 0.1, 0.03);
    EXPECT_NEAR((frozen && block.g == g_min).cast<double>().mean(), 0.1, 0.03);
  } else {  // stuck at g_min = 0 and dead cells look alike
    EXPECT_NEAR((frozen && block.g == 0.0f).cast<double>().mean(), 0.2, 0.04);
  }
  EXPECT_NEAR((frozen && block.g == g_max).cast<double>().mean(), 0.1, 0.03);
  core::Rng pattern(9);
  for (int round = 0; round < 10; ++round) {
    PulseArray pulses(64, 64);
    for (Eigen::Index i = 0; i < pulses.size(); ++i) {
      pulses(i) = static_cast<int>(pattern.below(11)) - 5;
    }
    model->apply_pulses(block, pulses, rng);
  }
  model->program(block, CellArray::Constant(64, 64, 0.5f * (g_min + g_max)), rng);
  model->drift(block, 1e5);
  EXPECT_TRUE((frozen.select(block.g, start) == start).all());
  CellArray read;
  model->read(block, read, rng);
  EXPECT_TRUE((frozen && block.g == 0.0f).select(read, 0.0f).isZero());
}

TEST_P(DevicePropertyTest, EnduranceFreezesWornOutCells) {
  const std::string yaml =
      GetParam().yaml.substr(0, GetParam().yaml.size() - 1) + ", endurance_pulses: 6}";
  const auto model = make(yaml);
  core::Rng rng(5);
  CellBlock block = model->make_block(8, 8, rng);
  PulseArray pulses = PulseArray::Zero(8, 8);
  pulses.col(0).setConstant(3);
  model->apply_pulses(block, pulses, rng);
  model->apply_pulses(block, pulses, rng);  // column 0 has now taken 6 pulses
  const CellArray worn = block.g.col(0);
  pulses.setConstant(2);
  model->apply_pulses(block, pulses, rng);
  EXPECT_TRUE((block.g.col(0) == worn).all());
  EXPECT_TRUE((block.g_lo.col(0) == block.g_hi.col(0)).all());
  EXPECT_TRUE((block.g_lo.col(1) < block.g_hi.col(1)).all());
}

std::vector<Subject> model_subjects() {
  std::vector<Subject> out;
  for (const auto& [name, c] : model_cases()) {
    out.push_back({name + "_noisy", c.noisy, c.random});
    out.push_back({name + "_quiet", c.quiet, false});
  }
  return out;
}

std::vector<Subject> preset_subjects() {
  std::vector<Subject> out;
  for (const std::string& name : preset_names()) {
    out.push_back({name, "{preset: " + name + "}", name != "ideal" && name != "sram_8bit"});
  }
  return out;
}

std::string subject_name(const ::testing::TestParamInfo<Subject>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Models, DevicePropertyTest, ::testing::ValuesIn(model_subjects()),
                         subject_name);
INSTANTIATE_TEST_SUITE_P(Presets, DevicePropertyTest, ::testing::ValuesIn(preset_subjects()),
                         subject_name);

TEST(DeviceRegistryTest, EveryRegisteredModelHasPropertyCases) {
  std::set<std::string> registered;
  for (const auto& e : device_registry().entries()) registered.insert(e.name);
  std::set<std::string> covered;
  for (const auto& [name, c] : model_cases()) covered.insert(name);
  EXPECT_EQ(registered, covered);
}

TEST(DeviceRegistryTest, PresetsExist) { EXPECT_GE(preset_names().size(), 12u); }

// With every variation at zero all cells of a block follow one and the same trajectory, for
// any seed.
class QuietModelTest : public ::testing::TestWithParam<std::string> {};

TEST_P(QuietModelTest, ZeroVariationIsDeterministicAndUniform) {
  const auto model = make(model_cases().at(GetParam()).quiet);
  CellArray first;
  for (const std::uint64_t seed : {1u, 2u}) {
    core::Rng rng(seed);
    CellBlock block = model->make_block(16, 16, rng);
    CellArray history(16 * 16, 30);
    for (int step = 0; step < 30; ++step) {
      const int n = (step % 10 < 6) ? 1 + step % 3 : -(1 + step % 2);
      model->apply_pulses(block, PulseArray::Constant(16, 16, n), rng);
      EXPECT_TRUE((block.g == block.g(0, 0)).all()) << step;
      history.col(step) = block.g.reshaped();
    }
    if (seed == 1u) {
      first = history;
    } else {
      EXPECT_TRUE((history == first).all());
    }
  }
}

std::vector<std::string> model_names() {
  std::vector<std::string> out;
  for (const auto& [name, c] : model_cases()) out.push_back(name);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Models, QuietModelTest, ::testing::ValuesIn(model_names()));

}  // namespace
}  // namespace cimsim::devices
