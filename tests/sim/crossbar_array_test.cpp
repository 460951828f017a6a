// Crossbar tiles against the float products they stand for, stage by stage.
#include "sim/crossbar_array.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "devices/device_factory.hpp"

namespace cimsim::sim {
namespace {

std::shared_ptr<const devices::DeviceModel> device(const std::string& yaml) {
  return devices::make_device(core::ConfigNode::parse(yaml, "device.yaml"));
}

// A continuous, noise-free device with very fine pulses.
std::shared_ptr<const devices::DeviceModel> ideal_device() {
  return device(
      "type: ideal\ng_min_siemens: 1e-7\ng_max_siemens: 1e-5\nlevels: 0\nstep_fraction: 1e-5\n");
}

CrossbarConfig all_off(std::shared_ptr<const devices::DeviceModel> dev) {
  CrossbarConfig c;
  c.tile.rows = 8;  // several tiles with remainders for a 13 x 21 matrix
  c.tile.cols = 8;
  c.tile.cols_per_adc = 2;
  c.tile.cell_bits = 8;
  c.tile.weight_bits = 8;
  c.numerics.quantize_inputs = false;
  c.numerics.adc = false;
  c.numerics.read_noise = false;
  c.numerics.max_pulses = 1 << 20;
  c.device = std::move(dev);
  return c;
}

Eigen::MatrixXf random(Eigen::Index r, Eigen::Index c, std::uint64_t seed, float lo = -1,
                       float hi = 1) {
  core::Rng rng(seed);
  Eigen::MatrixXf m(r, c);
  rng.fill_uniform(m.data(), static_cast<std::size_t>(m.size()), lo, hi);
  return m;
}

TEST(CrossbarArray, IdealDeviceWithEveryStageOffIsTheFloatProduct) {
  for (const char* mapping : {"differential", "reference"}) {
    CrossbarConfig config = all_off(ideal_device());
    config.tile.mapping = std::string(mapping) == "reference" ? WeightMapping::kReference
                                                              : WeightMapping::kDifferential;
    CrossbarArray array(13, 21, config, core::Rng(1));
    const Eigen::MatrixXf w = random(13, 21, 2, -0.9f, 0.9f);
    array.set_weights(w);
    EXPECT_TRUE(array.weights().isApprox(w, 1e-5f)) << mapping;
    const Eigen::MatrixXf x = random(21, 5, 3);
    Eigen::MatrixXf y, back;
    array.forward(x, y);
    const Eigen::MatrixXf expected = array.weights() * x;
    EXPECT_LE((y - expected).cwiseAbs().maxCoeff(), 1e-5f * expected.cwiseAbs().maxCoeff())
        << mapping;
    const Eigen::MatrixXf e = random(13, 4, 4);
    array.backward(e, back);
    const Eigen::MatrixXf expected_back = array.weights().transpose() * e;
    EXPECT_LE((back - expected_back).cwiseAbs().maxCoeff(),
              1e-5f * expected_back.cwiseAbs().maxCoeff());
    core::Rng noise(5);
    Eigen::MatrixXf inferred;
    array.infer(x, inferred, noise);
    EXPECT_EQ(inferred, y);
  }
}

TEST(CrossbarArray, IrDropWeakensSumsMostFarFromDriverAndSenseAmp) {
  CrossbarConfig config = all_off(ideal_device());
  CrossbarArray ideal(8, 8, config, core::Rng(1));
  config.numerics.ir_drop = IrDropMode::kClosedForm;
  config.numerics.wire_resistance_ohm = 2000.0;  // large, to make the effect plain
  CrossbarArray dropped(8, 8, config, core::Rng(1));
  const Eigen::MatrixXf w = Eigen::MatrixXf::Constant(8, 8, 0.9f);
  ideal.set_weights(w);
  dropped.set_weights(w);
  const Eigen::MatrixXf x = Eigen::MatrixXf::Ones(8, 1);
  Eigen::MatrixXf y_ideal, y_dropped;
  ideal.forward(x, y_ideal);
  dropped.forward(x, y_dropped);
  EXPECT_TRUE((y_dropped.array() < y_ideal.array()).all());
  // Outputs further along the wordline see more wire: their sums drop more.
  EXPECT_LT(y_dropped(7, 0), y_dropped(0, 0));
  // With the solver, the far column loses more as well, and the sums stay below the ideal ones.
  config.numerics.ir_drop = IrDropMode::kSolver;
  CrossbarArray solved(8, 8, config, core::Rng(1));
  solved.set_weights(w);
  Eigen::MatrixXf y_solved;
  solved.forward(x, y_solved);
  EXPECT_TRUE((y_solved.array() < y_ideal.array()).all());
  EXPECT_LT(y_solved(7, 0), y_solved(0, 0));
}

TEST(CrossbarArray, BitSlicedWeightsRecombineByShiftAdd) {
  CrossbarConfig config = all_off(ideal_device());
  config.tile.cell_bits = 2;
  config.tile.weight_bits = 6;  // three slices of two bits
  config.trainable = false;
  CrossbarArray array(6, 10, config, core::Rng(1));
  const Eigen::MatrixXf w = random(6, 10, 7);
  array.set_weights(w);
  // Six bits of magnitude: |w| lands on a multiple of 1/63.
  EXPECT_LE((array.weights() - w).cwiseAbs().maxCoeff(), 0.5f / 63.0f + 1e-5f);
  const Eigen::MatrixXf x = random(10, 3, 8);
  Eigen::MatrixXf y;
  array.forward(x, y);
  EXPECT_TRUE(y.isApprox(array.weights() * x, 1e-5f));
}

TEST(CrossbarArray, BitSerialInputEqualsDacOfTheSameBits) {
  for (int bits : {1, 3, 8}) {
    CrossbarConfig dac = all_off(ideal_device());
    dac.numerics.quantize_inputs = true;
    dac.tile.input_bits = bits;
    dac.tile.input_mode = InputMode::kDac;
    CrossbarConfig serial = dac;
    serial.tile.input_mode = InputMode::kBitSerial;
    CrossbarArray a(9, 17, dac, core::Rng(1));
    CrossbarArray b(9, 17, serial, core::Rng(1));
    const Eigen::MatrixXf w = random(9, 17, 11);
    a.set_weights(w);
    b.set_weights(w);
    const Eigen::MatrixXf x = random(17, 4, 12);
    Eigen::MatrixXf ya, yb;
    a.forward(x, ya);
    b.forward(x, yb);
    EXPECT_LE((ya - yb).cwiseAbs().maxCoeff(), 1e-5f * ya.cwiseAbs().maxCoeff()) << bits;
    // And both equal the float product of the inputs quantized to `bits` (per-sample scale).
    const float levels = std::ldexp(1.0f, bits) - 1.0f;
    Eigen::MatrixXf xq = x;
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      const float s = x.col(c).cwiseAbs().maxCoeff();
      xq.col(c) = ((x.col(c) / s * levels).array().round() / levels * s).matrix();
    }
    const Eigen::MatrixXf expected = a.weights() * xq;
    EXPECT_LE((ya - expected).cwiseAbs().maxCoeff(), 1e-5f * expected.cwiseAbs().maxCoeff())
        << bits;
    // Bit-serial reads take one cycle per bit and sign.
    EXPECT_EQ(b.counts()[Phase::kForward].input_bit_cycles, 17.0 * bits * 2 * 4);
  }
}

TEST(CrossbarArray, AdcErrorIsBoundedByHalfAStepOfItsRange) {
  CrossbarConfig config = all_off(ideal_device());
  config.numerics.adc = true;
  config.numerics.adc_range = AdcRangeMode::kMax;
  config.tile.adc_bits = 6;
  config.tile.rows = 32;
  CrossbarArray array(5, 32, config, core::Rng(1));
  array.set_weights(random(5, 32, 3));
  const Eigen::MatrixXf x = random(32, 1, 4, 0.0f, 1.0f);
  Eigen::MatrixXf y;
  array.forward(x, y);
  const Eigen::MatrixXf exact = array.weights() * x;
  // Full scale: 32 rows x (g_max - g_min), expressed in weight units x the input scale.
  const float full_scale_w =
      32.0f * static_cast<float>(config.numerics.weight_range) * x.maxCoeff();
  const float step = full_scale_w / 32.0f;  // 2^(6-1) codes per side
  EXPECT_LE((y - exact).cwiseAbs().maxCoeff(), 0.5f * step * 1.001f);
  EXPECT_EQ(array.counts()[Phase::kForward].adc_conversions_by_bits[6], 5.0);
}

TEST(CrossbarArray, PulseUpdateMovesWeightsByWholePulses) {
  CrossbarConfig config = all_off(device(
      "type: ideal\ng_min_siemens: 1e-7\ng_max_siemens: 1e-5\nlevels: 0\nstep_fraction: 0.01\n"));
  config.numerics.max_pulses = 5;
  CrossbarArray array(4, 6, config, core::Rng(1));
  array.set_weights(Eigen::MatrixXf::Zero(4, 6));
  const Eigen::MatrixXf delta = random(4, 1, 5);
  Eigen::MatrixXf x = random(6, 1, 6, 0.0f, 1.0f);
  x(2, 0) = 0.0f;  // a row without input gets no pulse
  array.update(delta, x, 0.05f);
  const Eigen::MatrixXf change = array.weights();
  const float per_pulse = array.weight_per_pulse();
  EXPECT_NEAR(per_pulse, 2 * 0.01f * 1.0f, 1e-6f);  // both sides move: 2 x 1 % of the range
  const Eigen::MatrixXf wanted = -0.05f * delta * x.transpose();
  const Eigen::MatrixXf pulses = (wanted / per_pulse).array().round().max(-5.0f).min(5.0f).matrix();
  EXPECT_LE((change - pulses * per_pulse).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_EQ(change.col(2).cwiseAbs().maxCoeff(), 0.0f);
  const PhaseCounts& write = array.counts()[Phase::kWeightUpdate];
  EXPECT_EQ(write.ltp_pulses + write.ltd_pulses, 2.0 * pulses.cwiseAbs().sum());
}

TEST(CrossbarArray, StochasticUpdateIsUnbiased) {
  CrossbarConfig config = all_off(device(
      "type: ideal\ng_min_siemens: 1e-7\ng_max_siemens: 1e-5\nlevels: 0\nstep_fraction: 0.001\n"));
  config.numerics.update = UpdateMode::kStochastic;
  config.numerics.bit_length = 16;
  CrossbarArray array(3, 4, config, core::Rng(1));
  array.set_weights(Eigen::MatrixXf::Zero(3, 4));
  Eigen::MatrixXf delta(3, 1), x(4, 1);
  delta << 0.5f, -0.25f, 0.1f;
  x << 1.0f, 0.5f, 0.25f, 0.8f;
  const int repeats = 150;  // stays inside the weight range
  for (int r = 0; r < repeats; ++r) array.update(delta, x, 0.01f);
  const Eigen::MatrixXf expected = -0.01f * repeats * delta * x.transpose();
  EXPECT_LE((array.weights() - expected).cwiseAbs().maxCoeff(),
            0.12f * expected.cwiseAbs().maxCoeff());
}

TEST(CrossbarArray, MixedPrecisionFiresOnlyPastOneStep) {
  CrossbarConfig config = all_off(device(
      "type: ideal\ng_min_siemens: 1e-7\ng_max_siemens: 1e-5\nlevels: 0\nstep_fraction: 0.01\n"));
  config.numerics.update = UpdateMode::kMixedPrecision;
  CrossbarArray array(1, 1, config, core::Rng(1));
  array.set_weights(Eigen::MatrixXf::Zero(1, 1));
  const float step = array.weight_per_pulse();
  Eigen::MatrixXf delta(1, 1), x(1, 1);
  delta << -0.3f * step;
  x << 1.0f;
  for (int i = 0; i < 3; ++i) array.update(delta, x, 1.0f);  // 0.9 step accumulated
  EXPECT_EQ(array.weights()(0, 0), 0.0f);
  array.update(delta, x, 1.0f);  // 1.2 steps: one pulse fires, 0.2 stays behind
  EXPECT_NEAR(array.weights()(0, 0), step, 1e-6f);
  EXPECT_EQ(array.counts()[Phase::kWeightUpdate].ltp_pulses, 1.0);
}

TEST(CrossbarArray, ReadNoiseHasTheColumnSumVariance) {
  CrossbarConfig config = all_off(device(
      "type: ideal\ng_min_siemens: 1e-7\ng_max_siemens: 1e-5\nlevels: 0\nread_noise_std: 0.05\n"));
  config.numerics.read_noise = true;
  config.tile.rows = 64;
  CrossbarArray array(1, 64, config, core::Rng(1));
  array.set_weights(Eigen::MatrixXf::Constant(1, 64, 0.5f));
  const Eigen::MatrixXf x = Eigen::MatrixXf::Ones(64, 2000);
  Eigen::MatrixXf y;
  array.forward(x, y);
  const double mean = y.mean();
  const double sd = std::sqrt((y.array() - mean).square().mean());
  // Each pair sits around mid-range: G+- = mid +- 0.25 range; relative noise on both.
  const double mid = 0.5 * (1e-7 + 1e-5), quarter = 0.25 * (1e-5 - 1e-7);
  const double gp = mid + quarter, gm = mid - quarter;
  const double expected_sd = 0.05 * std::sqrt(64 * (gp * gp + gm * gm)) / (1e-5 - 1e-7);
  EXPECT_NEAR(mean, 32.0, 0.05);
  EXPECT_NEAR(sd, expected_sd, 0.06 * expected_sd);
}

TEST(CrossbarArray, OneSidedPairsRefreshWhenASideSaturates) {
  CrossbarConfig config = all_off(ideal_device());
  config.numerics.pair_update = PairUpdate::kOneSide;
  config.numerics.refresh_every = 1;
  config.numerics.refresh_threshold = 0.5;
  CrossbarArray array(1, 1, config, core::Rng(1));
  array.set_weights(Eigen::MatrixXf::Constant(1, 1, 0.4f));
  Eigen::MatrixXf delta(1, 1), x(1, 1);
  x << 1.0f;
  delta << -0.3f;  // +0.3: G+ goes to 0.7 of the range: saturated, refreshed
  array.update(delta, x, 1.0f);
  delta << 0.4f;  // -0.4 on the G- side
  array.update(delta, x, 1.0f);
  EXPECT_NEAR(array.weights()(0, 0), 0.3f, 1e-3f);
  EXPECT_GT(array.counts()[Phase::kWeightUpdate].refreshes, 0.0);
}

// A 1-bit read of a reference-mapped tile as MLP+NeuroSim V3.0 digitizes it: each of the cells'
// sum and the reference column's sum is truncated to steps of rows x (g_max - g_min) / 255.
TEST(CrossbarArray, NeuroSimAdcTruncatesCellAndReferenceSumsApart) {
  CrossbarConfig config = all_off(ideal_device());
  config.tile.rows = 16;
  config.tile.cols = 16;
  config.tile.mapping = WeightMapping::kReference;
  config.tile.adc_bits = 8;
  config.tile.input_bits = 1;
  config.numerics.adc = true;
  config.numerics.quantize_inputs = true;
  config.numerics.input_scale = InputScale::kUnit;
  config.numerics.adc_range = AdcRangeMode::kNeuroSim;
  CrossbarArray array(3, 10, config, core::Rng(1));
  const Eigen::MatrixXf w = random(3, 10, 7, -0.95f, 0.95f);
  array.set_weights(w);
  Eigen::MatrixXf x(10, 2);
  x << 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0.6f, 0.4f, 1, 0;
  Eigen::MatrixXf y;
  array.forward(x, y);
  const double g_min = 1e-7, g_max = 1e-5, g_ref = 0.5 * (g_min + g_max);
  const double step = 10.0 * (g_max - g_min) / 255.0;  // the tile holds all 10 rows
  const Eigen::MatrixXf held = array.weights();
  for (Eigen::Index b = 0; b < 2; ++b) {
    for (Eigen::Index i = 0; i < 3; ++i) {
      double cells = 0, ref = 0;
      for (Eigen::Index k = 0; k < 10; ++k) {
        const double bit = x(k, b) >= 0.5f ? 1.0 : 0.0;  // fixed threshold 0.5
        cells += bit * (g_ref + 0.5 * (g_max - g_min) * held(i, k));
        ref += bit * g_ref;
      }
      const double digits = std::floor(cells / step) - std::floor(ref / step);
      // Weight per siemens of the reference mapping: 2 / (g_max - g_min).
      EXPECT_NEAR(y(i, b), digits * step * 2.0 / (g_max - g_min), 1e-4) << i << "," << b;
    }
  }
  // The truncation is the ADC's: the result is a whole number of steps away from the exact sum.
  config.tile.mapping = WeightMapping::kDifferential;
  EXPECT_THROW(CrossbarArray(3, 10, config, core::Rng(1)), std::invalid_argument);
}

TEST(CrossbarArray, UnitInputScaleThresholdsAtOneHalfAndSampleMaxAtHalfTheMaximum) {
  CrossbarConfig config = all_off(ideal_device());
  config.numerics.quantize_inputs = true;
  config.tile.input_bits = 1;
  config.tile.input_mode = InputMode::kBitSerial;
  CrossbarArray scaled(1, 3, config, core::Rng(1));
  config.numerics.input_scale = InputScale::kUnit;
  CrossbarArray unit(1, 3, config, core::Rng(1));
  const Eigen::MatrixXf w = (Eigen::MatrixXf(1, 3) << 0.5f, 0.25f, 0.125f).finished();
  scaled.set_weights(w);
  unit.set_weights(w);
  // Hidden activations all below 0.5: NeuroSim's fixed threshold drives no line; scaling to the
  // sample's maximum drives the lines at >= half of 0.4 and reads them back times 0.4.
  const Eigen::MatrixXf x = (Eigen::MatrixXf(3, 1) << 0.4f, 0.3f, 0.1f).finished();
  Eigen::MatrixXf y_scaled, y_unit;
  scaled.forward(x, y_scaled);
  unit.forward(x, y_unit);
  EXPECT_NEAR(y_unit(0, 0), 0.0f, 1e-6f);
  EXPECT_NEAR(y_scaled(0, 0), 0.4f * (0.5f + 0.25f), 1e-4f);
  const Eigen::MatrixXf x2 = (Eigen::MatrixXf(3, 1) << 0.9f, 0.5f, 0.49f).finished();
  unit.forward(x2, y_unit);
  EXPECT_NEAR(y_unit(0, 0), 0.5f + 0.25f, 1e-4f);
}

TEST(CrossbarArray, ReadGainScalesEveryRead) {
  CrossbarConfig config = all_off(ideal_device());
  CrossbarArray plain(13, 21, config, core::Rng(1));
  config.numerics.read_gain = 0.5;
  CrossbarArray halved(13, 21, config, core::Rng(1));
  const Eigen::MatrixXf w = random(13, 21, 2, -0.9f, 0.9f);
  plain.set_weights(w);
  halved.set_weights(w);
  const Eigen::MatrixXf x = random(21, 3, 3);
  Eigen::MatrixXf a, b;
  plain.forward(x, a);
  halved.forward(x, b);
  EXPECT_TRUE(b.isApprox(0.5f * a, 1e-6f));
}

TEST(CrossbarArray, DigitalBackwardIsTheHeldWeightsTransposedProduct) {
  // Coarse ADC and 1-bit error inputs would distort an analog transposed read; the digital path
  // uses the weights the cells hold, exactly, and counts MACs instead of conversions.
  CrossbarConfig config =
      all_off(device("type: neurosim_nonlinear\ng_min_siemens: 1e-7\n"
                     "g_max_siemens: 1e-5\nlevels_ltp: 64\nlevels_ltd: 64\n"
                     "nonlinearity_ltp: 2\nnonlinearity_ltd: -2\n"));
  config.numerics.adc = true;
  config.numerics.quantize_inputs = true;
  config.tile.adc_bits = 3;
  config.tile.input_bits = 1;
  config.numerics.backward = BackwardMode::kDigital;
  CrossbarArray array(13, 21, config, core::Rng(1));
  array.set_weights(random(13, 21, 2, -0.9f, 0.9f));
  const Eigen::MatrixXf e = random(13, 4, 4);
  Eigen::MatrixXf back;
  array.backward(e, back);
  const Eigen::MatrixXf expected = array.weights().transpose() * e;
  EXPECT_LE((back - expected).cwiseAbs().maxCoeff(), 1e-5f * expected.cwiseAbs().maxCoeff());
  const PhaseCounts& counts = array.counts()[Phase::kErrorPropagation];
  EXPECT_EQ(counts.digital_macs, 13.0 * 21.0 * 4.0);
  EXPECT_EQ(counts.adc_conversions_by_bits[3], 0.0);
  config.numerics.backward = BackwardMode::kAnalog;
  CrossbarArray analog(13, 21, config, core::Rng(1));
  analog.set_weights(random(13, 21, 2, -0.9f, 0.9f));
  Eigen::MatrixXf analog_back;
  analog.backward(e, analog_back);
  EXPECT_GT((analog_back - expected).cwiseAbs().maxCoeff(), 1e-2f * expected.cwiseAbs().maxCoeff());
}

TEST(CrossbarArray, NominalPulseStepCountsRangeOverLevelsPerDirection) {
  // NeuroSim V3 RealDevice::Write: numPulse = round(dW / (w_max - w_min) x maxNumLevel), LTP and
  // LTD with their own level counts; the first-pulse step of a nonlinear device is larger.
  CrossbarConfig config =
      all_off(device("type: neurosim_nonlinear\ng_min_siemens: 1e-7\n"
                     "g_max_siemens: 1e-5\nlevels_ltp: 40\nlevels_ltd: 80\n"
                     "nonlinearity_ltp: 3\nnonlinearity_ltd: -3\n"));
  config.tile.mapping = WeightMapping::kReference;
  CrossbarArray first(1, 2, config, core::Rng(1));
  config.numerics.nominal_pulse_step = true;
  CrossbarArray nominal(1, 2, config, core::Rng(1));
  EXPECT_FLOAT_EQ(nominal.weight_per_pulse(), 2.0f / 40.0f);
  EXPECT_GT(first.weight_per_pulse(), nominal.weight_per_pulse());
  const Eigen::MatrixXf w = Eigen::MatrixXf::Zero(1, 2);
  nominal.set_weights(w);
  // dW = -lr delta x: +0.26 on input 0 (LTP: 0.26 / 0.05 = 5.2 -> 5 pulses), -0.26 on input 1
  // (LTD: 0.26 / 0.025 = 10.4 -> 10 pulses).
  const Eigen::MatrixXf delta = (Eigen::MatrixXf(1, 1) << -1.0f).finished();
  const Eigen::MatrixXf x = (Eigen::MatrixXf(2, 1) << 0.26f, -0.26f).finished();
  nominal.update(delta, x, 1.0f);
  const PhaseCounts& write = nominal.counts()[Phase::kWeightUpdate];
  EXPECT_EQ(write.ltp_pulses, 5.0);
  EXPECT_EQ(write.ltd_pulses, 10.0);
}

TEST(CrossbarArray, SharedWriteDriversProgramARowBatchByBatch) {
  // NeuroSim V3 Train.cpp: a row's columns are written in batches, each batch its longest LTP
  // train, then its longest LTD train. 8 columns (7 weights and the reference), 4 per write
  // driver: batches of 2 cells, outputs {0, 1} and {2, 3} in batches 0 and 1.
  CrossbarConfig config =
      all_off(device("type: neurosim_nonlinear\ng_min_siemens: 1e-7\n"
                     "g_max_siemens: 1e-5\nlevels_ltp: 40\nlevels_ltd: 80\n"
                     "nonlinearity_ltp: 0\nnonlinearity_ltd: 0\n"));
  config.tile.mapping = WeightMapping::kReference;
  config.numerics.nominal_pulse_step = true;  // LTP 0.05 and LTD 0.025 per pulse
  // dW = -delta: LTP 2 and 5 pulses in batch 0; LTD 4 and LTP 3 pulses in batch 1.
  const Eigen::MatrixXf delta =
      (Eigen::MatrixXf(4, 1) << -0.11f, -0.26f, 0.105f, -0.16f).finished();
  const Eigen::MatrixXf x = Eigen::MatrixXf::Ones(1, 1);
  const auto written = [&](std::int64_t cols_per_write_driver) {
    config.tile.cols_per_write_driver = cols_per_write_driver;
    CrossbarArray array(4, 1, config, core::Rng(1));
    array.set_weights(Eigen::MatrixXf::Zero(4, 1));
    array.update(delta, x, 1.0f);
    return array.counts()[Phase::kWeightUpdate];
  };
  const PhaseCounts row = written(1);  // one driver per column: the row at once
  EXPECT_EQ(row.ltp_pulses, 10.0);
  EXPECT_EQ(row.ltd_pulses, 4.0);
  EXPECT_EQ(row.write_slots, 5.0 + 4.0);
  EXPECT_EQ(row.write_row_selects, 2.0);
  EXPECT_EQ(row.write_batches, 1.0);
  const PhaseCounts batched = written(4);
  EXPECT_EQ(batched.ltp_pulses, 10.0);
  EXPECT_EQ(batched.write_slots, 5.0 + (3.0 + 4.0));
  EXPECT_EQ(batched.write_row_selects, 1.0 + 2.0);
  EXPECT_EQ(batched.write_batches, 2.0);
}

TEST(CrossbarArray, NeuroSimInitialConductanceOmitsTheGMinOffset) {
  // NeuroSim V3 Array.cpp WriteCell (ideal write): g = (w + 1) / 2 x (g_max - g_min), clipped to
  // g_min: read back against g_min..g_max, a weight w holds w - 2 g_min / (g_max - g_min).
  CrossbarConfig config =
      all_off(device("type: ideal\ng_min_siemens: 2e-6\ng_max_siemens: 1e-5\n"
                     "levels: 0\nstep_fraction: 1e-5\n"));
  config.tile.mapping = WeightMapping::kReference;
  config.numerics.neurosim_initial_conductance = true;
  CrossbarArray array(1, 3, config, core::Rng(1));
  array.set_weights((Eigen::MatrixXf(1, 3) << 1.0f, 0.0f, -0.9f).finished());
  const Eigen::MatrixXf held = array.weights();
  EXPECT_NEAR(held(0, 0), 1.0f - 2.0f * 0.25f, 1e-4f);
  EXPECT_NEAR(held(0, 1), -0.5f, 1e-4f);
  EXPECT_NEAR(held(0, 2), -1.0f, 1e-4f);  // (0.05 x 8 uS) clipped to g_min
  config.tile.mapping = WeightMapping::kDifferential;
  EXPECT_THROW(CrossbarArray(1, 3, config, core::Rng(1)), std::invalid_argument);
}

TEST(CrossbarArray, AccessResistanceCompressesReadsAsNeuroSimsReadCell) {
  // NeuroSim V3 Array.cpp ReadCell: I = V / (1/G + R_access); reference and range currents see
  // the same resistor, so w = +-1 still read as +-1 and the middle of the range reads high.
  const double g_min = 1e-6, g_max = 1e-5, r = 1e5;  // G_max R = 1: half the current at G_max
  CrossbarConfig config =
      all_off(device("type: ideal\ng_min_siemens: 1e-6\ng_max_siemens: 1e-5\n"
                     "levels: 0\nstep_fraction: 1e-5\n"));
  config.tile.mapping = WeightMapping::kReference;
  config.numerics.access_resistance_ohm = r;
  config.numerics.backward = BackwardMode::kDigital;
  CrossbarArray array(3, 1, config, core::Rng(1));
  array.set_weights((Eigen::MatrixXf(3, 1) << 1.0f, 0.0f, -1.0f).finished());
  Eigen::MatrixXf y;
  array.forward(Eigen::MatrixXf::Ones(1, 1), y);
  const auto eff = [r](double g) { return g / (1 + g * r); };
  const double ref = 0.5 * (eff(g_min) + eff(g_max)), scale = 2.0 / (eff(g_max) - eff(g_min));
  EXPECT_NEAR(y(0, 0), 1.0, 1e-4);
  EXPECT_NEAR(y(2, 0), -1.0, 1e-4);
  EXPECT_NEAR(y(1, 0), (eff(0.5 * (g_min + g_max)) - ref) * scale, 1e-4);
  EXPECT_GT(y(1, 0), 0.1);                          // 0 held, about +0.29 read
  EXPECT_NEAR(array.weights()(1, 0), 0.0f, 1e-5f);  // what the cell holds is unchanged
  Eigen::MatrixXf back;
  array.backward(Eigen::MatrixXf::Ones(3, 1), back);
  EXPECT_NEAR(back(0, 0), y.sum(), 1e-4);  // the digital path reads the same cells
}

}  // namespace
}  // namespace cimsim::sim
