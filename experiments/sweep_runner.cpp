#include "experiments/sweep_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "experiments/results_table.hpp"
#include "experiments/run_cost.hpp"
#include "experiments/runner.hpp"
#include "experiments/sweep_table.hpp"
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
// that needs one and kept while points use it, plus the last one released (the points of a sweep
// that share data are usually neighbours, or all of them). So at most workers + 1 datasets are in
// memory, and nothing needs to know the points ahead.
class DatasetCache {
 public:
  std::shared_ptr<const Dataset> acquire(const ExperimentSpec& spec) {
    const std::string key = data_key(spec);
    std::shared_ptr<Entry> entry;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      std::shared_ptr<Entry>& slot = entries_[key];
      if (!slot) slot = std::make_shared<Entry>();
      entry = slot;
      ++entry->users;
    }
    try {
      std::lock_guard<std::mutex> lock(entry->mutex);  // one load; the others wait for it
      if (!entry->data)
        entry->data = std::make_shared<const Dataset>(load_dataset(spec.data, spec.data_node));
      return entry->data;
    } catch (...) {
      release_key(key);
      throw;
    }
  }

  void release(const ExperimentSpec& spec) { release_key(data_key(spec)); }

 private:
  struct Entry {
    std::mutex mutex;
    std::shared_ptr<const Dataset> data;
    std::size_t users = 0;  // points holding it (changed under DatasetCache::mutex_)
  };

  void release_key(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = entries_.find(key);
    if (found == entries_.end() || --found->second->users > 0) return;
    if (kept_ != key) {
      const auto old = entries_.find(kept_);
      if (old != entries_.end() && old->second->users == 0) entries_.erase(old);
      kept_ = key;
    }
  }

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
  std::string kept_;  // the data: section released last, kept for the next point
};

std::string point_file_text(const SweepSpec& sweep, const SweepPoint& point,
                            const ExperimentSpec& spec) {
  std::string text = "# sweep " + sweep.name + ", point " + point.id + "\n";
  for (const auto& o : point.overrides) text += "#   " + o.key + "=" + o.value + "\n";
  YAML::Emitter out;
  out << spec.resolved;
  return text + out.c_str() + "\n";
}

// Saves the point's configuration; rewritten only when missing or changed, so a rerun does not
// pay an fsync per point it had already saved.
void save_point_file(const SweepSpec& sweep, const SweepOptions& options, const SweepPoint& point,
                     const ExperimentSpec& spec) {
  const std::filesystem::path file = options.out_dir / "points" / (point.id + ".yaml");
  const std::string text = point_file_text(sweep, point, spec);
  if (!std::filesystem::exists(file) || core::read_file(file) != text) {
    core::write_file_atomic(file, text);
  }
}

// Trains and tests the point, pricing the events its arrays recorded.
RunResult run_point(const SweepOptions& options, const SweepPoint& point,
                    const ExperimentSpec& spec, DatasetCache& datasets) {
  RunOptions run;
  run.out_dir = options.out_dir / "runs" / point.id;
  run.stop = options.stop;
  const std::shared_ptr<const Dataset> data = datasets.acquire(spec);
  try {
    RunResult result = run_experiment(spec, *data, run);
    datasets.release(spec);
    return result;
  } catch (...) {
    datasets.release(spec);
    throw;
  }
}

