// Golden results of crossbar tiles: every mode of CrossbarArray driven for a few forward,
// backward and update steps from fixed seeds, the weights, reads and event counters hashed and
// compared with stored values. Any change of any number fails; a deliberate change of behaviour
// updates the stored hash (the failure message prints the new one).
//
// The hashes are those of the Release build (tests/sim/CMakeLists.txt defines
// CIMSIM_GOLDEN_HASHES there). Float results change in their last bits with the optimization and
// instrumentation flags (and with the -march=native instruction set), and ADC codes, pulse counts
// and refresh decisions amplify such bits: the sanitized build's hashes differ even for values
// rounded to 1e-3 relative, so no rounding makes one set of hashes fit both. Other builds run every
// mode (for the sanitizers and the checks below) without comparing hashes. The stored hashes were
// recorded with -march=native on an AVX-512 (F, DQ) and FMA machine, the one CI runs on; other
// instruction sets vectorize the sums in another order, so builds for them do not compare either.
#include <gtest/gtest.h>

#if defined(CIMSIM_GOLDEN_HASHES) && defined(__AVX512F__) && defined(__AVX512DQ__) && \
    defined(__FMA__)
#define CIMSIM_COMPARE_GOLDEN_HASHES 1
#endif

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "devices/device_factory.hpp"
#include "sim/crossbar_array.hpp"

