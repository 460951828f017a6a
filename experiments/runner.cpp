#include "experiments/runner.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "algorithms/trainer.hpp"
#include "experiments/array_factory.hpp"
#include "experiments/resource_limits.hpp"
#include "experiments/run_cost.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/json.hpp"
#include "sim/core/log.hpp"

namespace cimsim::experiments {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

// Gathers the columns `order[begin, begin+count)` of `x` into `batch`.
void gather(const Eigen::MatrixXf& x, const std::vector<std::uint8_t>& labels,
            const std::vector<std::int64_t>& order, std::size_t begin, std::size_t count,
            Eigen::MatrixXf& batch, std::vector<std::uint8_t>& batch_labels) {
  batch.resize(x.rows(), static_cast<Eigen::Index>(count));
  batch_labels.resize(count);
  for (std::size_t j = 0; j < count; ++j) {
    const auto src = static_cast<Eigen::Index>(order[begin + j]);
    batch.col(static_cast<Eigen::Index>(j)) = x.col(src);
    batch_labels[j] = labels[static_cast<std::size_t>(src)];
  }
}

// ", in layer L" for the first layer whose weights hold a NaN or Inf, "" if none.
std::string first_bad_layer(const algorithms::Network& net) {
  for (std::size_t l = 0; l < net.depth(); ++l) {
    if (!net.layer(l).array().weights().allFinite()) return ", in layer " + std::to_string(l);
  }
  return "";
}

core::Json summary_json(const ExperimentSpec& spec, const RunResult& result) {
  core::Json root = core::Json::object();
  root.set("name", result.name);
  root.set("status", result.status);
  if (!result.message.empty()) root.set("message", result.message);
  root.set("version", CIMSIM_VERSION);
  root.set("seed", spec.seed);
  root.set("trainer", spec.train.trainer_type);
  root.set("epochs_completed", static_cast<std::int64_t>(result.epochs.size()));
  root.set("total_wall_s", result.total_wall_s);
  if (!result.epochs.empty()) {
    const EpochMetrics& last = result.epochs.back();
    root.set("final_test_accuracy", last.test_accuracy);
    root.set("final_train_accuracy", last.train_accuracy);
    root.set("final_train_loss", last.train_loss);
    double best = 0;
    for (const auto& e : result.epochs) best = std::max(best, e.test_accuracy);
    root.set("best_test_accuracy", best);
    if (last.validation_accuracy) root.set("final_validation_accuracy", *last.validation_accuracy);
  }
  if (result.cost) root.set("cost", sim::cost::cost_report_to_json(*result.cost));
  return root;
}

}  // namespace

std::string metrics_csv(const RunResult& result) {
  std::ostringstream out;
  out << "epoch,learning_rate,train_loss,train_accuracy,validation_accuracy,test_loss,"
         "test_accuracy,wall_s,samples_per_s\n";
  out << std::setprecision(9);
  for (const auto& e : result.epochs) {
    out << e.epoch << "," << e.learning_rate << "," << e.train_loss << "," << e.train_accuracy << ",";
    if (e.validation_accuracy) out << *e.validation_accuracy;
    out << "," << e.test_loss << "," << e.test_accuracy << "," << e.wall_s << "," << e.samples_per_s
        << "\n";
  }
  return out.str();
}

core::Rng initial_weight_rng(const ExperimentSpec& spec) {
  return core::Rng::derive(spec.init_seed, "model.init");
}

RunResult run_experiment(const ExperimentSpec& spec, const RunOptions& options) {
  check_resources(spec);
  const Dataset data = load_dataset(spec.data, spec.data_node);
  return run_experiment(spec, data, options);
}