// Prices the point's analytic event counts, as `cimsim cost` does.
RunResult price_point(const ExperimentSpec& spec) {
  const auto start = Clock::now();
  RunResult result;
  result.name = spec.name;
  result.cost = analytic_cost(spec, spec.geometry);
  result.total_wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

// A finished point's row, waiting for the reporting thread to append it.
struct FinishedRow {
  std::string id;
  std::string line;  // CSV text with its newline
};

// What the workers share with the thread that reports progress and appends the rows.
struct Progress {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t version = 0;  // bumped on every change, so the reporter misses none
  std::size_t workers_left = 0;
  std::size_t running = 0;
  std::size_t done = 0;
  std::size_t interrupted = 0;
  // Not yet handled by the reporting thread:
  std::vector<FinishedRow> rows;
  std::vector<std::string> finished_messages;
  std::vector<std::string> failed_messages;
  std::vector<std::string> failures;  // all "<id>: <message>" so far
  std::string invalid;                // the error of the first point that failed validation
  std::string invalid_value;          // the error of the first axis value that fails on its own
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

std::set<std::string> finished_point_ids(const SweepSpec& sweep, const SweepOptions& options) {
  const std::filesystem::path table_file = results_table_path(options.out_dir, options.shard);
  if (options.force || !std::filesystem::exists(table_file)) return {};
  TableIds table = read_point_ids(table_file);
  const CsvRow expected = results_header(sweep.swept_keys);
  if (!table.header.empty() && table.header != expected) {
    // The columns up to "trainer" name the point; past them are what this build measures.
    const auto named = std::find(expected.begin(), expected.end(), "trainer") - expected.begin() + 1;
    const bool same_points =
        table.header.size() >= static_cast<std::size_t>(named) &&
        std::equal(expected.begin(), expected.begin() + named, table.header.begin());
    throw core::DataError(table_file.string() +
                          (same_points ? ": it was written by a cimsim with other result columns "
                                         "(e.g. before energy_phase_leakage_j)"
                                       : ": its columns differ from this sweep's (were the axes "
                                         "changed?)") +
                          "; rerun with --force to start it afresh, or choose another --out");
  }
  return std::move(table.ids);
}

SweepOutcome run_sweep(const SweepSpec& sweep, const SweepOptions& options) {
  const auto start = Clock::now();
  SweepOutcome outcome;
  outcome.table = results_table_path(options.out_dir, options.shard);
  // One writer per table, and one definition: a second process, or a changed sweep, is refused
  // before anything is written.
  const TableLock table_lock(outcome.table);
  claim_table_definition(outcome.table, sweep.points.definition(), options.force);
  const std::set<std::string> finished = finished_point_ids(sweep, options);
  const Shard& shard = options.shard;
  outcome.selected = shard.size(sweep.points.size());
  // Nothing is planned ahead: the table holds only rows of this shard of this definition (its
  // name says the shard, its .sweep file the definition), so the count to run is known at once,
  // and each point is made and validated when a worker takes it.
  outcome.skipped = std::min(finished.size(), outcome.selected);
  const std::size_t to_run = outcome.selected - outcome.skipped;
  const CsvRow header = results_header(sweep.swept_keys);
  if (options.force) {
    core::write_file_atomic(outcome.table, csv_line(header));
  } else if (std::filesystem::exists(outcome.table) && drop_partial_line(outcome.table)) {
    core::log_info() << outcome.table.string() << ": dropped a half-written last row";
  }
  const int workers = static_cast<int>(std::min<std::size_t>(
      static_cast<std::size_t>(std::max(1, options.workers)), std::max<std::size_t>(1, to_run)));
  core::log_info() << "sweep " << sweep.name << ": " << sweep.points.size() << " points"
                   << (shard.count > 1
                           ? ", " + std::to_string(outcome.selected) + " in shard " +
                                 std::to_string(shard.index) + "/" + std::to_string(shard.count)
                           : std::string())
                   << ", " << outcome.skipped << " already done, " << to_run << " to run on "
                   << workers << " worker" << (workers == 1 ? "" : "s");
  if (to_run == 0) return outcome;

  DatasetCache datasets;
  Progress progress;
  progress.workers_left = static_cast<std::size_t>(workers);
  std::atomic<bool> halt{false};  // a point failed validation: start no more
  const auto stopping = [&] {
    return halt.load() || (options.stop != nullptr && options.stop->load());
  };
  // Each change is counted, then announced to the reporting thread.
  const auto update = [&](const auto& change) {
    {
      std::lock_guard<std::mutex> lock(progress.mutex);
      change();
      ++progress.version;
    }
    progress.changed.notify_all();
  };
  std::atomic<std::size_t> next{0};  // position in the shard of the next point a worker takes
  auto work = [&] {
    const core::ThreadLogMute mute;
    SweepPoints::Maker maker(sweep.points);  // the base parsed once per worker
    for (std::size_t j = next++; j < outcome.selected && !stopping(); j = next++) {
      const SweepPoint point = sweep.points.at(shard.point_index(j));
      if (finished.count(point.id)) continue;
      std::optional<ExperimentSpec> spec;
      try {
        spec = maker.spec(point);
      } catch (const core::ConfigError& e) {
        halt = true;
        update([&] {
          if (progress.invalid.empty()) progress.invalid = e.what();
        });
        break;
      }
      update([&] { ++progress.running; });
      std::string message;
      std::string row;
      bool interrupted = false;
      bool failed = false;
      try {
        RunResult result;
        if (sweep.mode == SweepMode::kCost) {
          result = price_point(*spec);
          message = "point " + point.id + ": priced";
        } else {
          save_point_file(sweep, options, point, *spec);
          result = run_point(options, point, *spec, datasets);
          char accuracy[64];
          std::snprintf(accuracy, sizeof accuracy, "test accuracy %.2f%% (%.1f s)",
                        result.epochs.empty() ? 0.0 : 100 * result.epochs.back().test_accuracy,
                        result.total_wall_s);
          message = "point " + point.id + ": " + accuracy;
        }
        // An interrupted point is not finished: no row, so the next run of the sweep runs it.
        interrupted = result.status == RunStatus::kInterrupted;
        if (!interrupted) row = csv_line(results_row(point, *spec, sweep.swept_keys, result));
      } catch (const std::exception& e) {
        failed = true;
        message = point.id + ": " + e.what();
      }
      update([&] {
        --progress.running;
        if (interrupted) {
          ++progress.interrupted;
        } else if (failed) {
          ++progress.done;
          progress.failures.push_back(message);
          progress.failed_messages.push_back(message);
        } else {
          ++progress.done;
          progress.rows.push_back({point.id, std::move(row)});
          progress.finished_messages.push_back(message);
        }
      });
    }
    update([&] { --progress.workers_left; });
  };
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) pool.emplace_back(work);
  // Every axis value checked on its own beside the workers (the sum of the axis sizes, not their
  // product), so a bad value stops the sweep early without delaying its first point. Once a point
  // fails validation the check runs to its end, so the error names the bad value (at its line
  // and column) whenever one is bad on its own, whichever worker got there first.
  std::atomic<bool> check_stop{false};
  std::thread checker([&] {
    const core::ThreadLogMute mute;
    try {
      sweep.points.check_axis_values(&check_stop);
    } catch (const std::exception& e) {  // ConfigError, or e.g. an unreadable device preset
      halt = true;
      update([&] { progress.invalid_value = e.what(); });
    }
  });

  // Appends the rows finished since the last wake in one durable write, then redraws the progress
  // line when a point started or ended (at most once a second: a cost sweep finishes thousands of
  // points a second, each redraw a line on a pipe) and every few seconds for the clock and ETA.
  const std::string table_header = csv_line(header);
  std::string shown;
  auto last_redraw = Clock::now() - std::chrono::seconds(1);
  std::size_t seen = 0;
  std::unique_lock<std::mutex> lock(progress.mutex);
  while (true) {
    progress.changed.wait_for(lock, std::chrono::seconds(1),
                              [&] { return progress.version != seen; });
    seen = progress.version;
    // Every worker has exited once this reads 0, so its rows are among those taken here.
    const bool last = progress.workers_left == 0;
    std::vector<FinishedRow> rows = std::exchange(progress.rows, {});
    std::vector<std::string> finished_messages = std::exchange(progress.finished_messages, {});
    std::vector<std::string> failed_messages = std::exchange(progress.failed_messages, {});
    lock.unlock();
    std::vector<std::string> unwritten;
    if (!rows.empty()) {
      std::string lines;
      for (const auto& r : rows) lines += r.line;
      try {
        core::append_line_durable(outcome.table, table_header, lines);
      } catch (const core::IoError& e) {
        // As if those points had failed: no row, so a rerun runs them again.
        for (const auto& r : rows) unwritten.push_back(r.id + ": " + e.what());
        finished_messages.clear();
      }
    }
    for (const auto& m : finished_messages) core::log_debug() << m;
    for (const auto& m : failed_messages) core::log_info() << "point " << m << " (failed)";
    for (const auto& m : unwritten) core::log_info() << "point " << m << " (failed)";
    lock.lock();
    progress.failures.insert(progress.failures.end(), unwritten.begin(), unwritten.end());
    // Nothing left that the check could save or explain:
    if ((options.stop != nullptr && options.stop->load()) || (last && progress.invalid.empty())) {
      check_stop = true;
    }

    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const std::size_t left = to_run - progress.done - progress.interrupted;
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
    const auto since = Clock::now() - last_redraw;
    if (last || (state != shown && since >= std::chrono::seconds(1)) ||
        since > std::chrono::seconds(5)) {
      core::log_progress(line);
      shown = state;
      last_redraw = Clock::now();
    }
    if (last) break;
  }
  lock.unlock();
  for (auto& t : pool) t.join();
  checker.join();
  core::log_progress_done();
  if (!progress.invalid_value.empty()) throw core::ConfigError(progress.invalid_value);
  if (!progress.invalid.empty()) throw core::ConfigError(progress.invalid);
  outcome.failures = progress.failures;
  outcome.ran = progress.done - outcome.failures.size();
  outcome.interrupted = progress.interrupted;
  outcome.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return outcome;
}

}  // namespace cimsim::experiments
