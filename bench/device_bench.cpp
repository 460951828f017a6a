// Pulse-update throughput of every device model: cell-updates per second on a 256 x 256 block,
// each cell receiving one pulse (alternating potentiation and depression) with the model's
// cycle-to-cycle noise on. Target: >= 1e8 cell-updates/s per core for constant_step,
// neurosim_nonlinear and soft_bounds.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "devices/device_factory.hpp"
#include "sim/core/allocator.hpp"
#include "sim/core/config.hpp"
#include "sim/core/rng.hpp"

namespace {

using cimsim::core::ConfigNode;
using cimsim::core::Rng;
namespace devices = cimsim::devices;

constexpr Eigen::Index kSide = 256;

// One configuration per registered model, each with cycle-to-cycle noise switched on.
std::vector<std::pair<std::string, std::string>> bench_configs() {
  const std::string data = std::string(CIMSIM_SOURCE_DIR) + "/configs/devices/data/";
  return {
      {"ideal", "{type: ideal}"},
      {"sram", "{type: sram, bits: 8}"},
      {"neurosim_nonlinear",
       "{type: neurosim_nonlinear, levels_ltp: 97, levels_ltd: 100, nonlinearity_ltp: 2.4, "
       "nonlinearity_ltd: -4.88, c2c_std: 0.035}"},
      {"constant_step", "{type: constant_step, dw_min_std: 0.3}"},
      {"linear_step", "{type: linear_step, gamma_up: 0.1, gamma_down: 0.1, dw_min_std: 0.3}"},
      {"soft_bounds", "{type: soft_bounds, dw_min_std: 0.3}"},
      {"exp_step", "{type: exp_step, dw_min_std: 0.3}"},
      {"pow_step", "{type: pow_step, pow_gamma: 2, dw_min_std: 0.3}"},
      {"piecewise_step",
       "{type: piecewise_step, piecewise_up: [1.5, 1, 0.5], piecewise_down: [0.5, 1, 1.5], "
       "dw_min_std: 0.3}"},
      {"pcm", "{type: pcm, set_step_std: 1.0}"},
      {"lookup", "{type: lookup, csv_file: " + data + "synthetic_lookup.csv, c2c_std: 0.01}"},
  };
}

void pulse_updates(benchmark::State& state, const std::string& yaml) {
  const auto model = devices::make_device(ConfigNode::parse(yaml, "bench"));
  Rng rng(1);
  devices::CellBlock block = model->make_block(kSide, kSide, rng);
  devices::PulseArray up = devices::PulseArray::Ones(kSide, kSide);
  devices::PulseArray down = -up;
  bool potentiate = true;
  for (auto _ : state) {
    model->apply_pulses(block, potentiate ? up : down, rng);
    potentiate = !potentiate;
    benchmark::DoNotOptimize(block.g.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kSide * kSide);
}

}  // namespace

int main(int argc, char** argv) {
  // As in the cimsim executable: measure the model, not glibc returning its temporaries.
  cimsim::core::keep_freed_memory_in_process();
  for (const auto& [name, yaml] : bench_configs()) {
    benchmark::RegisterBenchmark(("pulse_updates/" + name).c_str(), pulse_updates, yaml)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
