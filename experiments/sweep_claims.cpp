#include "experiments/sweep_claims.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

// "pid P on host H": who holds a lock, for the messages of the processes it keeps out.
std::string holder_note() {
  return "pid " + std::to_string(::getpid()) + " on host " + host_name() + "\n";
}

std::string read_note(int fd) {
  char buffer[256] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string note = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  while (!note.empty() && note.back() == '\n') note.pop_back();
  return note;
}

// Replaces the file's text with `note` (best effort: the lock holds without it).
void write_note(int fd, const std::string& note) {
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, note.data(), note.size(), 0) != static_cast<ssize_t>(note.size())) {
  }
}

int open_lock_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw core::IoError(file.string() + ": cannot create a lock file: " + std::strerror(errno));
  }
  return fd;
}

}  // namespace

std::filesystem::path claims_folder(const std::filesystem::path& table) {
  return table.string() + ".claims";
}

ChunkClaim::ChunkClaim(ChunkClaim&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), fresh_(other.fresh_) {}

ChunkClaim& ChunkClaim::operator=(ChunkClaim&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    fresh_ = other.fresh_;
  }
  return *this;
}

ChunkClaim::~ChunkClaim() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

TableClaims::TableClaims(const std::filesystem::path& table, bool fresh)
    : folder_(claims_folder(table)) {
  std::error_code error;
  if (table.has_parent_path()) std::filesystem::create_directories(table.parent_path(), error);
  const std::filesystem::path lock_file = table.string() + ".lock";
  fd_ = open_lock_file(lock_file);
  if (::flock(fd_, (fresh ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    const int code = errno;
    const std::string holder = read_note(fd_);
    ::close(fd_);
    if (code != EWOULDBLOCK) {
      throw core::IoError(lock_file.string() + ": cannot lock the table: " + std::strerror(code));
    }
    throw core::IoError(table.string() + " is being worked by another cimsim sweep (" +
                        (holder.empty() ? std::string("pid unknown") : "last joined: " + holder) +
                        (fresh
                             ? "); --force starts a table afresh only when no other process works "
                               "it: wait for them to finish, or give this run another --out"
                             : "); wait for it to finish, or give this run another --out"));
  }
  write_note(fd_, holder_note());
  if (fresh) {
    std::filesystem::remove_all(folder_, error);
    if (error) {
      ::close(fd_);
      throw core::IoError(folder_.string() + ": cannot empty the claims: " + error.message());
    }
  }
  std::filesystem::create_directories(folder_, error);
  if (error) {
    ::close(fd_);
    throw core::IoError(folder_.string() + ": cannot create the claims folder: " + error.message());
  }
  // Started afresh: from now on others may join (flock converts the lock in place).
  if (fresh) ::flock(fd_, LOCK_SH);
}

TableClaims::~TableClaims() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<ChunkClaim> TableClaims::claim(std::size_t chunk) const {
  const int fd = open_lock_file(folder_ / ("chunk-" + std::to_string(chunk)));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int code = errno;
    ::close(fd);
    if (code == EWOULDBLOCK) return std::nullopt;
    throw core::IoError((folder_ / ("chunk-" + std::to_string(chunk))).string() +
                        ": cannot lock: " + std::strerror(code));
  }
  const bool fresh = read_note(fd).empty();
  write_note(fd, holder_note());
  return ChunkClaim(fd, fresh);
}

TableClaims::TableLockGuard::TableLockGuard(const std::filesystem::path& file)
    : fd_(open_lock_file(file)) {
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int code = errno;
    ::close(fd_);
    throw core::IoError(file.string() + ": cannot lock: " + std::strerror(code));
  }
}

TableClaims::TableLockGuard::~TableLockGuard() { ::close(fd_); }

}  // namespace cimsim::experiments
