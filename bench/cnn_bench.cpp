// The convolutional path's speed, as ratios measured in one run:
// - a software BP training step of a LeNet-5-like network (batch 64) against plain Eigen products
//   of exactly the im2col shapes the step multiplies (the GFLOP/s of both rows);
// - one 60,000-image MNIST epoch of the same network in software and in situ on crossbars (Ag:a-Si
//   with cycle-to-cycle noise, 8-bit bit-serial inputs, 5-bit ADCs), BP and DFA (the samples/s of
//   the rows). The epochs need the MNIST files of scripts/fetch_data.sh.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"
#include "experiments/runner.hpp"
#include "sim/core/allocator.hpp"
#include "sim/core/log.hpp"

namespace {

using namespace cimsim;

const char* const kLeNet = R"(name: cnn_bench
seed: 1
data: {dataset: mnist, test_limit: 1}
model:
  layers:
    - {type: conv2d, channels: 6, kernel: 5, padding: 2, activation: tanh}
    - {type: max_pool, kernel: 2}
    - {type: conv2d, channels: 16, kernel: 5, activation: tanh}
    - {type: max_pool, kernel: 2}
    - {type: flatten}
    - {units: 120, activation: tanh}
    - {units: 84, activation: tanh}
    - {units: 10, activation: linear}
train: {trainer: {type: bp}, epochs: 1, batch_size: 64, learning_rate: 0.01}
hardware:
  device: {preset: agsi}
  tile: {rows: 128, cols: 128, cols_per_adc: 8, adc_bits: 5, input_bits: 8, input_mode: bit_serial,
         cell_bits: 7, weight_bits: 7}
  crossbar: {update: pulse, pulse_rounding: stochastic, max_pulses: 16}
)";

experiments::ExperimentSpec lenet(const std::string& array, const std::string& trainer) {
  core::ConfigNode root = core::ConfigNode::parse(kLeNet, "cnn_bench.yaml");
  root.apply_override("hardware.array=" + array);
  root.apply_override("train.trainer.type=" + trainer);
  return experiments::read_experiment(root);
}

// The products of one BP step, per layer: forward W X (X: inputs x columns), the transposed
// read W^T D of every layer but the first, and the gradient D X^T. Columns are batch x output
// positions for a convolution.
struct Product {
  Eigen::Index outputs, inputs, columns;
  bool transposed;
};
std::vector<Product> lenet_products(Eigen::Index batch) {
  return {{6, 26, batch * 784, false},
          {16, 151, batch * 100, true},
          {120, 401, batch, true},
          {84, 121, batch, true},
          {10, 85, batch, true}};
}
double flops_per_step(Eigen::Index batch) {
  double flops = 0;
  for (const Product& p : lenet_products(batch)) {
    const double macs = static_cast<double>(p.outputs * p.inputs * p.columns);
    flops += 2 * macs * (p.transposed ? 3 : 2);
  }
  return flops;
}

void BM_LeNetTrainStep(benchmark::State& state) {
  const auto batch = static_cast<Eigen::Index>(state.range(0));
  const experiments::ExperimentSpec spec = lenet("software", "bp");
  algorithms::NetworkSpec net_spec = spec.network;
  core::Rng rng(1);
  algorithms::Network net(
      net_spec,
      [](std::size_t, Eigen::Index o, Eigen::Index i) {
        return std::make_unique<algorithms::SoftwareArray>(
            o, i, algorithms::SoftwareArraySpec{{0.9f, 0.0f}, {}, {}});
      },
      rng);
  algorithms::TrainerContext context;
  context.layers = net.geometry();
  auto trainer = algorithms::trainer_registry().find("bp")->make(core::ParamValues{}, context);
  Eigen::MatrixXf x(784, batch);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), 0.0f, 1.0f);
  std::vector<std::uint8_t> labels(static_cast<std::size_t>(batch));
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::uint8_t>(i % 10);
  for (auto _ : state) {
    const auto stats = trainer->train_batch(net, x, labels, 1e-3f);
    benchmark::DoNotOptimize(stats.loss_sum);
  }
  const double steps = static_cast<double>(state.iterations());
  state.counters["samples/s"] =
      benchmark::Counter(steps * static_cast<double>(batch), benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] =
      benchmark::Counter(steps * flops_per_step(batch) * 1e-9, benchmark::Counter::kIsRate);
}

void BM_LeNetEigenProducts(benchmark::State& state) {
  const auto batch = static_cast<Eigen::Index>(state.range(0));
  std::vector<Eigen::MatrixXf> w, x, d, grad, y, back;
  for (const Product& p : lenet_products(batch)) {
    w.push_back(Eigen::MatrixXf::Random(p.outputs, p.inputs));
    x.push_back(Eigen::MatrixXf::Random(p.inputs, p.columns));
    d.push_back(Eigen::MatrixXf::Random(p.outputs, p.columns));
    grad.emplace_back(p.outputs, p.inputs);
    y.emplace_back(p.outputs, p.columns);
    back.emplace_back(p.inputs, p.columns);
  }
  const std::vector<Product> products = lenet_products(batch);
  for (auto _ : state) {
    for (std::size_t l = 0; l < w.size(); ++l) {
      y[l].noalias() = w[l] * x[l];
      if (products[l].transposed) back[l].noalias() = w[l].transpose() * d[l];
      grad[l].noalias() = d[l] * x[l].transpose();
      w[l].noalias() -= 1e-6f * grad[l];
    }
    benchmark::DoNotOptimize(w[0].data());
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * flops_per_step(batch) * 1e-9,
                         benchmark::Counter::kIsRate);
}

void run_epoch(benchmark::State& state, const std::string& array, const std::string& trainer) {
  core::set_log_level(core::LogLevel::kQuiet);
  const experiments::ExperimentSpec spec = lenet(array, trainer);
  experiments::Dataset data;
  try {
    data = experiments::load_dataset(spec.data, spec.data_node);
  } catch (const core::Error& e) {
    state.SkipWithError(e.what());
    return;
  }
  experiments::RunOptions options;
  options.out_dir =
      std::filesystem::temp_directory_path() / ("cimsim_cnn_bench_" + array + trainer);
  double samples = 0;
  for (auto _ : state) {
    const experiments::RunResult r = experiments::run_experiment(spec, data, options);
    samples += static_cast<double>(data.train.count());
    benchmark::DoNotOptimize(r.epochs.back().train_loss);
  }
  state.counters["samples/s"] = benchmark::Counter(samples, benchmark::Counter::kIsRate);
  std::filesystem::remove_all(options.out_dir);
}

void BM_MnistEpochSoftwareBp(benchmark::State& state) { run_epoch(state, "software", "bp"); }
void BM_MnistEpochCrossbarBp(benchmark::State& state) { run_epoch(state, "crossbar", "bp"); }
void BM_MnistEpochCrossbarDfa(benchmark::State& state) { run_epoch(state, "crossbar", "dfa"); }

BENCHMARK(BM_LeNetTrainStep)->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LeNetEigenProducts)->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MnistEpochSoftwareBp)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_MnistEpochCrossbarBp)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_MnistEpochCrossbarDfa)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  core::keep_freed_memory_in_process();  // as the cimsim executable does
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
