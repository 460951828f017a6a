#include "experiments/runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iomanip>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "algorithms/trainer.hpp"
#include "experiments/array_factory.hpp"
#include "experiments/epoch_costs.hpp"
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
  root.set("status", run_status_name(result.status));
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
    out << e.epoch << "," << e.learning_rate << "," << e.train_loss << "," << e.train_accuracy
        << ",";
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

namespace {

// The spec with the dataset's input shape and every layer's shape filled in. A network whose
// last layer does not have one unit per class of the dataset fails at that layer's `units` key.
ExperimentSpec fit_to_data(const ExperimentSpec& spec_in, const Dataset& data) {
  ExperimentSpec spec = spec_in;
  spec.network.input = {1, data.image_rows, data.image_cols, true};
  layer_shapes(spec, spec.network.input);
  if (spec.network.layers.back().units != data.classes) {
    const core::ConfigNode layers = spec.model_node.at("layers");
    layers.at(layers.size() - 1)
        .at("units")
        .fail(std::to_string(data.classes) + " output units (" + data.name + " has " +
              std::to_string(data.classes) + " classes)");
  }
  return spec;
}

void write_resolved(const ExperimentSpec& spec, const std::filesystem::path& out_dir) {
  YAML::Emitter resolved;
  resolved << spec.resolved;
  core::write_file_atomic(out_dir / "resolved.yaml", std::string(resolved.c_str()) + "\n");
}

// The network, its trainer, and the feedback arrays the trainer made (their events are part of
// the run's record). Not movable: the trainer's feedback factory points at `feedback_arrays`.
class Model {
 public:
  explicit Model(const ExperimentSpec& spec)
      : net_(make_network(spec)), trainer_(make_trainer(spec)) {}
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  algorithms::Network& net() { return net_; }
  const algorithms::Network& net() const { return net_; }
  algorithms::Trainer& trainer() { return *trainer_; }
  const std::map<std::string, const sim::WeightArray*>& feedback_arrays() const {
    return feedback_arrays_;
  }

 private:
  static algorithms::Network make_network(const ExperimentSpec& spec) {
    core::Rng init_rng = initial_weight_rng(spec);
    return algorithms::Network(spec.network, make_layer_array_factory(spec), init_rng);
  }

  std::unique_ptr<algorithms::Trainer> make_trainer(const ExperimentSpec& spec) {
    algorithms::TrainerContext context;
    context.layers = net_.geometry();
    context.seed = spec.seed;
    context.make_feedback = make_feedback_array_factory(spec, &feedback_arrays_);
    context.error_quantizer = spec.train.error_quantizer;
    const auto& entry = *algorithms::trainer_registry().find(spec.train.trainer_type);
    return entry.make(spec.train.trainer_params, context);
  }

  algorithms::Network net_;
  std::map<std::string, const sim::WeightArray*> feedback_arrays_;  // before trainer_: it fills it
  std::unique_ptr<algorithms::Trainer> trainer_;
};

// Loss and accuracy sums of the batches an epoch trained on.
struct EpochTotals {
  double loss_sum = 0;
  std::int64_t correct = 0;
};

// At most once a second and after the last batch: the epoch's progress so far on stderr.
class ProgressReport {
 public:
  ProgressReport(std::int64_t epoch, std::int64_t epochs, std::size_t batches,
                 Clock::time_point epoch_start)
      : epoch_(epoch), epochs_(epochs), batches_(batches), epoch_start_(epoch_start) {}

  void after_batch(std::size_t b, std::size_t samples_done, const EpochTotals& totals) {
    if (seconds_since(last_report_) <= 1.0 && b + 1 != batches_) return;
    last_report_ = Clock::now();
    const auto done = static_cast<double>(samples_done);
    core::log_progress("epoch " + std::to_string(epoch_) + "/" + std::to_string(epochs_) +
                       "  batch " + std::to_string(b + 1) + "/" + std::to_string(batches_) +
                       "  loss " + fixed(totals.loss_sum / done, 4) + "  acc " +
                       fixed(100.0 * totals.correct / done, 2) + "%  " +
                       fixed(done / seconds_since(epoch_start_), 0) + " samples/s");
  }

 private:
  std::int64_t epoch_;
  std::int64_t epochs_;
  std::size_t batches_;
  Clock::time_point epoch_start_;
  Clock::time_point last_report_ = Clock::now();
};

// The epochs of one run: each shuffles the training set, trains batch by batch, evaluates and
// rewrites metrics.csv, until the configured count or until the run stops early.
class Training {
 public:
  Training(const ExperimentSpec& spec, const Dataset& data, const RunOptions& options, Model& model,
           RunResult& result)
      : spec_(spec),
        data_(data),
        options_(options),
        model_(model),
        result_(result),
        sample_order_(spec.train.sampling, spec.train.shuffle, data.train.count(),
                      spec.train.epoch_samples(data.train.count()),
                      core::Rng::derive(spec.seed, "train.shuffle"),
                      static_cast<std::uint32_t>(spec.seed)) {}

