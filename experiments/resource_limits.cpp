#include "experiments/resource_limits.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace cimsim::experiments {
namespace {

// Bytes per weight: software keeps w, its gradient and a momentum buffer; a crossbar keeps two
// conductance arrays of up to 12 per-cell device arrays each, plus the signed and squared
// effective conductances and a mixed-precision accumulator.
constexpr double kSoftwareBytesPerWeight = 3 * 4;
constexpr double kCrossbarBytesPerWeight = (2 * 12 + 3) * 4;
constexpr double kAssumedFlopsPerSecond = 1e10;
constexpr double kMaxRunSeconds = 30 * 24 * 3600.0;

std::string human(double value, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g %s", value, unit);
  return buf;
}

double physical_memory_bytes() {
  return static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
}

}  // namespace

ResourceEstimate estimate_resources(const ExperimentSpec& spec, const DatasetGeometry& geometry) {
  ResourceEstimate e;
  const double test_images = 10000;  // MNIST-style test sets; an upper bound for idx folders is not known
  e.memory_bytes = static_cast<double>(geometry.input_size) *
                   (static_cast<double>(geometry.train_samples) + test_images) * 4.0;
  double macs_per_sample = 0;
  double inputs = static_cast<double>(geometry.input_size);
  for (std::size_t l = 0; l < spec.network.layers.size(); ++l) {
    const double outputs = static_cast<double>(spec.network.layers[l].units);
    const double weights = (inputs + 1) * outputs;
    e.memory_bytes += weights * (spec.layer_arrays[l] == "crossbar" ? kCrossbarBytesPerWeight
                                                                      : kSoftwareBytesPerWeight);
    macs_per_sample += 3 * weights;  // forward, error, update
    inputs = outputs;
  }
  e.flops = 2 * macs_per_sample * static_cast<double>(geometry.train_samples) *
            static_cast<double>(spec.train.epochs);
  return e;
}

void check_resources(const ExperimentSpec& spec, const DatasetGeometry& geometry) {
  const ResourceEstimate e = estimate_resources(spec, geometry);
  const double memory = physical_memory_bytes();
  if (e.memory_bytes > 0.9 * memory) {
    spec.model_node.at("layers").fail_message(
        "this run needs an estimated " + human(e.memory_bytes / (1 << 30), "GiB") +
        " (dataset, weights and device state), more than this machine's " +
        human(memory / (1 << 30), "GiB") + " of memory");
  }
  const double seconds = e.flops / kAssumedFlopsPerSecond;
  if (seconds > kMaxRunSeconds) {
    (spec.train_node.has("epochs") ? spec.train_node.at("epochs") : spec.train_node).fail_message(
        "this run needs an estimated " + human(e.flops, "FLOP") + ", about " +
        human(seconds / 86400.0, "days") + " at 1e10 FLOP/s; refusing runs longer than 30 days");
  }
}

}  // namespace cimsim::experiments
