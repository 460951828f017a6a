#include "sim/core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace cimsim::core {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_mutex;
bool g_progress_showing = false;
thread_local bool t_muted = false;
}  // namespace

bool thread_log_muted() { return t_muted; }

ThreadLogMute::ThreadLogMute() : previous_(t_muted) { t_muted = true; }
ThreadLogMute::~ThreadLogMute() { t_muted = previous_; }

void set_log_level(LogLevel level) { g_level = static_cast<int>(level); }
LogLevel log_level() { return static_cast<LogLevel>(g_level.load()); }

LogLine::~LogLine() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_progress_showing) {
    std::fputs("\n", stderr);
    g_progress_showing = false;
  }
  const std::string line = text_.str() + "\n";
  std::fputs(line.c_str(), stderr);
}

void log_progress(const std::string& text) {
  if (log_level() < LogLevel::kInfo || t_muted) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (isatty(fileno(stderr))) {
    std::fprintf(stderr, "\r%s\033[K", text.c_str());
    g_progress_showing = true;
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
}

void log_progress_done() {
  if (t_muted) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_progress_showing) std::fputs("\n", stderr);
  g_progress_showing = false;
}

}  // namespace cimsim::core
