// How several `cimsim sweep` processes (on one machine, or on nodes sharing a filesystem) work one
// results table together, every point run exactly once.
//
// Every process working a table holds a shared flock(2) on `<table>.lock` for its whole run; one
// that starts the table afresh (--force) needs it exclusively, so it is refused while any other
// process works the table. The points of the table are cut into chunks of consecutive points;
// a process runs a chunk's points only while it holds an exclusive flock on the chunk's claim file
// `<table>.claims/chunk-<c>` (which names the last holder). A process that dies drops its locks
// with it (the kernel releases them, SIGKILL too), so the next process to try the chunk takes it
// over. The table says which points are finished: a process that takes a chunk another one worked
// first reads the rows appended since it last read the table, and runs only the chunk's points that
// have none (so a row deleted from the table is run again, as without claims). Rows are appended,
// and the table's definition checked, under a short exclusive flock on
// `<table>.claims/table.lock`. flock works across the nodes of a shared Linux NFS (v4, or v3 with
// lockd; Linux emulates flock with fcntl byte-range locks there, see flock(2) "NOTES").
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace cimsim::experiments {

// An exclusive claim on one chunk; released (closed) when destroyed.
class ChunkClaim {
 public:
  ChunkClaim(int fd, bool fresh) : fd_(fd), fresh_(fresh) {}
  ChunkClaim(ChunkClaim&& other) noexcept;
  ChunkClaim& operator=(ChunkClaim&& other) noexcept;
  ~ChunkClaim();
  // No process claimed the chunk before. Otherwise rows of its points may have been appended
  // since this process read the table (the table says which points are finished).
  bool fresh() const { return fresh_; }

 private:
  int fd_ = -1;
  bool fresh_ = true;
};

class TableClaims {
 public:
  // Joins the processes working `table` (creating its folder and `<table>.claims/`). With
  // `fresh`, first takes the table alone and empties `<table>.claims/` (the caller then starts
  // the table afresh under table_lock()); throws core::IoError "<table> is being worked by
  // another cimsim sweep (...)" when another process works it.
  TableClaims(const std::filesystem::path& table, bool fresh);
  ~TableClaims();
  TableClaims(const TableClaims&) = delete;
  TableClaims& operator=(const TableClaims&) = delete;

  // Claims chunk `chunk`: nothing when another process holds it.
  std::optional<ChunkClaim> claim(std::size_t chunk) const;

  // Held while a process appends rows or checks the table's definition (RAII; blocks until the
  // other processes' appends are through).
  class TableLockGuard {
   public:
    explicit TableLockGuard(const std::filesystem::path& file);
    ~TableLockGuard();
    TableLockGuard(const TableLockGuard&) = delete;
    TableLockGuard& operator=(const TableLockGuard&) = delete;

   private:
    int fd_ = -1;
  };
  TableLockGuard table_lock() const { return TableLockGuard(folder_ / "table.lock"); }

 private:
  std::filesystem::path folder_;  // <table>.claims
  int fd_ = -1;                   // <table>.lock, flock'ed shared for the life of the object
};

// The folder of a table's claims: `<table>.claims`.
std::filesystem::path claims_folder(const std::filesystem::path& table);

}  // namespace cimsim::experiments
