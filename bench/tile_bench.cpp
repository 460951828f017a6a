// One MNIST epoch (60,000 samples, batch 1) of the NeuroSim MLP set-up, 400-100-10 sigmoid, BP:
// in situ on neurosim_nonlinear crossbars (Ag:a-Si with cycle-to-cycle and device-to-device
// variation, 8-bit bit-serial inputs, 5-bit ADCs, read noise) next to the same epoch in software
// float. Needs the MNIST files of scripts/fetch_data.sh.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "experiments/runner.hpp"
#include "sim/core/allocator.hpp"
#include "sim/core/log.hpp"

namespace {

using namespace cimsim;

const char* const kConfig = R"(name: tile_bench
data: {dataset: mnist, crop: 20, test_limit: 1}
model:
  layers: [{units: 100, activation: sigmoid}, {units: 10, activation: sigmoid}]
  loss: mse
  init: uniform
train: {trainer: {type: bp}, epochs: 1, batch_size: 1, learning_rate: 0.3}
hardware:
  array: crossbar
  device: {preset: agsi, nonlinearity_d2d_std: 0.2, read_noise_std: 0.02}
  tile: {rows: 128, cols: 128, cols_per_adc: 8, adc_bits: 5, input_bits: 8, input_mode: bit_serial,
         cell_bits: 7, weight_bits: 7, mapping: differential}
  crossbar: {update: pulse, pulse_rounding: nearest}   # NeuroSim rule
)";

void run_epoch(benchmark::State& state, const std::string& array) {
  core::set_log_level(core::LogLevel::kQuiet);
  core::ConfigNode root = core::ConfigNode::parse(kConfig, "tile_bench.yaml");
  root.apply_override("hardware.array=" + array);
  const experiments::ExperimentSpec spec = experiments::read_experiment(root);
  experiments::Dataset data;
  try {
    data = experiments::load_dataset(spec.data, spec.data_node);
  } catch (const core::Error& e) {
    state.SkipWithError(e.what());
    return;
  }
  experiments::RunOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / ("cimsim_tile_bench_" + array);
  double samples = 0;
  for (auto _ : state) {
    const experiments::RunResult r = experiments::run_experiment(spec, data, options);
    samples += static_cast<double>(data.train.count());
    benchmark::DoNotOptimize(r.epochs.back().train_loss);
  }
  state.counters["samples/s"] = benchmark::Counter(samples, benchmark::Counter::kIsRate);
  std::filesystem::remove_all(options.out_dir);
}

void BM_MnistEpochCrossbar(benchmark::State& state) { run_epoch(state, "crossbar"); }
void BM_MnistEpochSoftware(benchmark::State& state) { run_epoch(state, "software"); }

BENCHMARK(BM_MnistEpochSoftware)->Unit(benchmark::kSecond)->Iterations(2);
BENCHMARK(BM_MnistEpochCrossbar)->Unit(benchmark::kSecond)->Iterations(2);

}  // namespace

int main(int argc, char** argv) {
  core::keep_freed_memory_in_process();  // as the cimsim executable does
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
