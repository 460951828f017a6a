// Training throughput of the software path (784-256-128-10, tanh, BP) for batch sizes 1, 32 and
// 128, next to plain Eigen products of exactly the shapes one training step multiplies. The
// ratio of the two GFLOP/s counters says how much of the step is overhead around the products.
#include <benchmark/benchmark.h>

#include "algorithms/software_array.hpp"
#include "algorithms/trainer.hpp"

namespace {

using namespace cimsim;

const std::vector<Eigen::Index> kSizes = {784, 256, 128, 10};

// Multiply-adds of one training sample: forward through every layer, the error through every
// layer but the first, and the outer-product update of every layer (bias rows included).
double flops_per_sample() {
  double flops = 0;
  for (std::size_t l = 0; l + 1 < kSizes.size(); ++l) {
    const double macs = static_cast<double>(kSizes[l] + 1) * static_cast<double>(kSizes[l + 1]);
    flops += 2 * macs * (l == 0 ? 2 : 3);
  }
  return flops;
}

void BM_TrainStep(benchmark::State& state) {
  const auto batch = static_cast<Eigen::Index>(state.range(0));
  algorithms::NetworkSpec spec;
  spec.input = {kSizes[0]};
  spec.layers = {{kSizes[1], algorithms::Activation::kTanh},
                 {kSizes[2], algorithms::Activation::kTanh},
                 {kSizes[3], algorithms::Activation::kLinear}};
  core::Rng rng(1);
  algorithms::Network net(
      spec,
      [](std::size_t, Eigen::Index o, Eigen::Index i) {
        return std::make_unique<algorithms::SoftwareArray>(
            o, i, algorithms::SoftwareArraySpec{{0.9f, 0.0f}, {}, {}});
      },
      rng);
  algorithms::TrainerContext context;
  context.layers = net.geometry();
  auto trainer = algorithms::trainer_registry().find("bp")->make(core::ParamValues{}, context);
  Eigen::MatrixXf x(kSizes[0], batch);
  rng.fill_uniform(x.data(), static_cast<std::size_t>(x.size()), 0.0f, 1.0f);
  std::vector<std::uint8_t> labels(static_cast<std::size_t>(batch));
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::uint8_t>(i % 10);
  for (auto _ : state) {
    const auto stats = trainer->train_batch(net, x, labels, 1e-3f);
    benchmark::DoNotOptimize(stats.loss_sum);
  }
  const double samples = static_cast<double>(state.iterations()) * static_cast<double>(batch);
  state.counters["samples/s"] = benchmark::Counter(samples, benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] =
      benchmark::Counter(samples * flops_per_sample() * 1e-9, benchmark::Counter::kIsRate);
}

void BM_EigenProducts(benchmark::State& state) {
  const auto batch = static_cast<Eigen::Index>(state.range(0));
  std::vector<Eigen::MatrixXf> w, x, d, grad, y, back;
  for (std::size_t l = 0; l + 1 < kSizes.size(); ++l) {
    w.push_back(Eigen::MatrixXf::Random(kSizes[l + 1], kSizes[l] + 1));
    x.push_back(Eigen::MatrixXf::Random(kSizes[l] + 1, batch));
    d.push_back(Eigen::MatrixXf::Random(kSizes[l + 1], batch));
    grad.emplace_back(kSizes[l + 1], kSizes[l] + 1);
    y.emplace_back(kSizes[l + 1], batch);
    back.emplace_back(kSizes[l] + 1, batch);
  }
  for (auto _ : state) {
    for (std::size_t l = 0; l < w.size(); ++l) {
      y[l].noalias() = w[l] * x[l];
      if (l > 0) back[l].noalias() = w[l].transpose() * d[l];
      grad[l].noalias() = d[l] * x[l].transpose();
      w[l].noalias() -= 1e-6f * grad[l];
    }
    benchmark::DoNotOptimize(w[0].data());
  }
  const double samples = static_cast<double>(state.iterations()) * static_cast<double>(batch);
  state.counters["GFLOP/s"] =
      benchmark::Counter(samples * flops_per_sample() * 1e-9, benchmark::Counter::kIsRate);
}

BENCHMARK(BM_TrainStep)->Arg(1)->Arg(32)->Arg(128);
BENCHMARK(BM_EigenProducts)->Arg(1)->Arg(32)->Arg(128);

}  // namespace

BENCHMARK_MAIN();
