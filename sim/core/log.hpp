// A small stderr logger. Library code reports progress only through it; `-q` silences info,
// `-v` enables debug lines.
#pragma once

#include <sstream>
#include <string>

namespace cimsim::core {

enum class LogLevel { kQuiet = 0, kInfo = 1, kDebug = 2 };

void set_log_level(LogLevel level);
LogLevel log_level();

// Collects one line and writes it to stderr when destroyed (if its level is enabled).
class LogLine {
 public:
  explicit LogLine(LogLevel level) : enabled_(level <= log_level()) {}
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;
  ~LogLine();
  template <class T>
  LogLine& operator<<(const T& value) {
    if (enabled_) text_ << value;
    return *this;
  }

 private:
  bool enabled_;
  std::ostringstream text_;
};

inline LogLine log_info() { return LogLine(LogLevel::kInfo); }
inline LogLine log_debug() { return LogLine(LogLevel::kDebug); }
// Progress that overwrites itself on a terminal (carriage return, no newline).
void log_progress(const std::string& text);
// Ends a progress line, if one is showing.
void log_progress_done();

}  // namespace cimsim::core
