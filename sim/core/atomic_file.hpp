// Atomic file output: write to a temporary file in the same folder, flush it to disk, then
// rename over the target, so a reader never sees a half-written file.
#pragma once

#include <filesystem>
#include <string>

namespace cimsim::core {

// Replaces `path` with `content` atomically. Throws IoError on failure.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);
// Appends `line` (which should end in '\n') to `path` as one write followed by fsync; a crash
// leaves either the whole line or none of it on most file systems, and readers drop a trailing
// line without '\n'. Creates the file with `header` first if it does not exist.
void append_line_durable(const std::filesystem::path& path, const std::string& header,
                         const std::string& line);
// Reads a whole file; throws IoError if it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace cimsim::core
