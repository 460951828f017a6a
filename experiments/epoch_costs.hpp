// The cost of each training epoch on its own, as MLP+NeuroSim V3.0 prints it after every epoch:
// the events recorded during that epoch (the run's counters at its end less those at the previous
// epoch's end), priced and seen through sim::cost::neurosim_view. NeuroSim's per-epoch write cost
// follows how far the weights still move (Ag:a-Si: 769, 895, 966 s in its first three epochs,
// docs/neurosim_reference.md), which a mean over the run's pooled events hides.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "experiments/experiment_spec.hpp"
#include "experiments/run_events.hpp"
#include "sim/cost/neurosim_view.hpp"

namespace cimsim::experiments {

class EpochCosts {
 public:
  // `geometry.epoch_samples` training samples and `test_samples` inferences per epoch.
  EpochCosts(const ExperimentSpec& spec, const DatasetGeometry& geometry, double test_samples);

  // The counters as they stand after the next epoch (cumulative since the run started).
  void record(const RecordedEvents& cumulative);

  const std::vector<sim::cost::NeuroSimView>& views() const { return views_; }

  // One row per recorded epoch: epoch, then the view's per-epoch read and write latency and
  // energy and the energy outside NeuroSim's scope.
  std::string csv() const;

 private:
  const ExperimentSpec& spec_;
  DatasetGeometry geometry_;
  double test_samples_;
  RecordedEvents previous_;  // the counters after the last recorded epoch
  std::vector<sim::cost::NeuroSimView> views_;
};

}  // namespace cimsim::experiments
