#include "experiments/sweep_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
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
#include "experiments/sweep_claims.hpp"
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

// Points of a chunk (SweepMode: a training point runs for seconds, so each is claimed on its own;
// a cost point is priced in microseconds, so claims would dominate: 256 a chunk).
std::size_t chunk_size(SweepMode mode) { return mode == SweepMode::kCost ? 256 : 1; }

// Hands the shard's points to the workers in order, a chunk at a time: the chunk is claimed
// (TableClaims) before its first point goes out, points already in the table are skipped, and
// the claim is released once every point handed out has settled (has its durable row, or none).
// Chunks that other processes hold are passed over.
class PointQueue {
 public:
  PointQueue(const SweepSpec& sweep, const Shard& shard, std::size_t selected,
             const TableClaims& claims, const std::filesystem::path& table,
             std::set<std::string> finished)
      : sweep_(sweep),
        shard_(shard),
        selected_(selected),
        chunk_(chunk_size(sweep.mode)),
        claims_(claims),
        table_(table),
        finished_(std::move(finished)) {}

  struct Taken {
    SweepPoint point;
    std::size_t chunk = 0;
  };
  // The next point to run; nothing when every chunk is through or taken.
  std::optional<Taken> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    while (true) {
      if (!current_ && !claim_next()) return std::nullopt;
      const std::size_t c = *current_;
      Open& open = open_.at(c);
      if (position_ >= std::min(selected_, (c + 1) * chunk_)) {
        open.all_handed = true;
        close_if_settled(c);
        current_.reset();
        continue;
      }
      SweepPoint point = sweep_.points.at(shard_.point_index(position_++));
      if (!finished_.count(point.id) && !open.table_read) {
        // Another process worked the chunk: its rows are durable now that it let go.
        refresh();
        open.table_read = true;
      }
      if (finished_.count(point.id)) {
        elsewhere_ += found_late_.count(point.id);
        continue;
      }
      ++open.outstanding;
      return Taken{std::move(point), c};
    }
  }
  // A point handed out is through: its row is durable, or it has none.
  void settle(std::size_t chunk) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_.at(chunk).outstanding;
    close_if_settled(chunk);
  }
  // Points that other processes ran (or run) while this one worked the table, as far as seen.
  std::size_t elsewhere() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return elsewhere_;
  }
  // Every chunk has been claimed or passed over.
  bool exhausted() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return next_chunk_ * chunk_ >= selected_ && !current_;
  }

 private:
  struct Open {
    ChunkClaim claim;
    bool table_read = false;      // the table has been read since the chunk was claimed
    std::size_t outstanding = 0;  // handed out, not settled
    bool all_handed = false;
  };

  bool claim_next() {
    for (; next_chunk_ * chunk_ < selected_; ++next_chunk_) {
      const std::size_t c = next_chunk_;
      std::optional<ChunkClaim> claim = claims_.claim(c);
      if (!claim) {
        for (std::size_t j = c * chunk_; j < std::min(selected_, (c + 1) * chunk_); ++j)
          elsewhere_ += finished_.count(sweep_.points.at(shard_.point_index(j)).id) ? 0 : 1;
        continue;
      }
      const bool fresh = claim->fresh();
      open_.emplace(c, Open{std::move(*claim), fresh});
      current_ = c;
      position_ = c * chunk_;
      ++next_chunk_;
      return true;
    }
    return false;
  }
  // Takes the ids of the rows appended since the table was last read here.
  void refresh() {
    const auto lock = claims_.table_lock();
    if (!std::filesystem::exists(table_)) return;
    std::set<std::string> ids;
    table_offset_ = read_point_ids_from(table_, table_offset_, ids);
    for (auto& id : ids) {
      if (finished_.insert(id).second) found_late_.insert(id);
    }
  }
  void close_if_settled(std::size_t chunk) {
    const auto found = open_.find(chunk);
    if (!found->second.all_handed || found->second.outstanding > 0) return;
    open_.erase(found);
  }

  const SweepSpec& sweep_;
  const Shard& shard_;
  const std::size_t selected_;
  const std::size_t chunk_;
  const TableClaims& claims_;
  const std::filesystem::path table_;
  mutable std::mutex mutex_;
  std::set<std::string> finished_;      // ids in the table (as far as read)
  std::set<std::string> found_late_;    // of those, the ids read after the start
  std::size_t table_offset_ = 0;        // the table has been read up to here (0: not yet)
  std::size_t next_chunk_ = 0;          // the next chunk to try
  std::optional<std::size_t> current_;  // the chunk whose points are being handed out
  std::size_t position_ = 0;            // the next position in the shard to hand out
  std::map<std::size_t, Open> open_;    // claims held
  std::size_t elsewhere_ = 0;
};

