#include "experiments/resource_limits.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "algorithms/layer_type.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

// Bytes per weight: software keeps w, its gradient and a momentum buffer; a crossbar keeps two
// conductance arrays of up to 12 per-cell device arrays each, plus the signed and squared
// effective conductances and a mixed-precision accumulator.
constexpr double kSoftwareBytesPerWeight = 3 * 4;
constexpr double kCrossbarBytesPerWeight = (2 * 12 + 3) * 4;
constexpr double kAssumedFlopsPerSecond = 1e10;
constexpr double kMaxRunSeconds = 30 * 24 * 3600.0;
// device-curve, per recorded conductance: the double itself; a curve.csv row (~25 bytes) and an
// update_size.csv row (~39 bytes), each held twice while the text is built and copied; and in the
// plot script its csv.DictReader row of each file (tracemalloc, Python 3.11: 820 bytes for the
// pair, 970 at peak) plus the lists of plotted floats. Per device, its cell state (12 float
// arrays) twice over.
constexpr double kCurveBytesPerPoint = 8 + 2 * (30 + 45);
constexpr double kCurvePlotBytesPerPoint = 1100;
constexpr double kCurveBytesPerDevice = 2 * 12 * 4;

std::string human(double value, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g %s", value, unit);
  return buf;
}

double physical_memory_bytes() {
  return static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
}

}  // namespace

ResourceEstimate estimate_resources(const ExperimentSpec& spec) {
  const DatasetGeometry& geometry = spec.geometry;
  ResourceEstimate e;
  const double test_images =
      10000;  // MNIST-style test sets; an upper bound for idx folders is not known
  e.memory_bytes = static_cast<double>(geometry.input_size()) *
                   (static_cast<double>(geometry.train_samples) + test_images) * 4.0;
  const algorithms::TensorShape input{1, geometry.image_rows, geometry.image_cols, true};
  const std::vector<algorithms::TensorShape> shapes =
      algorithms::infer_shapes(input, spec.network.layers);
  // Reads on crossbars stack every input cycle of a batch (both signs: 2 x input_bits planes
  // bit-serially, 2 through a DAC) and keep each cycle's column sums.
  const double planes = spec.hardware.tile.input_mode == sim::InputMode::kBitSerial
                            ? 2.0 * static_cast<double>(spec.hardware.tile.input_bits)
                            : 2.0;
  const double batch = static_cast<double>(spec.train.batch_size);
  Eigen::Index positions = 1;
  for (const algorithms::TensorShape& s : shapes) positions = std::max(positions, s.positions());
  const double eval_samples =  // samples of the evaluation chunks in flight
      static_cast<double>(algorithms::evaluation_chunk(positions) * spec.train.threads);
  double macs_per_sample = 0;
  algorithms::TensorShape in = input;
  std::size_t weighted = 0;
  for (std::size_t l = 0; l < spec.network.layers.size(); ++l) {
    const algorithms::LayerSpec& layer = spec.network.layers[l];
    const double out_values = static_cast<double>(shapes[l].size());
    const algorithms::LayerType& type = algorithms::layer_type(layer.kind);
    if (type.weighted()) {
      const bool crossbar = spec.layer_arrays[weighted++] == "crossbar";
      const double rows = static_cast<double>(type.kernel_inputs(layer, in) + 1);
      const double outputs = static_cast<double>(layer.units);
      const double positions = static_cast<double>(shapes[l].positions());
      const double weights = rows * outputs;
      e.memory_bytes += weights * (crossbar ? kCrossbarBytesPerWeight : kSoftwareBytesPerWeight);
      // Feature maps: the array's input (im2col columns) and its transposed-read result, the
      // output map and its teaching signal, for a training batch and the evaluation chunks.
      double per_column = 2 * rows + 2 * outputs;
      if (crossbar) per_column += planes * (rows + outputs);
      e.memory_bytes += 4.0 * per_column * positions * (batch + eval_samples);
      macs_per_sample += 3 * weights * positions;  // forward, error, update
    } else if (type.make_unweighted) {  // a layer that only reshapes (flatten) moves no data
      e.memory_bytes += 4.0 * 2 * out_values * (batch + eval_samples);  // pooled map and its error
    }
    in = shapes[l];
  }
  e.flops = 2 * macs_per_sample * static_cast<double>(geometry.epoch_samples) *
            static_cast<double>(spec.train.epochs);
  return e;
}

void check_resources(const ExperimentSpec& spec) {
  const ResourceEstimate e = estimate_resources(spec);
  const double memory = physical_memory_bytes();
  if (e.memory_bytes > 0.9 * memory) {
    spec.model_node.at("layers").fail_message(
        "this run needs an estimated " + human(e.memory_bytes / (1 << 30), "GiB") +
        " (dataset, weights, device state and feature maps), more than this machine's " +
        human(memory / (1 << 30), "GiB") + " of memory");
  }
  const double seconds = e.flops / kAssumedFlopsPerSecond;
  if (seconds > kMaxRunSeconds) {
    (spec.train_node.has("epochs") ? spec.train_node.at("epochs") : spec.train_node)
        .fail_message("this run needs an estimated " + human(e.flops, "FLOP") + ", about " +
                      human(seconds / 86400.0, "days") +
                      " at 1e10 FLOP/s; refusing runs longer than 30 days");
  }
}

double device_curve_memory_bytes(std::int64_t devices, std::int64_t pulses, bool plot) {
  const double points = static_cast<double>(devices) * (2.0 * static_cast<double>(pulses) + 1.0);
  return points * (kCurveBytesPerPoint + (plot ? kCurvePlotBytesPerPoint : 0.0)) +
         static_cast<double>(devices) * kCurveBytesPerDevice;
}

void check_device_curve_resources(std::int64_t devices, std::int64_t pulses, bool plot) {
  const double need = device_curve_memory_bytes(devices, pulses, plot);
  const double memory = physical_memory_bytes();
  if (need > 0.9 * memory) {
    throw core::UsageError(
        "--devices " + std::to_string(devices) + " --pulses " + std::to_string(pulses) +
        ": these curves need an estimated " + human(need / (1 << 30), "GiB") +
        (plot ? " (conductances, CSV text and the plot's rows)" : " (conductances and CSV text)") +
        ", more than this machine's " + human(memory / (1 << 30), "GiB") +
        " of memory; sample fewer devices or pulses" + (plot ? ", or add --no-plot" : ""));
  }
}

}  // namespace cimsim::experiments
