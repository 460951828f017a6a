// A small stderr logger. Library code reports progress only through it; `-q` silences info,
// `-v` enables debug lines.
#pragma once

#include <sstream>
#include <string>

namespace cimsim::core {

enum class LogLevel { kQuiet = 0, kInfo = 1, kDebug = 2 };

void set_log_level(LogLevel level);
LogLevel log_level();

// True while a ThreadLogMute is alive on the calling thread.
bool thread_log_muted();

// Silences every log line and progress update written by the calling thread while alive. Sweep
// workers run whole experiments whose per-epoch lines would garble the sweep's own progress line.
class ThreadLogMute {
 public:
  ThreadLogMute();
  ThreadLogMute(const ThreadLogMute&) = delete;
  ThreadLogMute& operator=(const ThreadLogMute&) = delete;
  ~ThreadLogMute();

 private:
  bool previous_;
};

// Collects one line and writes it to stderr when destroyed (if its level is enabled).
class LogLine {
 public:
  explicit LogLine(LogLevel level) : enabled_(level <= log_level() && !thread_log_muted()) {}
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