namespace cimsim::sim {
namespace {

std::shared_ptr<const devices::DeviceModel> device(const std::string& yaml) {
  return devices::make_device(core::ConfigNode::parse(yaml, "device.yaml"));
}

std::shared_ptr<const devices::DeviceModel> nonlinear_device() {
  return device(
      "type: neurosim_nonlinear\ng_min_siemens: 1e-7\ng_max_siemens: 1e-5\n"
      "levels_ltp: 64\nlevels_ltd: 48\nnonlinearity_ltp: 2\nnonlinearity_ltd: -2\n"
      "read_noise_std: 0.02\n");
}

// FNV-1a, 64 bit, over raw bytes.
class Fnv1a {
 public:
  void add(const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; ++i) {
      hash_ ^= p[i];
      hash_ *= 1099511628211ULL;
    }
  }
  void add(const Eigen::MatrixXf& m) {
    const Eigen::Index shape[2] = {m.rows(), m.cols()};
    add(shape, sizeof(shape));
    add(m.data(), sizeof(float) * static_cast<std::size_t>(m.size()));
  }
  void add(const PhaseCounts& c) {
    for (const NamedCounter& counter : kPhaseCounters) add(&(c.*counter.member), sizeof(double));
    add(c.adc_conversions_by_bits.data(), sizeof(double) * c.adc_conversions_by_bits.size());
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

Eigen::MatrixXf random(Eigen::Index r, Eigen::Index c, std::uint64_t seed, float lo = -1,
                       float hi = 1) {
  core::Rng rng(seed);
  Eigen::MatrixXf m(r, c);
  rng.fill_uniform(m.data(), static_cast<std::size_t>(m.size()), lo, hi);
  return m;
}

// Several tiles with remainders (13 outputs x 21 inputs on 8 x 8 tiles), every read stage on.
CrossbarConfig base_config() {
  CrossbarConfig c;
  c.tile.rows = 8;
  c.tile.cols = 8;
  c.tile.cols_per_adc = 2;
  c.tile.cell_bits = 6;
  c.tile.weight_bits = 6;
  c.tile.adc_bits = 6;
  c.tile.input_bits = 4;
  c.numerics.calibration_reads = 2;
  c.numerics.max_pulses = 8;
  c.device = nonlinear_device();
  return c;
}

// The array after three training steps (or three reads, for a fixed array): its weights, the
// last step's reads and an inference, and every event counter.
std::uint64_t run_hash(const CrossbarConfig& config) {
  CrossbarArray array(13, 21, config, core::Rng(11));
  array.set_weights(random(13, 21, 12, -0.8f, 0.8f));
  Fnv1a hash;
  Eigen::MatrixXf y, back;
  for (std::uint64_t step = 0; step < 3; ++step) {
    Eigen::MatrixXf x = random(21, 5, 20 + step);
    x.row(3).setZero();  // an input without signal: its row is not programmed
    array.forward(x, y);
    array.backward(random(13, 5, 30 + step, -0.1f, 0.1f), back);
    if (config.trainable) array.update(random(13, 5, 40 + step, -0.5f, 0.5f), x, 0.2f);
  }
  core::Rng noise(50);
  Eigen::MatrixXf inferred;
  array.infer(random(21, 4, 51), inferred, noise);
  hash.add(y);
  hash.add(back);
  hash.add(inferred);
  hash.add(array.weights());
  hash.add(array.read_weights());
  for (const PhaseCounts& phase : array.counts().phase) hash.add(phase);
  // A golden of an array that never fired a pulse would not guard the update path.
  const PhaseCounts& write = array.counts()[Phase::kWeightUpdate];
  if (config.trainable) {
    EXPECT_GT(write.ltp_pulses + write.ltd_pulses, 0.0);
  }
  if (config.numerics.refresh_every > 0) {
    EXPECT_GT(write.refreshes, 0.0);
  }
  return hash.value();
}

struct GoldenCase {
  const char* name;
  std::function<void(CrossbarConfig&)> configure;
  std::uint64_t expected;
};

const std::vector<GoldenCase>& golden_cases() {
  static const std::vector<GoldenCase> cases = {
      {"differential_bit_serial_calibrated", [](CrossbarConfig&) {}, 0x59c84366b0ba6620ULL},
      {"reference", [](CrossbarConfig& c) { c.tile.mapping = WeightMapping::kReference; },
       0x385440119619d7d5ULL},
      {"reference_neurosim_adc_initial_conductance_access",
       [](CrossbarConfig& c) {
         c.tile.mapping = WeightMapping::kReference;
         c.numerics.adc_range = AdcRangeMode::kNeuroSim;
         c.numerics.neurosim_initial_conductance = true;
         c.numerics.access_resistance_ohm = 15e3;
         c.numerics.nominal_pulse_step = true;
       },
       0xb19c3c8779bfa193ULL},
      {"bit_sliced_fixed",
       [](CrossbarConfig& c) {
         c.trainable = false;
         c.tile.cell_bits = 2;
         c.tile.weight_bits = 7;
       },
       0x1e6c77285dc91b20ULL},
      {"dac_input", [](CrossbarConfig& c) { c.tile.input_mode = InputMode::kDac; },
       0xb73fcbda9e9f8909ULL},
      {"unit_input_scale", [](CrossbarConfig& c) { c.numerics.input_scale = InputScale::kUnit; },
       0xfc09ae1cfad0e50ULL},
      {"float_inputs_no_adc_no_noise",
       [](CrossbarConfig& c) {
         c.numerics.quantize_inputs = false;
         c.numerics.adc = false;
         c.numerics.read_noise = false;
         c.numerics.read_gain = 1.5;
       },
       0x3b6dfd8c84f107fdULL},
      {"adc_max", [](CrossbarConfig& c) { c.numerics.adc_range = AdcRangeMode::kMax; },
       0xb0166a8d040d2b66ULL},
      {"adc_fixed", [](CrossbarConfig& c) { c.numerics.adc_range = AdcRangeMode::kFixed; },
       0x9560f82a3e1e2e28ULL},
      {"ir_drop_closed_form_access",
       [](CrossbarConfig& c) {
         c.numerics.ir_drop = IrDropMode::kClosedForm;
         c.numerics.wire_resistance_ohm = 50.0;
         c.numerics.access_resistance_ohm = 15e3;
       },
       0xc37c5733d704f4adULL},
      {"ir_drop_solver",
       [](CrossbarConfig& c) {
         c.numerics.ir_drop = IrDropMode::kSolver;
         c.numerics.wire_resistance_ohm = 50.0;
       },
       0xc88e33aca25f1efaULL},
      {"ir_drop_solver_reference",
       [](CrossbarConfig& c) {
         c.tile.mapping = WeightMapping::kReference;
         c.numerics.ir_drop = IrDropMode::kSolver;
         c.numerics.wire_resistance_ohm = 50.0;
       },
       0x324e7ebee53c9adcULL},
      {"stochastic_update",
       [](CrossbarConfig& c) {
         c.numerics.update = UpdateMode::kStochastic;
         c.numerics.bit_length = 7;
       },
       0x47bb9b08250b03cbULL},
      {"mixed_precision",
       [](CrossbarConfig& c) { c.numerics.update = UpdateMode::kMixedPrecision; },
       0x1f6a0027adb1544bULL},
      {"stochastic_rounding_nominal_step",
       [](CrossbarConfig& c) {
         c.numerics.stochastic_rounding = true;
         c.numerics.nominal_pulse_step = true;
       },
       0xf87642324c7ed07eULL},
      {"one_side_refresh",
       [](CrossbarConfig& c) {
         c.numerics.pair_update = PairUpdate::kOneSide;
         c.numerics.refresh_every = 1;
         c.numerics.refresh_threshold = 0.3;
       },
       0x862af4c6a1296603ULL},
      {"digital_backward_write_batches",
       [](CrossbarConfig& c) {
         c.numerics.backward = BackwardMode::kDigital;
         c.tile.cols_per_write_driver = 4;
       },
       0x664c2869ba15623aULL},
      {"gradient_quantizer", [](CrossbarConfig& c) { c.gradient_quantizer.bits = 4; },
       0xf93ecf0fffc55059ULL},
      {"pcm_device",
       [](CrossbarConfig& c) {
         c.device = device(
             "type: pcm\ng_max_siemens: 25e-6\ng_min_siemens: 0.1e-6\n"
             "set_step_fraction: 0.04\nset_step_std: 1.0\nprog_noise_c0: 0.01\n");
         c.numerics.pair_update = PairUpdate::kOneSide;
         c.numerics.refresh_every = 2;
         c.numerics.refresh_threshold = 0.2;
       },
       0xaed7ba1d68340f5aULL},
      {"soft_bounds_device",
       [](CrossbarConfig& c) {
         c.device = device(
             "type: soft_bounds\ndw_min: 0.01\ndw_min_dtod: 0.3\nw_max_dtod: 0.2\n"
             "write_noise_std: 0.5\n");
         c.numerics.update = UpdateMode::kStochastic;
       },
       0xdb77264f86694312ULL},
  };
  return cases;
}

TEST(CrossbarGolden, EveryModeReproducesItsStoredHash) {
  for (const GoldenCase& golden : golden_cases()) {
    SCOPED_TRACE(golden.name);
    CrossbarConfig config = base_config();
    golden.configure(config);
    const std::uint64_t actual = run_hash(config);
#ifdef CIMSIM_COMPARE_GOLDEN_HASHES
    EXPECT_EQ(actual, golden.expected) << golden.name << ": got 0x" << std::hex << actual << "ULL";
#else
    static_cast<void>(actual);
#endif
  }
}

}  // namespace
}  // namespace cimsim::sim
