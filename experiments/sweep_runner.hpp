// Runs the points of a sweep on worker threads and appends one row per finished point to the
// results table, so a sweep killed at any moment resumes where it stopped: a rerun skips the
// points already in the table. Each point runs single-threaded and deterministically, so the rows
// do not depend on the number of workers (only their order in the file does).
//
// Layout of the output folder (results/<sweep>/ by default):
//   points/<id>.yaml   the resolved configuration of every point of the shard
//   runs/<id>/         each point's run folder (resolved.yaml, metrics.csv, summary.json, ...)
//   results.csv        the table (results-K-of-N.csv for shard K of N; `cimsim merge` joins them)
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"

namespace cimsim::experiments {

// Shard K of N takes the points whose index % N == K - 1.
struct Shard {
  int index = 1;  // K, 1-based
  int count = 1;  // N
  bool contains(std::size_t point_index) const {
    return point_index % static_cast<std::size_t>(count) == static_cast<std::size_t>(index - 1);
  }
};

// Parses "K/N" with 1 <= K <= N. Throws core::ConfigError
// `--shard 3/2: expected K/N with 1 <= K <= N, got "3/2"`.
Shard parse_shard(const std::string& text);

struct SweepOptions {
  std::filesystem::path out_dir;  // the sweep's folder, e.g. results/<sweep>
  int workers = 1;                // points run at once
  Shard shard;
  bool force = false;  // start the shard's table afresh and rerun every point
  // When it reads true (SIGINT/SIGTERM): no new point starts, running points stop after their
  // current batch and get no row, so rerunning the sweep resumes exactly where it stopped.
  const std::atomic<bool>* stop = nullptr;
};

struct SweepOutcome {
  std::filesystem::path table;        // the results table of this shard
  std::size_t selected = 0;           // points in this shard
  std::size_t skipped = 0;            // already in the table
  std::size_t ran = 0;                // finished now (one row each)
  std::size_t interrupted = 0;        // stopped by a stop request (no row; rerun resumes them)
  std::vector<std::string> failures;  // "<id>: <message>" of points that threw (no row)
  double wall_s = 0;
};

// The table a shard writes: results.csv, or results-K-of-N.csv when the sweep is split.
std::filesystem::path results_table_path(const std::filesystem::path& out_dir, const Shard& shard);

// The shard's points not yet in its table (every point of the shard with `force`). Throws
// core::DataError if the table exists with other columns than this sweep's.
std::vector<const SweepPoint*> pending_points(const SweepSpec& sweep, const SweepOptions& options);

// Saves the shard's points, runs the pending ones with `options.workers` threads, appends a row
// per finished point (one durable write each) and shows one progress line for the whole sweep.
// A point that throws is listed in `failures` and left out of the table, so a rerun retries it.
SweepOutcome run_sweep(const SweepSpec& sweep, const SweepOptions& options);

}  // namespace cimsim::experiments
