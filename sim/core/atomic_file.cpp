#include "sim/core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/core/errors.hpp"

namespace cimsim::core {
namespace {

void write_all(int fd, const std::string& content, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      ::close(fd);
      throw IoError(path.string() + ": write failed: " + reason);
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

void write_file_atomic(const std::filesystem::path& path, const std::string& content) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  const std::filesystem::path tmp =
      path.string() + ".tmp." + std::to_string(static_cast<long>(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(tmp.string() + ": cannot create: " + std::strerror(errno));
  write_all(fd, content, tmp);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    throw IoError(tmp.string() + ": cannot flush: " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    throw IoError(path.string() + ": cannot rename into place: " + std::strerror(errno));
  }
}

void append_line_durable(const std::filesystem::path& path, const std::string& header,
                         const std::string& line) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  if (!std::filesystem::exists(path)) write_file_atomic(path, header);
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) throw IoError(path.string() + ": cannot open for append: " + std::strerror(errno));
  write_all(fd, line, path);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    throw IoError(path.string() + ": cannot flush: " + std::strerror(errno));
  }
}

std::string read_file(const std::filesystem::path& path) {
  // Regular files only: a device or a FIFO (/dev/zero, /dev/stdin) would be read forever.
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw IoError(path.string() + ": not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path.string() + ": cannot open");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace cimsim::core
