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

// `cimsim device-curve`: the memory of `devices` x (2 `pulses` + 1) recorded conductances, the
// two CSV texts made from them and, when `plot`, the plot script's parsed rows.
double device_curve_memory_bytes(std::int64_t devices, std::int64_t pulses, bool plot);

// Throws core::UsageError naming --devices and --pulses with the estimate when a device curve
// needs more than 90 % of this machine's physical memory (`--devices 100000000` used to
// allocate 2.7 GB and die of std::bad_alloc).
void check_device_curve_resources(std::int64_t devices, std::int64_t pulses, bool plot);

}  // namespace cimsim::experiments
