// Refuses, before anything is allocated, experiments that could never finish on this machine:
// weights and device state larger than its memory, or a run of absurd length.
#pragma once

#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"

namespace cimsim::experiments {

struct ResourceEstimate {
  double memory_bytes = 0;  // dataset, weights, optimizer and device state, feature maps
  double flops = 0;         // multiply-adds x 2 of the whole run (software-equivalent work)
};

// From spec.geometry (the dataset's size, known without loading it) and the layer shapes.
ResourceEstimate estimate_resources(const ExperimentSpec& spec);

// Throws ConfigError naming the culprit key with the estimate when the run needs more than the
// machine's physical memory, or more than 30 days at 1e10 FLOP/s (a generous 2-core rate).
void check_resources(const ExperimentSpec& spec);

}  // namespace cimsim::experiments
