// Runs one experiment: loads the data, builds the network and trainer, trains for the configured
// epochs, evaluates after each, and writes results/<name>/ (resolved.yaml, metrics.csv,
// summary.json, and when the weights are on crossbars cost.json with the events.json it was
// priced from) atomically as it goes.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"
#include "experiments/run_status.hpp"
#include "sim/core/rng.hpp"
#include "sim/cost/cost_report.hpp"
#include "sim/cost/neurosim_view.hpp"

namespace cimsim::experiments {

struct EpochMetrics {
  std::int64_t epoch = 0;
  double learning_rate = 0;
  double train_loss = 0;
  double train_accuracy = 0;
  std::optional<double> validation_accuracy;
  double test_loss = 0;
  double test_accuracy = 0;
  double wall_s = 0;         // training + evaluation time of this epoch
  double samples_per_s = 0;  // training throughput of this epoch
};

struct RunResult {
  std::string name;
  RunStatus status = RunStatus::kCompleted;
  std::string message;  // why a run that did not complete stopped
  std::vector<EpochMetrics> epochs;
  double total_wall_s = 0;
  std::filesystem::path out_dir;
  // The chip's cost from the events the run recorded; set when any layer is on crossbars.
  std::optional<sim::cost::CostReport> cost;
  // The same cost as MLP+NeuroSim V3.0 scopes and reports it, test reads included.
  std::optional<sim::cost::NeuroSimView> neurosim_view;
};

struct RunOptions {
  std::filesystem::path out_dir;  // results folder for this run (created)
  // Checked after every batch: when it reads true the run stops, keeps its finished epochs and
  // reports RunStatus::kInterrupted (set from a SIGINT/SIGTERM handler by the CLI).
  const std::atomic<bool>* stop = nullptr;
};

// Runs with an already loaded dataset (tests and sweeps reuse one).
RunResult run_experiment(const ExperimentSpec& spec, const Dataset& data,
                         const RunOptions& options);
// Checks the resources the run would need (resource_limits.hpp), loads the dataset the spec
// names, then runs.
RunResult run_experiment(const ExperimentSpec& spec, const RunOptions& options);

// The stream the initial weights are drawn from: model.init_seed's (the run's seed by default).
core::Rng initial_weight_rng(const ExperimentSpec& spec);

// metrics.csv text for a result (header + one row per epoch).
std::string metrics_csv(const RunResult& result);
// The readable summary printed at the end of `cimsim run`.
std::string format_summary(const ExperimentSpec& spec, const RunResult& result);

}  // namespace cimsim::experiments