// A finished point's row, waiting for the reporting thread to append it.
struct FinishedRow {
  std::string id;
  std::size_t chunk = 0;
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

// What running one point came to.
struct PointResult {
  std::string message;
  std::string row;  // CSV line; empty unless finished
  bool interrupted = false;
  bool failed = false;
};

PointResult run_one(const SweepSpec& sweep, const SweepOptions& options, const SweepPoint& point,
                    const ExperimentSpec& spec, DatasetCache& datasets) {
  PointResult out;
  try {
    RunResult result;
    if (sweep.mode == SweepMode::kCost) {
      result = price_point(spec);
      out.message = "point " + point.id + ": priced";
    } else {
      save_point_file(sweep, options, point, spec);
      result = run_point(options, point, spec, datasets);
      char accuracy[64];
      std::snprintf(accuracy, sizeof accuracy, "test accuracy %.2f%% (%.1f s)",
                    result.epochs.empty() ? 0.0 : 100 * result.epochs.back().test_accuracy,
                    result.total_wall_s);
      out.message = "point " + point.id + ": " + accuracy;
    }
    // An interrupted point is not finished: no row, so the next run of the sweep runs it.
    out.interrupted = result.status == RunStatus::kInterrupted;
    if (!out.interrupted) out.row = csv_line(results_row(point, spec, sweep.swept_keys, result));
  } catch (const std::exception& e) {
    out.failed = true;
    out.message = point.id + ": " + e.what();
  }
  return out;
}

// Under the table's write lock: checks (or records) the definition, reads the ids of the points
// already in the table, and starts the table afresh (--force) or cuts a half-written last row.
std::set<std::string> open_table(const SweepSpec& sweep, const SweepOptions& options,
                                 const TableClaims& claims, const std::filesystem::path& table) {
  const auto lock = claims.table_lock();
  claim_table_definition(table, sweep.points.definition(), options.force);
  std::set<std::string> finished = finished_point_ids(sweep, options);
  if (options.force) {
    core::write_file_atomic(table, csv_line(results_header(sweep.swept_keys)));
  } else if (std::filesystem::exists(table) && drop_partial_line(table)) {
    core::log_info() << table.string() << ": dropped a half-written last row";
  }
  return finished;
}

// Appends rows in one durable write under the table's write lock, first cutting a half-written
// last row that a process killed mid-append left (the next rows would otherwise join it).
void append_rows(const TableClaims& claims, const std::filesystem::path& table,
                 const std::string& header, const std::string& lines) {
  const auto lock = claims.table_lock();
  std::error_code error;
  const auto size = std::filesystem::file_size(table, error);
  if (!error && size > 0) {
    std::ifstream in(table, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(size) - 1);
    if (in.get() != '\n') drop_partial_line(table);
  }
  core::append_line_durable(table, header, lines);
}

// One run of a sweep's points: the workers, the axis-value check beside them, and the reporting
// thread (the caller's) that appends the rows and draws the progress line.
class SweepRun {
 public:
  SweepRun(const SweepSpec& sweep, const SweepOptions& options, const TableClaims& claims,
           PointQueue& queue, SweepOutcome& outcome, Clock::time_point start, int workers)
      : sweep_(sweep),
        options_(options),
        claims_(claims),
        queue_(queue),
        outcome_(outcome),
        start_(start),
        header_(csv_line(results_header(sweep.swept_keys))) {
    progress_.workers_left = static_cast<std::size_t>(workers);
  }

