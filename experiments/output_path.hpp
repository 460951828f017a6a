// Checks of the places cimsim writes to, made while a command validates its arguments so that a
// bad run name or --out folder is refused with the key that names it before any data is loaded
// (a long `name` used to pass validation, load MNIST, then die with a raw filesystem error).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace cimsim::experiments {

// Why `name` cannot be one folder name (results/<name>/): empty, "." or "..", a '/', a control
// character, or more than `max_bytes` bytes (NAME_MAX, 255 on Linux file systems, less what a
// caller appends to it). nullopt when it can.
std::optional<std::string> folder_name_problem(const std::string& name,
                                               std::size_t max_bytes = 255);

// Why `dir` cannot be used as an output folder: a path longer than PATH_MAX (4096 bytes), a
// component longer than 255 bytes or holding a control character, a component that exists and
// is not a folder, or a nearest existing folder this process may not write into. Creates nothing.
// nullopt when it can.
std::optional<std::string> output_dir_problem(const std::filesystem::path& dir);

// The same for a file to be written (e.g. --json FILE): its folder must pass output_dir_problem
// and the file itself must not be a folder.
std::optional<std::string> output_file_problem(const std::filesystem::path& file);

}  // namespace cimsim::experiments
