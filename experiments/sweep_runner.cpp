#include "experiments/sweep_runner.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "experiments/results_table.hpp"
#include "experiments/runner.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/log.hpp"

namespace cimsim::experiments {
namespace {

using Clock = std::chrono::steady_clock;

std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, s / 60 % 60);
  } else if (s >= 60) {
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%llds", s);
  }
  return buffer;
}

std::string data_key(const ExperimentSpec& spec) {
  YAML::Emitter out;
  out << spec.resolved["data"];
  return out.c_str();
}

// Datasets shared by the points that read the same `data:` section: loaded by the first point
// that needs one, dropped when the last point using it is done.
class DatasetCache {
 public:
  explicit DatasetCache(const std::vector<const SweepPoint*>& points) {
    for (const SweepPoint* p : points) {
      auto& entry = entries_[data_key(p->spec)];
      if (!entry) entry = std::make_unique<Entry>();
      ++entry->users_left;
    }
  }

  std::shared_ptr<const Dataset> acquire(const ExperimentSpec& spec) {
    Entry& entry = *entries_.at(data_key(spec));
    std::lock_guard<std::mutex> lock(entry.mutex);
    if (!entry.data)
      entry.data = std::make_shared<const Dataset>(load_dataset(spec.data, spec.data_node));
    return entry.data;
  }

  void release(const ExperimentSpec& spec) {
    Entry& entry = *entries_.at(data_key(spec));
    std::lock_guard<std::mutex> lock(entry.mutex);
    if (--entry.users_left == 0) entry.data.reset();
  }

 private:
  struct Entry {
    std::mutex mutex;
    std::shared_ptr<const Dataset> data;
    std::size_t users_left = 0;
  };
  // Filled before the workers start; only the entries change afterwards.
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

std::string point_file_text(const SweepSpec& sweep, const SweepPoint& point) {
  std::string text = "# sweep " + sweep.name + ", point " + point.id + "\n";
  for (const auto& o : point.overrides) text += "#   " + o.key + "=" + o.value + "\n";
  YAML::Emitter out;
  out << point.spec.resolved;
  return text + out.c_str() + "\n";
}

// What the workers share with the thread that reports progress.
struct Progress {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t running = 0;
  std::size_t done = 0;
  std::size_t interrupted = 0;
  // Not yet logged by the reporting thread:
  std::vector<std::string> finished_messages;
  std::vector<std::string> failed_messages;
  std::vector<std::string> failures;  // all "<id>: <message>" so far
};

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto bad = [&] {
    return core::ConfigError("--shard " + text + ": expected K/N with 1 <= K <= N, got \"" + text +
                             "\"");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw bad();
  const std::string k = text.substr(0, slash);
  const std::string n = text.substr(slash + 1);
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 6 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(k) || !digits(n)) throw bad();
  Shard shard{std::stoi(k), std::stoi(n)};
  if (shard.index < 1 || shard.count < 1 || shard.index > shard.count) throw bad();
  return shard;
}