  void run(int workers) {
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) pool.emplace_back([this] { work(); });
    std::thread checker([this] { check_values(); });
    report();
    for (auto& t : pool) t.join();
    checker.join();
    core::log_progress_done();
    if (!progress_.invalid_value.empty()) throw core::ConfigError(progress_.invalid_value);
    if (!progress_.invalid.empty()) throw core::ConfigError(progress_.invalid);
    outcome_.failures = progress_.failures;
    outcome_.ran = progress_.done - outcome_.failures.size();
    outcome_.interrupted = progress_.interrupted;
    // Once every chunk was through, the points this process neither found in the table nor ran
    // were run by others (a closer count than the queue's, which sees other processes' rows only
    // when it reads the table).
    const std::size_t here = outcome_.skipped + progress_.done + progress_.interrupted;
    outcome_.elsewhere = queue_.exhausted() && outcome_.selected >= here ? outcome_.selected - here
                                                                         : queue_.elsewhere();
  }

 private:
  bool stopping() const {
    return halt_.load() || (options_.stop != nullptr && options_.stop->load());
  }
  // Each change is counted, then announced to the reporting thread.
  template <class Change>
  void update(const Change& change) {
    {
      std::lock_guard<std::mutex> lock(progress_.mutex);
      change();
      ++progress_.version;
    }
    progress_.changed.notify_all();
  }

  // A worker: takes the next point, validates it (the first invalid one stops the sweep), runs it.
  void work() {
    const core::ThreadLogMute mute;
    SweepPoints::Maker maker(sweep_.points);  // the base parsed once per worker
    while (!stopping()) {
      const std::optional<PointQueue::Taken> taken = queue_.take();
      if (!taken) break;
      std::optional<ExperimentSpec> spec;
      try {
        spec = maker.spec(taken->point);
      } catch (const core::ConfigError& e) {
        halt_ = true;
        queue_.settle(taken->chunk);
        update([&] {
          if (progress_.invalid.empty()) progress_.invalid = e.what();
        });
        break;
      }
      update([&] { ++progress_.running; });
      PointResult result = run_one(sweep_, options_, taken->point, *spec, datasets_);
      if (result.row.empty()) queue_.settle(taken->chunk);
      update([&] {
        --progress_.running;
        if (result.interrupted) {
          ++progress_.interrupted;
          return;
        }
        ++progress_.done;
        if (result.failed) {
          progress_.failures.push_back(result.message);
          progress_.failed_messages.push_back(result.message);
        } else {
          progress_.rows.push_back({taken->point.id, taken->chunk, std::move(result.row)});
          progress_.finished_messages.push_back(std::move(result.message));
        }
      });
    }
    update([&] { --progress_.workers_left; });
  }

  // Every axis value checked on its own beside the workers (the sum of the axis sizes, not their
  // product), so a bad value stops the sweep early without delaying its first point. Once a point
  // fails validation the check runs to its end, so the error names the bad value (at its line and
  // column) whenever one is bad on its own, whichever worker got there first.
  void check_values() {
    const core::ThreadLogMute mute;
    try {
      sweep_.points.check_axis_values(&check_stop_);
    } catch (const std::exception& e) {  // ConfigError, or e.g. an unreadable device preset
      halt_ = true;
      update([&] { progress_.invalid_value = e.what(); });
    }
  }

  // Appends the rows finished since the last wake in one durable write, then redraws the progress
  // line, until every worker is through. Rows that finish within kBatch of the last write wait
  // for the next one (a cost sweep finishes thousands of points a second, and each write ends in
  // an fsync); the last workers' rows are written at once.
  void report() {
    constexpr auto kBatch = std::chrono::milliseconds(50);
    std::size_t seen = 0;
    auto last_write = Clock::now() - kBatch;
    std::unique_lock<std::mutex> lock(progress_.mutex);
    while (true) {
      progress_.changed.wait_for(lock, std::chrono::seconds(1),
                                 [&] { return progress_.version != seen; });
      progress_.changed.wait_until(lock, last_write + kBatch,
                                   [&] { return progress_.workers_left == 0; });
      seen = progress_.version;
      // Every worker has exited once this reads 0, so its rows are among those taken here.
      const bool last = progress_.workers_left == 0;
      std::vector<FinishedRow> rows = std::exchange(progress_.rows, {});
      std::vector<std::string> finished = std::exchange(progress_.finished_messages, {});
      std::vector<std::string> failed = std::exchange(progress_.failed_messages, {});
      lock.unlock();
      if (!rows.empty()) last_write = Clock::now();
      std::vector<std::string> unwritten = write_rows(rows);
      if (!unwritten.empty()) finished.clear();
      for (const auto& m : finished) core::log_debug() << m;
      for (const auto& m : failed) core::log_info() << "point " << m << " (failed)";
      for (const auto& m : unwritten) core::log_info() << "point " << m << " (failed)";
      lock.lock();
      progress_.failures.insert(progress_.failures.end(), unwritten.begin(), unwritten.end());
      // Nothing left that the check could save or explain:
      if ((options_.stop != nullptr && options_.stop->load()) ||
          (last && progress_.invalid.empty())) {
        check_stop_ = true;
      }
      redraw(last);
      if (last) break;
    }
  }