RunResult run_experiment(const ExperimentSpec& spec_in, const Dataset& data, const RunOptions& options) {
  const auto run_start = Clock::now();
  ExperimentSpec spec = spec_in;
  spec.network.input = {1, data.image_rows, data.image_cols, true};
  layer_shapes(spec, spec.network.input);
  if (spec.network.layers.back().units != data.classes) {
    const core::ConfigNode layers = spec.model_node.at("layers");
    layers.at(layers.size() - 1).at("units").fail(
        std::to_string(data.classes) + " output units (" + data.name + " has " +
        std::to_string(data.classes) + " classes)");
  }
  RunResult result;
  result.name = spec.name;
  result.out_dir = options.out_dir;
  YAML::Emitter resolved;
  resolved << spec.resolved;
  core::write_file_atomic(options.out_dir / "resolved.yaml", std::string(resolved.c_str()) + "\n");

  core::Rng init_rng = initial_weight_rng(spec);
  algorithms::Network net(spec.network, make_layer_array_factory(spec), init_rng);
  algorithms::TrainerContext context;
  context.layers = net.geometry();
  context.seed = spec.seed;
  std::map<std::string, const sim::WeightArray*> feedback_arrays;
  context.make_feedback = make_feedback_array_factory(spec, &feedback_arrays);
  context.error_quantizer = spec.train.error_quantizer;
  const auto& entry = *algorithms::trainer_registry().find(spec.train.trainer_type);
  std::unique_ptr<algorithms::Trainer> trainer = entry.make(spec.train.trainer_params, context);

  const std::int64_t stored = data.train.count();
  const std::int64_t per_epoch = spec.train.samples_per_epoch > 0 ? spec.train.samples_per_epoch : stored;
  SampleOrder sample_order(spec.train.sampling, spec.train.shuffle, stored, per_epoch,
                           core::Rng::derive(spec.seed, "train.shuffle"));
  const auto n = static_cast<std::size_t>(per_epoch);
  const auto batch_size = static_cast<std::size_t>(spec.train.batch_size);
  const std::size_t batches = (n + batch_size - 1) / batch_size;
  double learning_rate = spec.train.learning_rate;
  Eigen::MatrixXf batch;
  std::vector<std::uint8_t> batch_labels;

  for (std::int64_t epoch = 1; epoch <= spec.train.epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    const std::vector<std::int64_t>& order = sample_order.next_epoch();
    double loss_sum = 0;
    std::int64_t correct = 0;
    auto last_report = Clock::now();
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t begin = b * batch_size;
      const std::size_t count = std::min(batch_size, n - begin);
      gather(data.train.x, data.train.labels, order, begin, count, batch, batch_labels);
      const algorithms::StepStats stats =
          trainer->train_batch(net, batch, batch_labels, static_cast<float>(learning_rate));
      loss_sum += stats.loss_sum;
      correct += stats.correct;
      if (!std::isfinite(stats.loss_sum)) {
        result.status = "diverged";
        result.message = "the loss became " + std::string(std::isnan(stats.loss_sum) ? "NaN" : "infinite") +
                         " at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) +
                         first_bad_layer(net) + " (try a smaller train.learning_rate)";
        break;
      }
      if (options.stop != nullptr && options.stop->load()) {
        result.status = "interrupted";
        result.message = "stopped at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) +
                         "; the " + std::to_string(epoch - 1) + " finished epochs are kept";
        break;
      }
      if (std::chrono::duration<double>(Clock::now() - last_report).count() > 1.0 || b + 1 == batches) {
        last_report = Clock::now();
        const double done = static_cast<double>(begin + count);
        core::log_progress("epoch " + std::to_string(epoch) + "/" + std::to_string(spec.train.epochs) +
                           "  batch " + std::to_string(b + 1) + "/" + std::to_string(batches) +
                           "  loss " + fixed(loss_sum / done, 4) + "  acc " +
                           fixed(100.0 * correct / done, 2) + "%  " +
                           fixed(done / seconds_since(epoch_start), 0) + " samples/s");
      }
    }
    if (result.status == "completed") {
      const std::string bad = first_bad_layer(net);
      if (!bad.empty()) {
        result.status = "diverged";
        result.message = "weights became NaN or infinite during epoch " + std::to_string(epoch) + bad;
      }
    }
    if (result.status != "completed") {
      core::log_progress_done();
      break;
    }
    const double train_s = seconds_since(epoch_start);
    EpochMetrics m;
    m.epoch = epoch;
    m.learning_rate = learning_rate;
    m.train_loss = loss_sum / static_cast<double>(n);
    m.train_accuracy = static_cast<double>(correct) / static_cast<double>(n);
    m.samples_per_s = static_cast<double>(n) / train_s;
    const std::uint64_t eval_seed = core::hash_path("eval/epoch" + std::to_string(epoch)) ^ spec.seed;
    if (data.validation.count() > 0) {
      const auto v = net.evaluate(data.validation.x, data.validation.labels, spec.train.threads, eval_seed);
      m.validation_accuracy = static_cast<double>(v.correct) / static_cast<double>(data.validation.count());
    }
    const auto t = net.evaluate(data.test.x, data.test.labels, spec.train.threads, eval_seed + 1);
    m.test_loss = t.loss_sum / static_cast<double>(data.test.count());
    m.test_accuracy = static_cast<double>(t.correct) / static_cast<double>(data.test.count());
    m.wall_s = seconds_since(epoch_start);
    core::log_progress_done();
    core::log_info() << "epoch " << epoch << ": train loss " << fixed(m.train_loss, 4) << ", train acc "
                     << fixed(100 * m.train_accuracy, 2) << "%, test acc "
                     << fixed(100 * m.test_accuracy, 2) << "% (" << fixed(m.wall_s, 1) << " s)";
    result.epochs.push_back(m);
    core::write_file_atomic(options.out_dir / "metrics.csv", metrics_csv(result));
    learning_rate *= spec.train.lr_decay;
  }
  if (result.status != "completed") {  // keep what finished (possibly no epoch at all)
    core::write_file_atomic(options.out_dir / "metrics.csv", metrics_csv(result));
  }
  if (spec.hardware.layers_on_crossbars && result.status == "completed") {
    const DatasetGeometry geometry{data.image_rows, data.image_cols, stored, data.test.count(), per_epoch};
    const RecordedEvents recorded =
        recorded_counts(spec, geometry, net, feedback_arrays,
                        static_cast<double>(n) * static_cast<double>(spec.train.epochs));
    core::write_file_atomic(options.out_dir / "events.json", recorded_events_json(recorded));
    result.cost = price_recorded(spec, geometry, recorded).report;
    core::write_file_atomic(options.out_dir / "cost.json", sim::cost::cost_report_json(*result.cost));
    result.neurosim_view = sim::cost::neurosim_view(*result.cost, static_cast<double>(data.test.count()));
    core::write_file_atomic(options.out_dir / "neurosim_view.json",
                            sim::cost::neurosim_view_to_json(*result.neurosim_view).dump());
  }
  result.total_wall_s = seconds_since(run_start);
  core::write_file_atomic(options.out_dir / "summary.json", summary_json(spec, result).dump());
  return result;
}

std::string format_summary(const ExperimentSpec& spec, const RunResult& result) {
  std::ostringstream out;
  out << "run " << result.name << " (" << spec.train.trainer_type << ", seed " << spec.seed << "): "
      << result.status << (result.message.empty() ? "" : ": " + result.message) << "\n";
  out << "  epoch  train loss  train acc  test acc\n";
  for (const auto& e : result.epochs) {
    out << "  " << std::setw(5) << e.epoch << "  " << std::setw(10) << fixed(e.train_loss, 4) << "  "
        << std::setw(8) << fixed(100 * e.train_accuracy, 2) << "%  " << std::setw(7)
        << fixed(100 * e.test_accuracy, 2) << "%\n";
  }
  if (result.cost) {
    out << "\nhardware cost, from the events this run recorded:\n" << sim::cost::format_cost_table(*result.cost);
  }
  if (result.neurosim_view) out << sim::cost::format_neurosim_view(*result.neurosim_view);
  out << "  wall time " << fixed(result.total_wall_s, 1) << " s; results in " << result.out_dir.string()
      << "\n";
  return out.str();
}

}  // namespace cimsim::experiments