  // `after_epoch(epoch)` runs after each epoch that finished (trained and evaluated).
  void run(const std::function<void(std::int64_t)>& after_epoch) {
    double learning_rate = spec_.train.learning_rate;
    for (std::int64_t epoch = 1; epoch <= spec_.train.epochs; ++epoch) {
      const auto epoch_start = Clock::now();
      order_ = &sample_order_.next_epoch();
      const EpochTotals totals = train_epoch(epoch, learning_rate, epoch_start);
      if (result_.status != RunStatus::kCompleted) {
        core::log_progress_done();
        return;
      }
      const EpochMetrics m = evaluate_epoch(epoch, learning_rate, totals, epoch_start);
      core::log_progress_done();
      core::log_info() << "epoch " << epoch << ": train loss " << fixed(m.train_loss, 4)
                       << ", train acc " << fixed(100 * m.train_accuracy, 2) << "%, test acc "
                       << fixed(100 * m.test_accuracy, 2) << "% (" << fixed(m.wall_s, 1) << " s)";
      result_.epochs.push_back(m);
      core::write_file_atomic(options_.out_dir / "metrics.csv", metrics_csv(result_));
      after_epoch(epoch);
      learning_rate *= spec_.train.lr_decay;
    }
  }

 private:
  // Trains one epoch over the samples in `order_`. A loss or weight that became NaN/Inf,
  // or a stop request, ends the epoch early with the run's status and message saying why.
  EpochTotals train_epoch(std::int64_t epoch, double learning_rate, Clock::time_point epoch_start) {
    const std::size_t n = order_->size();
    const auto batch_size = static_cast<std::size_t>(spec_.train.batch_size);
    const std::size_t batches = (n + batch_size - 1) / batch_size;
    EpochTotals totals;
    ProgressReport progress(epoch, spec_.train.epochs, batches, epoch_start);
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t begin = b * batch_size;
      const std::size_t count = std::min(batch_size, n - begin);
      gather(data_.train.x, data_.train.labels, *order_, begin, count, batch_, batch_labels_);
      const algorithms::StepStats stats = model_.trainer().train_batch(
          model_.net(), batch_, batch_labels_, static_cast<float>(learning_rate));
      totals.loss_sum += stats.loss_sum;
      totals.correct += stats.correct;
      const std::string at =
          " at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1);
      if (!std::isfinite(stats.loss_sum)) {
        result_.status = RunStatus::kDiverged;
        result_.message = "the loss became " +
                          std::string(std::isnan(stats.loss_sum) ? "NaN" : "infinite") + at +
                          first_bad_layer(model_.net()) + " (try a smaller train.learning_rate)";
        return totals;
      }
      if (options_.stop != nullptr && options_.stop->load()) {
        result_.status = RunStatus::kInterrupted;
        result_.message =
            "stopped" + at + "; the " + std::to_string(epoch - 1) + " finished epochs are kept";
        return totals;
      }
      progress.after_batch(b, begin + count, totals);
    }
    const std::string bad = first_bad_layer(model_.net());
    if (!bad.empty()) {
      result_.status = RunStatus::kDiverged;
      result_.message =
          "weights became NaN or infinite during epoch " + std::to_string(epoch) + bad;
    }
    return totals;
  }

  // The metrics of an epoch that trained to its end: the training sums, then validation and
  // test accuracy (evaluation seeds derived from the epoch: any thread count, same result).
  EpochMetrics evaluate_epoch(std::int64_t epoch, double learning_rate, const EpochTotals& totals,
                              Clock::time_point epoch_start) const {
    const auto n = static_cast<double>(order_->size());
    const double train_s = seconds_since(epoch_start);
    EpochMetrics m;
    m.epoch = epoch;
    m.learning_rate = learning_rate;
    m.train_loss = totals.loss_sum / n;
    m.train_accuracy = static_cast<double>(totals.correct) / n;
    m.samples_per_s = n / train_s;
    const std::uint64_t eval_seed =
        core::hash_path("eval/epoch" + std::to_string(epoch)) ^ spec_.seed;
    const algorithms::Network& net = model_.net();
    if (data_.validation.count() > 0) {
      const auto v =
          net.evaluate(data_.validation.x, data_.validation.labels, spec_.train.threads, eval_seed);
      m.validation_accuracy =
          static_cast<double>(v.correct) / static_cast<double>(data_.validation.count());
    }
    const auto t =
        net.evaluate(data_.test.x, data_.test.labels, spec_.train.threads, eval_seed + 1);
    m.test_loss = t.loss_sum / static_cast<double>(data_.test.count());
    m.test_accuracy = static_cast<double>(t.correct) / static_cast<double>(data_.test.count());
    m.wall_s = seconds_since(epoch_start);
    return m;
  }

