// What keeps one results table to one process and one sweep definition.
//
// Lock: a process that writes a table holds an exclusive flock(2) on `<table>.lock` (which also
// holds its pid and host, for the message of the process it refuses) until it is done; a second
// `cimsim sweep` on the same table refuses to start instead of running every point twice and
// interleaving rows. The kernel drops the lock when the holder exits in any way (SIGKILL too), so
// a stale lock file never blocks a rerun. Shards write distinct tables and take distinct locks.
// flock works across the nodes of a shared Linux NFS (v4, or v3 with lockd; Linux emulates flock
// with fcntl byte-range locks there, see flock(2) "NOTES").
//
// Definition: `<table>.sweep` records the fingerprint of the sweep definition that wrote the table
// (SweepPoints::definition(): mode, base experiment text, set: overrides, axes) and the definition
// itself; a run whose definition differs is refused, so rows of two definitions never mix under
// the same point ids.
#pragma once

#include <filesystem>
#include <string>

namespace cimsim::experiments {

class TableLock {
 public:
  // Takes the lock of `table` (creating `<table>.lock` and its folder). Throws core::IoError
  // "<table> is being written by another cimsim sweep (pid P on host H); ..." when another process
  // holds it, or naming the lock file when it cannot be made.
  explicit TableLock(const std::filesystem::path& table);
  ~TableLock();
  TableLock(const TableLock&) = delete;
  TableLock& operator=(const TableLock&) = delete;

 private:
  int fd_ = -1;
};

// The file that records a table's definition: `<table>.sweep`.
std::filesystem::path definition_path(const std::filesystem::path& table);

// Refuses (core::ConfigError naming the table, both fingerprints and the first line that differs)
// when `table` exists with a recorded definition other than `definition`; `fresh` (the table is
// being started afresh, e.g. --force) skips the check. Records the definition when the table is
// new, started afresh, or has none recorded (tables written before definitions were recorded).
void claim_table_definition(const std::filesystem::path& table, const std::string& definition,
                            bool fresh);

}  // namespace cimsim::experiments
