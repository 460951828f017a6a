#include "experiments/sweep_table.hpp"

#include <sstream>

#include "experiments/sweep_spec.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

// The definition file: a fingerprint line, then the definition.
std::string definition_text(const std::string& definition) {
  return "# the sweep definition that wrote this table (cimsim refuses to add rows of another)\n"
         "fingerprint: " +
         definition_fingerprint(definition) + "\n" + definition;
}

std::string fingerprint_of(const std::string& text) {
  const std::string key = "\nfingerprint: ";
  const std::size_t at = text.find(key);
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size();
  return text.substr(start, text.find('\n', start) - start);
}

// The first line of `recorded` (the stored definition, after the fingerprint) that `now` lacks.
std::string first_difference(const std::string& recorded, const std::string& now) {
  std::istringstream old_lines(
      recorded.substr(recorded.find('\n', recorded.find("fingerprint:")) + 1));
  std::istringstream new_lines(now);
  std::string a, b;
  for (std::size_t line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(old_lines, a));
    const bool more_b = static_cast<bool>(std::getline(new_lines, b));
    if (!more_a && !more_b) return "";
    if (!more_a || !more_b || a != b) {
      // Around the first character that differs (a line may be a whole base file in flow style).
      std::size_t at = 0;
      while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
      const std::size_t from = at > 60 ? at - 60 : 0;
      const auto cut = [&](const std::string& s) {
        return (from > 0 ? "..." : "") + s.substr(from, 120) + (s.size() > from + 120 ? "..." : "");
      };
      return "first difference, definition line " + std::to_string(line) + ": was \"" +
             (more_a ? cut(a) : "(end)") + "\", now \"" + (more_b ? cut(b) : "(end)") + "\"";
    }
  }
}

}  // namespace

std::filesystem::path definition_path(const std::filesystem::path& table) {
  return table.string() + ".sweep";
}

void claim_table_definition(const std::filesystem::path& table, const std::string& definition,
                            bool fresh) {
  const std::filesystem::path file = definition_path(table);
  const std::string text = definition_text(definition);
  if (!fresh && std::filesystem::exists(file) && std::filesystem::exists(table)) {
    const std::string recorded = core::read_file(file);
    if (recorded == text) return;
    const std::string was = fingerprint_of(recorded);
    throw core::ConfigError(
        table.string() + ": written by another definition of this sweep (fingerprint " +
        (was.empty() ? "unreadable" : was) + ", this one " + definition_fingerprint(definition) +
        "; " + first_difference(recorded, definition) +
        "); rerun with --force to start the table afresh, or give this definition its own --out");
  }
  core::write_file_atomic(file, text);
}

}  // namespace cimsim::experiments