  const ExperimentSpec& spec_;
  const Dataset& data_;
  const RunOptions& options_;
  Model& model_;
  RunResult& result_;
  SampleOrder sample_order_;
  const std::vector<std::int64_t>* order_ = nullptr;  // this epoch's samples
  Eigen::MatrixXf batch_;                             // reused from batch to batch
  std::vector<std::uint8_t> batch_labels_;
};

// The events the model's arrays recorded over its first `epochs` epochs.
RecordedEvents events_after(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                            const Model& model, std::int64_t epochs) {
  return recorded_counts(spec, geometry, model.net(), model.feedback_arrays(),
                         static_cast<double>(geometry.epoch_samples) * static_cast<double>(epochs));
}

// Prices the events the run recorded: writes events.json, cost.json and neurosim_view.json and
// keeps the reports in `result`.
void price_run(const ExperimentSpec& spec, const DatasetGeometry& geometry, const Model& model,
               const std::filesystem::path& out_dir, RunResult& result) {
  const RecordedEvents recorded = events_after(spec, geometry, model, spec.train.epochs);
  core::write_file_atomic(out_dir / "events.json", recorded_events_json(recorded));
  result.cost = price_recorded(spec, geometry, recorded).report;
  core::write_file_atomic(out_dir / "cost.json", sim::cost::cost_report_json(*result.cost));
  result.neurosim_view =
      sim::cost::neurosim_view(*result.cost, static_cast<double>(geometry.test_samples));
  core::write_file_atomic(out_dir / "neurosim_view.json",
                          sim::cost::neurosim_view_to_json(*result.neurosim_view).dump());
}

}  // namespace

RunResult run_experiment(const ExperimentSpec& spec_in, const Dataset& data,
                         const RunOptions& options) {
  const auto run_start = Clock::now();
  const ExperimentSpec spec = fit_to_data(spec_in, data);
  RunResult result;
  result.name = spec.name;
  result.out_dir = options.out_dir;
  write_resolved(spec, options.out_dir);
  Model model(spec);
  const DatasetGeometry geometry{data.image_rows, data.image_cols, data.train.count(),
                                 data.test.count(), spec.train.epoch_samples(data.train.count())};
  // Each epoch's own cost (neurosim_epochs.csv), rewritten after every epoch like metrics.csv.
  std::optional<EpochCosts> epoch_costs;
  if (spec.hardware.layers_on_crossbars) {
    epoch_costs.emplace(spec, geometry, static_cast<double>(geometry.test_samples));
  }
  Training(spec, data, options, model, result).run([&](std::int64_t epoch) {
    if (!epoch_costs) return;
    epoch_costs->record(events_after(spec, geometry, model, epoch));
    core::write_file_atomic(options.out_dir / "neurosim_epochs.csv", epoch_costs->csv());
  });
  if (result.status != RunStatus::kCompleted) {  // keep what finished (possibly no epoch at all)
    core::write_file_atomic(options.out_dir / "metrics.csv", metrics_csv(result));
  }
  if (spec.hardware.layers_on_crossbars && result.status == RunStatus::kCompleted) {
    price_run(spec, geometry, model, options.out_dir, result);
  }
  result.total_wall_s = seconds_since(run_start);
  core::write_file_atomic(options.out_dir / "summary.json", summary_json(spec, result).dump());
  return result;
}

std::string format_summary(const ExperimentSpec& spec, const RunResult& result) {
  std::ostringstream out;
  out << "run " << result.name << " (" << spec.train.trainer_type << ", seed " << spec.seed
      << "): " << run_status_name(result.status)
      << (result.message.empty() ? "" : ": " + result.message) << "\n";
  out << "  epoch  train loss  train acc  test acc\n";
  for (const auto& e : result.epochs) {
    out << "  " << std::setw(5) << e.epoch << "  " << std::setw(10) << fixed(e.train_loss, 4)
        << "  " << std::setw(8) << fixed(100 * e.train_accuracy, 2) << "%  " << std::setw(7)
        << fixed(100 * e.test_accuracy, 2) << "%\n";
  }
  if (result.cost) {
    out << "\nhardware cost, from the events this run recorded:\n"
        << sim::cost::format_cost_table(*result.cost);
  }
  if (result.neurosim_view) out << sim::cost::format_neurosim_view(*result.neurosim_view);
  out << "  wall time " << fixed(result.total_wall_s, 1) << " s; results in "
      << result.out_dir.string() << "\n";
  return out.str();
}

}  // namespace cimsim::experiments
