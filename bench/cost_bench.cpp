// Speed of the analytic cost model (`cimsim cost`): one 5-layer MLP and one LeNet-5-like CNN
// (target < 1 ms each) and a sweep of 10,000 hardware points on 2 threads (target < 10 s).
#include <benchmark/benchmark.h>

#include <atomic>
#include <thread>
#include <vector>

#include "algorithms/trainer.hpp"
#include "sim/cost/cost_model.hpp"

namespace {

using namespace cimsim::sim;
using namespace cimsim::sim::cost;

// A registered rule with its default parameters, as the cost model sees it.
TrainingRule rule(const std::string& name) {
  const auto* entry = cimsim::algorithms::trainer_registry().find(name);
  return {entry->name, entry->hardware_path(entry->params.defaults())};
}

NetworkShape five_layer_mlp(const std::string& trainer) {
  return mlp_shape({784, 512, 256, 256, 128, 10}, true, rule(trainer), 1, 60000);
}

// One analytic evaluation: floorplan, counts, pricing, schedule.
void BM_Cost(benchmark::State& state, const NetworkShape& shape) {
  const TileSpec tile;
  const CostSpec cost;
  for (auto _ : state) {
    const CostReport report = evaluate(shape, tile, cost);
    benchmark::DoNotOptimize(report.energy_per_training_sample_j);
  }
}
BENCHMARK_CAPTURE(BM_Cost, FiveLayerMlp, five_layer_mlp("bp"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Cost, LeNet, lenet5_shape(rule("bp"), 1, 60000))
    ->Unit(benchmark::kMicrosecond);

// Hardware point `i` of the sweep: node x tile side x ADC bits x columns per ADC x trainer
// (9 x 4 x 8 x 4 x 2 = 2304 distinct points, cycled to reach the requested count).
CostReport sweep_point(std::size_t i) {
  static const int kSides[] = {64, 128, 256, 512};
  static const int kColsPerAdc[] = {1, 4, 8, 16};
  const std::vector<int>& nodes = known_nodes_nm();
  TileSpec tile;
  CostSpec cost;
  cost.node_nm = nodes[i % nodes.size()];
  i /= nodes.size();
  tile.rows = tile.cols = kSides[i % 4];
  i /= 4;
  tile.adc_bits = 1 + static_cast<std::int64_t>(i % 8);
  i /= 8;
  tile.cols_per_adc = kColsPerAdc[i % 4];
  i /= 4;
  static const NetworkShape bp = five_layer_mlp("bp");
  static const NetworkShape dfa = five_layer_mlp("dfa");
  return evaluate(i % 2 ? dfa : bp, tile, cost);
}

void BM_HardwareSweep(benchmark::State& state) {
  const auto points = static_cast<std::size_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    std::atomic<std::size_t> next{0};
    std::vector<double> energy(points);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < points; i = next++) {
          energy[i] = sweep_point(i).energy_per_training_sample_j;
        }
      });
    }
    for (std::thread& th : pool) th.join();
    benchmark::DoNotOptimize(energy.data());
  }
  state.counters["points_per_s"] = benchmark::Counter(
      static_cast<double>(points), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_HardwareSweep)
    ->Args({10000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
