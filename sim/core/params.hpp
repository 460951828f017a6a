// Self-documenting parameter tables.
//
// A component declares its parameters once (key, kind, default, unit, valid range, one line of
// documentation). The same table validates a config map (types, ranges, unknown keys), fills the
// defaults, writes the resolved values back as YAML, and prints the documentation for
// `cimsim list`. One place says what a parameter is.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/config.hpp"
#include "sim/core/json.hpp"

namespace cimsim::core {

using ParamValue = std::variant<double, std::int64_t, bool, std::string>;

enum class ParamKind { kReal, kInteger, kFlag, kChoice, kText };

// A closed or half-open numeric interval. `min_open`/`max_open` exclude the end points.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;

  static Range any() { return {}; }
  static Range at_least(double v) {
    return {v, std::numeric_limits<double>::infinity(), false, false};
  }
  static Range above(double v) { return {v, std::numeric_limits<double>::infinity(), true, false}; }
  static Range between(double lo, double hi) { return {lo, hi, false, false}; }
  // For values the code keeps as float: a larger one would become inf there.
  static Range float_above(double v) { return {v, std::numeric_limits<float>::max(), true, false}; }
  static Range float_at_least(double v) {
    return {v, std::numeric_limits<float>::max(), false, false};
  }
  static Range float_any() {
    return {-std::numeric_limits<float>::max(), std::numeric_limits<float>::max(), false, false};
  }
  bool contains(double v) const;
  std::string describe() const;  // e.g. ">= 1", "in [0, 1]", "> 0"
};

struct ParamSpec {
  std::string key;
  ParamKind kind = ParamKind::kReal;
  std::optional<ParamValue> default_value;  // nullopt: the key is required
  std::string unit;                         // SI unit ("S", "s", "V", "J") or "" if dimensionless
  Range range;
  std::vector<std::string> choices;  // for kChoice
  std::string doc;
};

// Values read through a ParamTable: every declared key has a value (given or default).
class ParamValues {
 public:
  double real(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  bool flag(const std::string& key) const;
  const std::string& text(const std::string& key) const;  // kText and kChoice
  bool was_given(const std::string& key) const;

  void set(const std::string& key, ParamValue value, bool given);
  // The resolved values, in declaration order, as a YAML map.
  YAML::Node to_yaml() const;

 private:
  const ParamValue& get(const std::string& key) const;
  std::vector<std::pair<std::string, ParamValue>> values_;
  std::vector<std::string> given_;
};

class ParamTable {
 public:
  ParamTable& real(std::string key, std::optional<double> default_value, std::string unit,
                   Range range, std::string doc);
  ParamTable& integer(std::string key, std::optional<std::int64_t> default_value, Range range,
                      std::string doc);
  ParamTable& flag(std::string key, bool default_value, std::string doc);
  ParamTable& choice(std::string key, std::optional<std::string> default_value,
                     std::vector<std::string> choices, std::string doc);
  ParamTable& text(std::string key, std::optional<std::string> default_value, std::string doc);

  // Validates `node` (a map) against the table. Keys in `also_allowed` are accepted and ignored
  // here (a parent reads them, e.g. `type` or `preset`). Unknown keys are errors.
  ParamValues read(const ConfigNode& node, const std::vector<std::string>& also_allowed = {}) const;
  // All defaults; throws std::logic_error if a key is required.
  ParamValues defaults() const;

  const std::vector<ParamSpec>& specs() const { return specs_; }
  // One line per parameter: key, kind, default, unit, range, doc.
  std::string describe(const std::string& indent) const;
  // The same as a JSON array of {key, kind, default (null: required), unit, range, choices, doc}.
  Json describe_json() const;
  // The same as the rows of a Markdown table | key | type | default | unit | range | description |
  // (no header).
  std::string describe_markdown() const;

 private:
  std::vector<ParamSpec> specs_;
};

// Text form of a value as written in YAML ("0.5", "true", "relu").
std::string to_text(const ParamValue& value);

}  // namespace cimsim::core
