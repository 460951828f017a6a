// Runs the points of a sweep on worker threads and appends one row per finished point to the
// results table, so a sweep killed at any moment resumes where it stopped: a rerun skips the
// points already in the table. Each point runs single-threaded and deterministically, so the rows
// do not depend on the number of workers (only their order in the file does). The workers make
// each point from its index when they take it (each from its own copy of the parsed base), so
// memory follows the workers, not the points: what is kept per point is at most the id of a
// finished one.
//
// Layout of the output folder (results/<sweep>/ by default):
//   points/<id>.yaml   the resolved configuration of every point run (training sweeps)
//   runs/<id>/         each point's run folder (resolved.yaml, metrics.csv, summary.json, ...)
//   results.csv        the table (results-K-of-N.csv for shard K of N; `cimsim merge` joins them)
//   results.csv.lock   shared (flock) by the processes working the table (sweep_claims.hpp)
//   results.csv.claims/ which process runs which chunk of points (sweep_claims.hpp)
//   results.csv.sweep  the definition (and its fingerprint) of the sweep that wrote the table
// A cost sweep (mode: cost) writes only the table: a row holds all there is of a priced point.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"

namespace cimsim::experiments {

// Shard K of N takes the points whose index % N == K - 1.
struct Shard {
  int index = 1;  // K, 1-based
  int count = 1;  // N
  // Points of a sweep of `total` points in this shard.
  std::size_t size(std::size_t total) const {
    const auto n = static_cast<std::size_t>(count);
    return total / n + (total % n > static_cast<std::size_t>(index - 1) ? 1 : 0);
  }
  // Sweep index of the shard's point `j` (0-based, j < size(total)).
  std::size_t point_index(std::size_t j) const {
    return static_cast<std::size_t>(index - 1) + j * static_cast<std::size_t>(count);
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
  std::size_t elsewhere = 0;          // run (or being run) by other processes on the same table
  std::vector<std::string> failures;  // "<id>: <message>" of points that threw (no row)
  double wall_s = 0;
};

// The table a shard writes: results.csv, or results-K-of-N.csv when the sweep is split.
std::filesystem::path results_table_path(const std::filesystem::path& out_dir, const Shard& shard);

// The ids of the points in the shard's table (none with `force`): the points a run skips. Throws
// core::DataError if the table exists with other columns than this sweep's.
std::set<std::string> finished_point_ids(const SweepSpec& sweep, const SweepOptions& options);

// Runs the shard's points not yet in its table with `options.workers` threads, appends a row per
// finished point (rows that finish together share one durable write) and shows one progress line
// for the whole sweep. Several processes may run the same table at once: each runs the chunks of
// points it claims (TableClaims), so every point is run once; `options.force` is refused
// (core::IoError) while another process works the table. First checks the table's recorded
// definition (claim_table_definition: core::ConfigError when the sweep changed, unless `force`).
// Nothing is planned ahead: the first point starts at once, each point is validated when a worker
// takes it, and every axis value is checked on its own (SweepPoints::check_axis_values) on a
// thread beside the workers. The first bad point or value stops the sweep (no new point starts;
// rows so far are kept) and its core::ConfigError is thrown once the running points are done, the
// bad value's (file:line:col) in preference to the point's. A point that throws otherwise is
// listed in `failures` and left out of the table, so a rerun retries it.
SweepOutcome run_sweep(const SweepSpec& sweep, const SweepOptions& options);

}  // namespace cimsim::experiments
