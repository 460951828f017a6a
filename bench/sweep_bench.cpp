// What a sweep spends per point besides the point's own work: making a point from its index (id
// and axis values) and validating its experiment, next to the analytic cost evaluation a cost
// sweep then does (configs/sweeps/cost_100k.yaml), and validating a training point
// (configs/sweeps/example_small.yaml: NeuroSim base, Ag:a-Si crossbar). BM_CostPointWhole is all
// a worker does for a cost point (index to row), so BM_CostPointPrice / BM_CostPointWhole is the
// share of a point's CPU that goes to pricing.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "experiments/results_table.hpp"
#include "experiments/run_cost.hpp"
#include "experiments/sweep_spec.hpp"

namespace {

using namespace cimsim::experiments;

const std::filesystem::path kSweeps =
    std::filesystem::path(CIMSIM_SOURCE_DIR) / "configs" / "sweeps";

// Points are taken with a large odd stride, so every axis changes between iterations.
std::size_t next_index(std::size_t i, const SweepPoints& points) {
  return (i + 7919) % points.size();
}

void BM_PointFromIndex(benchmark::State& state) {
  const SweepSpec sweep = load_sweep(kSweeps / "cost_100k.yaml");
  std::size_t i = 0;
  for (auto _ : state) {
    const SweepPoint point = sweep.points.at(i);
    benchmark::DoNotOptimize(point.id.data());
    i = next_index(i, sweep.points);
  }
}
BENCHMARK(BM_PointFromIndex)->Unit(benchmark::kMicrosecond);

void point_spec(benchmark::State& state, const char* file) {
  const SweepSpec sweep = load_sweep(kSweeps / file);
  std::size_t i = 0;
  for (auto _ : state) {
    const ExperimentSpec spec = sweep.points.spec(sweep.points.at(i));
    benchmark::DoNotOptimize(spec.seed);
    i = next_index(i, sweep.points);
  }
}
// As a sweep's worker makes them: from one parsed base, overwriting the axis keys point by point.
void point_spec_from_maker(benchmark::State& state, const char* file) {
  const SweepSpec sweep = load_sweep(kSweeps / file);
  SweepPoints::Maker maker(sweep.points);
  std::size_t i = 0;
  for (auto _ : state) {
    const ExperimentSpec spec = maker.spec(sweep.points.at(i));
    benchmark::DoNotOptimize(spec.seed);
    i = next_index(i, sweep.points);
  }
}
void BM_CostPointSpecFromMaker(benchmark::State& state) {
  point_spec_from_maker(state, "cost_100k.yaml");
}
BENCHMARK(BM_CostPointSpecFromMaker)->Unit(benchmark::kMicrosecond);
void BM_TrainingPointSpecFromMaker(benchmark::State& state) {
  point_spec_from_maker(state, "example_small.yaml");
}
BENCHMARK(BM_TrainingPointSpecFromMaker)->Unit(benchmark::kMicrosecond);

// A cost point from its index to its row, as a sweep's worker makes it (the parts of the points
// kept by the Maker, as over a whole sweep).
void BM_CostPointWhole(benchmark::State& state) {
  const SweepSpec sweep = load_sweep(kSweeps / "cost_100k.yaml");
  SweepPoints::Maker maker(sweep.points);
  std::size_t i = 0;
  for (auto _ : state) {
    const SweepPoint point = sweep.points.at(i);
    const ExperimentSpec spec = maker.spec(point);
    RunResult result;
    result.cost = analytic_cost(spec, spec.geometry);
    const std::string row = csv_line(results_row(point, spec, sweep.swept_keys, result));
    benchmark::DoNotOptimize(row.data());
    i = next_index(i, sweep.points);
  }
}
BENCHMARK(BM_CostPointWhole)->Unit(benchmark::kMicrosecond);

// A fresh parse of the base for every point (SweepPoints::spec; what every point paid before).
void BM_CostPointSpec(benchmark::State& state) { point_spec(state, "cost_100k.yaml"); }
BENCHMARK(BM_CostPointSpec)->Unit(benchmark::kMicrosecond);
void BM_TrainingPointSpec(benchmark::State& state) { point_spec(state, "example_small.yaml"); }
BENCHMARK(BM_TrainingPointSpec)->Unit(benchmark::kMicrosecond);

// The work of a cost point once validated: what `cimsim cost` computes.
void BM_CostPointPrice(benchmark::State& state) {
  const SweepSpec sweep = load_sweep(kSweeps / "cost_100k.yaml");
  const ExperimentSpec spec = sweep.points.spec(sweep.points.at(sweep.points.size() / 2));
  for (auto _ : state) {
    const auto report = analytic_cost(spec, spec.geometry);
    benchmark::DoNotOptimize(report.energy_per_training_sample_j);
  }
}
BENCHMARK(BM_CostPointPrice)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
