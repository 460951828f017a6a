#include "experiments/output_path.hpp"

#include <unistd.h>

#include <system_error>

namespace cimsim::experiments {
namespace {

// Linux limits (limits.h NAME_MAX and PATH_MAX); the file systems we run on keep to them.
constexpr std::size_t kNameMaxBytes = 255;
constexpr std::size_t kPathMaxBytes = 4096;

bool has_control_character(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string shown(const std::string& text) {
  return "\"" + (text.size() > 40 ? text.substr(0, 37) + "..." : text) + "\"";
}

}  // namespace

std::optional<std::string> folder_name_problem(const std::string& name, std::size_t max_bytes) {
  if (name.empty() || name == "." || name == "..") return "a folder name (not empty, . or ..)";
  if (name.find('/') != std::string::npos) return "a folder name without '/'";
  if (has_control_character(name)) return "a folder name without control characters";
  if (name.size() > max_bytes) {
    return "a folder name of at most " + std::to_string(max_bytes) + " bytes, got " +
           std::to_string(name.size());
  }
  return std::nullopt;
}

std::optional<std::string> output_dir_problem(const std::filesystem::path& dir) {
  const std::string text = dir.string();
  if (text.empty()) return "an empty path is not a folder";
  if (text.size() >= kPathMaxBytes) {
    return "the path is " + std::to_string(text.size()) + " bytes long, more than the " +
           std::to_string(kPathMaxBytes - 1) + " a path may have";
  }
  for (const auto& part : dir) {
    const std::string component = part.string();
    if (component.size() > kNameMaxBytes) {
      return "the folder name " + shown(component) + " is " + std::to_string(component.size()) +
             " bytes long, more than the " + std::to_string(kNameMaxBytes) +
             " a file name may have";
    }
    if (has_control_character(component)) {
      return "the folder name " + shown(component) + " holds a control character";
    }
  }
  // Walk up to the nearest part of the path that exists: it must be a folder we may write into.
  std::filesystem::path existing = dir;
  std::error_code error;
  while (!std::filesystem::exists(existing, error)) {
    if (!existing.has_relative_path() || existing.parent_path() == existing) break;
    existing = existing.parent_path();
    if (existing.empty()) existing = ".";
  }
  if (!std::filesystem::is_directory(existing, error)) {
    return existing.string() + " exists and is not a folder";
  }
  if (::access(existing.c_str(), W_OK | X_OK) != 0) {
    return "cannot write into " + existing.string() + " (permission denied or read-only)";
  }
  return std::nullopt;
}

std::optional<std::string> output_file_problem(const std::filesystem::path& file) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) return file.string() + " is a folder";
  const std::filesystem::path parent = file.has_parent_path() ? file.parent_path() : ".";
  return output_dir_problem(parent);
}

}  // namespace cimsim::experiments