  // Appends the rows and settles their points; returns "<id>: <error>" for each row that could
  // not be written (as if those points had failed: no row, so a rerun runs them again).
  std::vector<std::string> write_rows(const std::vector<FinishedRow>& rows) {
    std::vector<std::string> unwritten;
    if (rows.empty()) return unwritten;
    std::string lines;
    for (const auto& r : rows) lines += r.line;
    try {
      append_rows(claims_, outcome_.table, header_, lines);
    } catch (const core::IoError& e) {
      for (const auto& r : rows) unwritten.push_back(r.id + ": " + e.what());
    }
    for (const auto& r : rows) queue_.settle(r.chunk);
    return unwritten;
  }

  // The progress line (the caller holds progress_.mutex): redrawn when a point started or ended,
  // at most once a second (a cost sweep finishes thousands of points a second, each redraw a line
  // on a pipe), and every few seconds for the clock and ETA.
  void redraw(bool last) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const std::size_t to_run = outcome_.selected - outcome_.skipped;
    const std::size_t through = progress_.done + progress_.interrupted + queue_.elsewhere();
    const std::size_t left = to_run > through ? to_run - through : 0;
    std::string line = "sweep " + sweep_.name + "  " +
                       std::to_string(outcome_.skipped + progress_.done + queue_.elsewhere()) +
                       "/" + std::to_string(outcome_.selected) + " done  " +
                       std::to_string(progress_.running) + " running";
    if (!progress_.failures.empty())
      line += "  " + std::to_string(progress_.failures.size()) + " failed";
    line += "  elapsed " + duration_text(elapsed);
    if (progress_.done > 0 && left > 0) {
      line += "  ETA " + duration_text(elapsed / static_cast<double>(progress_.done) *
                                       static_cast<double>(left));
    }
    const std::string state =
        std::to_string(progress_.done) + "/" + std::to_string(progress_.running);
    const auto since = Clock::now() - last_redraw_;
    if (last || (state != shown_ && since >= std::chrono::seconds(1)) ||
        since > std::chrono::seconds(5)) {
      core::log_progress(line);
      shown_ = state;
      last_redraw_ = Clock::now();
    }
  }

  const SweepSpec& sweep_;
  const SweepOptions& options_;
  const TableClaims& claims_;
  PointQueue& queue_;
  SweepOutcome& outcome_;
  const Clock::time_point start_;
  const std::string header_;
  DatasetCache datasets_;
  Progress progress_;
  std::atomic<bool> halt_{false};        // a point or value failed validation: start no more
  std::atomic<bool> check_stop_{false};  // the axis-value check may stop
  std::string shown_;                    // the state the progress line last showed
  Clock::time_point last_redraw_ = Clock::now() - std::chrono::seconds(1);
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
    const auto named =
        std::find(expected.begin(), expected.end(), "trainer") - expected.begin() + 1;
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
  // Other processes may work the table beside this one (each chunk of points is run by whichever
  // claims it); a changed definition is refused before anything is written.
  const TableClaims claims(outcome.table, options.force);
  std::set<std::string> finished = open_table(sweep, options, claims, outcome.table);
  const Shard& shard = options.shard;
  outcome.selected = shard.size(sweep.points.size());
  // Nothing is planned ahead: the table holds only rows of this shard of this definition (its
  // name says the shard, its .sweep file the definition), so the count to run is known at once,
  // and each point is made and validated when a worker takes it.
  outcome.skipped = std::min(finished.size(), outcome.selected);
  const std::size_t to_run = outcome.selected - outcome.skipped;
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
  PointQueue queue(sweep, shard, outcome.selected, claims, outcome.table, std::move(finished));
  SweepRun(sweep, options, claims, queue, outcome, start, workers).run(workers);
  outcome.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return outcome;
}

}  // namespace cimsim::experiments