std::filesystem::path results_table_path(const std::filesystem::path& out_dir, const Shard& shard) {
  if (shard.count == 1) return out_dir / "results.csv";
  return out_dir /
         ("results-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) + ".csv");
}

std::vector<const SweepPoint*> pending_points(const SweepSpec& sweep, const SweepOptions& options) {
  const std::filesystem::path table_file = results_table_path(options.out_dir, options.shard);
  std::set<std::string> finished;
  if (!options.force && std::filesystem::exists(table_file)) {
    const ResultsTable table = read_results_table(table_file);
    if (!table.header.empty() && table.header != results_header(sweep.swept_keys)) {
      throw core::DataError(table_file.string() +
                            ": its columns differ from this sweep's (were the axes changed?); "
                            "rerun with --force to start it afresh, or choose another --out");
    }
    const std::size_t id_column = table.header.empty() ? 0 : column_index(table, "point_id");
    for (const auto& row : table.rows) finished.insert(row[id_column]);
  }
  std::vector<const SweepPoint*> pending;
  for (const auto& point : sweep.points) {
    if (options.shard.contains(point.index) && !finished.count(point.id)) pending.push_back(&point);
  }
  return pending;
}

SweepOutcome run_sweep(const SweepSpec& sweep, const SweepOptions& options) {
  const auto start = Clock::now();
  SweepOutcome outcome;
  outcome.table = results_table_path(options.out_dir, options.shard);
  const std::vector<const SweepPoint*> pending = pending_points(sweep, options);
  for (const auto& point : sweep.points) {
    if (!options.shard.contains(point.index)) continue;
    ++outcome.selected;
    // Rewritten only when missing or changed: a resumed sweep of thousands of points should not
    // pay thousands of fsyncs before it starts.
    const std::filesystem::path file = options.out_dir / "points" / (point.id + ".yaml");
    const std::string text = point_file_text(sweep, point);
    if (!std::filesystem::exists(file) || core::read_file(file) != text) {
      core::write_file_atomic(file, text);
    }
  }
  outcome.skipped = outcome.selected - pending.size();
  const CsvRow header = results_header(sweep.swept_keys);
  if (options.force) {
    core::write_file_atomic(outcome.table, csv_line(header));
  } else if (std::filesystem::exists(outcome.table) && drop_partial_line(outcome.table)) {
    core::log_info() << outcome.table.string() << ": dropped a half-written last row";
  }
  const int workers = std::max(1, std::min<int>(options.workers, static_cast<int>(pending.size())));
  core::log_info() << "sweep " << sweep.name << ": " << sweep.points.size() << " points"
                   << (options.shard.count > 1
                           ? ", " + std::to_string(outcome.selected) + " in shard " +
                                 std::to_string(options.shard.index) + "/" +
                                 std::to_string(options.shard.count)
                           : std::string())
                   << ", " << outcome.skipped << " already done, " << pending.size()
                   << " to run on " << workers << " worker" << (workers == 1 ? "" : "s");
  if (pending.empty()) return outcome;

  DatasetCache datasets(pending);
  Progress progress;
  std::mutex table_mutex;
  std::atomic<std::size_t> next{0};
  const std::string table_header = csv_line(header);
  auto work = [&] {
    const core::ThreadLogMute mute;
    for (std::size_t i = next++; i < pending.size(); i = next++) {
      if (options.stop != nullptr && options.stop->load()) break;
      const SweepPoint& point = *pending[i];
      {
        std::lock_guard<std::mutex> lock(progress.mutex);
        ++progress.running;
      }
      progress.changed.notify_all();
      std::string message;
      bool failed = false;
      try {
        RunOptions run;
        run.out_dir = options.out_dir / "runs" / point.id;
        run.stop = options.stop;
        const std::shared_ptr<const Dataset> data = datasets.acquire(point.spec);
        const RunResult result = run_experiment(point.spec, *data, run);
        if (result.status == "interrupted") {
          // Not finished: no row, so the next run of the sweep runs this point again.
          datasets.release(point.spec);
          std::lock_guard<std::mutex> lock(progress.mutex);
          --progress.running;
          ++progress.interrupted;
          progress.changed.notify_all();
          continue;
        }
        {
          std::lock_guard<std::mutex> lock(table_mutex);
          core::append_line_durable(outcome.table, table_header,
                                    csv_line(results_row(point, sweep.swept_keys, result)));
        }
        char accuracy[64];
        std::snprintf(accuracy, sizeof accuracy, "test accuracy %.2f%% (%.1f s)",
                      result.epochs.empty() ? 0.0 : 100 * result.epochs.back().test_accuracy,
                      result.total_wall_s);
        message = "point " + point.id + ": " + accuracy;
      } catch (const std::exception& e) {
        failed = true;
        message = point.id + ": " + e.what();
      }
      datasets.release(point.spec);
      {
        std::lock_guard<std::mutex> lock(progress.mutex);
        --progress.running;
        ++progress.done;
        if (failed) {
          progress.failures.push_back(message);
          progress.failed_messages.push_back(message);
        } else {
          progress.finished_messages.push_back(message);
        }
      }
      progress.changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) pool.emplace_back(work);

  // Redraw when a point starts or ends, and every few seconds for the clock and the ETA (not
  // every second: on a pipe or in a batch log each redraw is a line).
  std::unique_lock<std::mutex> lock(progress.mutex);
  std::string shown;
  auto last_redraw = Clock::now();
  while (true) {
    progress.changed.wait_for(lock, std::chrono::seconds(1));
    for (const auto& m : progress.finished_messages) core::log_debug() << m;
    for (const auto& m : progress.failed_messages) core::log_info() << "point " << m << " (failed)";
    progress.finished_messages.clear();
    progress.failed_messages.clear();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const std::size_t left = pending.size() - progress.done;
    std::string line = "sweep " + sweep.name + "  " +
                       std::to_string(outcome.skipped + progress.done) + "/" +
                       std::to_string(outcome.selected) + " done  " +
                       std::to_string(progress.running) + " running";
    if (!progress.failures.empty())
      line += "  " + std::to_string(progress.failures.size()) + " failed";
    line += "  elapsed " + duration_text(elapsed);
    if (progress.done > 0 && left > 0) {
      line += "  ETA " + duration_text(elapsed / static_cast<double>(progress.done) *
                                       static_cast<double>(left));
    }
    const std::string state =
        std::to_string(progress.done) + "/" + std::to_string(progress.running);
    if (state != shown || Clock::now() - last_redraw > std::chrono::seconds(5) || left == 0) {
      core::log_progress(line);
      shown = state;
      last_redraw = Clock::now();
    }
    const bool stopping = options.stop != nullptr && options.stop->load();
    if (left == 0 || (stopping && progress.running == 0)) break;
  }
  lock.unlock();
  for (auto& t : pool) t.join();
  core::log_progress_done();
  outcome.failures = progress.failures;
  outcome.ran = progress.done - outcome.failures.size();
  outcome.interrupted = progress.interrupted;
  outcome.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return outcome;
}

}  // namespace cimsim::experiments
