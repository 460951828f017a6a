#include "sim/core/params.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace cimsim::core {
namespace {

std::string number_text(double v) {
  std::ostringstream out;
  out << std::setprecision(10) << v;
  return out.str();
}

const char* kind_name(ParamKind kind) {
  switch (kind) {
    case ParamKind::kReal:
      return "real";
    case ParamKind::kInteger:
      return "integer";
    case ParamKind::kFlag:
      return "bool";
    case ParamKind::kChoice:
      return "choice";
    case ParamKind::kText:
      return "text";
  }
  return "?";
}

}  // namespace

bool Range::contains(double v) const {
  const bool lo_ok = min_open ? v > min : v >= min;
  const bool hi_ok = max_open ? v < max : v <= max;
  return lo_ok && hi_ok;
}

std::string Range::describe() const {
  const bool has_lo = std::isfinite(min);
  const bool has_hi = std::isfinite(max);
  if (min == -std::numeric_limits<float>::max() && max == std::numeric_limits<float>::max()) {
    return "of magnitude at most 3.4e38 (a float)";  // Range::float_any
  }
  if (has_lo && max == std::numeric_limits<float>::max()) {  // Range::float_above / float_at_least
    return (min_open ? "> " : ">= ") + number_text(min) + " (at most 3.4e38, a float)";
  }
  if (has_lo && has_hi) {
    return std::string("in ") + (min_open ? "(" : "[") + number_text(min) + ", " +
           number_text(max) + (max_open ? ")" : "]");
  }
  if (has_lo) return (min_open ? "> " : ">= ") + number_text(min);
  if (has_hi) return (max_open ? "< " : "<= ") + number_text(max);
  return "";
}

std::string to_text(const ParamValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) return number_text(v);
        if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        if constexpr (std::is_same_v<T, std::string>) return v;
      },
      value);
}

const ParamValue& ParamValues::get(const std::string& key) const {
  for (const auto& [k, v] : values_) {
    if (k == key) return v;
  }
  throw std::logic_error("parameter not declared: " + key);
}

double ParamValues::real(const std::string& key) const { return std::get<double>(get(key)); }
std::int64_t ParamValues::integer(const std::string& key) const {
  return std::get<std::int64_t>(get(key));
}
bool ParamValues::flag(const std::string& key) const { return std::get<bool>(get(key)); }
const std::string& ParamValues::text(const std::string& key) const {
  return std::get<std::string>(get(key));
}
bool ParamValues::was_given(const std::string& key) const {
  return std::find(given_.begin(), given_.end(), key) != given_.end();
}

void ParamValues::set(const std::string& key, ParamValue value, bool given) {
  for (auto& [k, v] : values_) {
    if (k == key) {
      v = std::move(value);
      if (given && !was_given(key)) given_.push_back(key);
      return;
    }
  }
  values_.emplace_back(key, std::move(value));
  if (given) given_.push_back(key);
}

YAML::Node ParamValues::to_yaml() const {
  YAML::Node out(YAML::NodeType::Map);
  // Not a structured binding: clang before 16 (the fuzz build) cannot capture one in a lambda.
  for (const auto& entry : values_) {
    std::visit([&](const auto& x) { out[entry.first] = x; }, entry.second);
  }
  return out;
}

ParamTable& ParamTable::real(std::string key, std::optional<double> default_value, std::string unit,
                             Range range, std::string doc) {
  ParamSpec spec{std::move(key), ParamKind::kReal, std::nullopt, std::move(unit), range, {},
                 std::move(doc)};
  if (default_value) spec.default_value = *default_value;
  specs_.push_back(std::move(spec));
  return *this;
}

ParamTable& ParamTable::integer(std::string key, std::optional<std::int64_t> default_value,
                                Range range, std::string doc) {
  ParamSpec spec{std::move(key), ParamKind::kInteger, std::nullopt, "", range, {}, std::move(doc)};
  if (default_value) spec.default_value = *default_value;
  specs_.push_back(std::move(spec));
  return *this;
}

ParamTable& ParamTable::flag(std::string key, bool default_value, std::string doc) {
  specs_.push_back({std::move(key), ParamKind::kFlag, default_value, "", {}, {}, std::move(doc)});
  return *this;
}

ParamTable& ParamTable::choice(std::string key, std::optional<std::string> default_value,
                               std::vector<std::string> choices, std::string doc) {
  ParamSpec spec{std::move(key),     ParamKind::kChoice, std::nullopt, "", {},
                 std::move(choices), std::move(doc)};
  if (default_value) spec.default_value = *default_value;
  specs_.push_back(std::move(spec));
  return *this;
}

ParamTable& ParamTable::text(std::string key, std::optional<std::string> default_value,
                             std::string doc) {
  ParamSpec spec{std::move(key), ParamKind::kText, std::nullopt, "", {}, {}, std::move(doc)};
  if (default_value) spec.default_value = *default_value;
  specs_.push_back(std::move(spec));
  return *this;
}

ParamValues ParamTable::read(const ConfigNode& node,
                             const std::vector<std::string>& also_allowed) const {
  std::vector<std::string> allowed = also_allowed;
  for (const auto& spec : specs_) allowed.push_back(spec.key);
  if (node.is_null()) {
    // An absent or empty section means "all defaults".
    ParamValues values;
    for (const auto& spec : specs_) {
      if (!spec.default_value) node.fail_message("missing required key \"" + spec.key + "\"");
      values.set(spec.key, *spec.default_value, false);
    }
    return values;
  }
  node.check_keys(allowed);
  ParamValues values;
  for (const auto& spec : specs_) {
    const std::optional<ConfigNode> given = node.find(spec.key);
    if (!given) {
      if (!spec.default_value) node.fail_message("missing required key \"" + spec.key + "\"");
      values.set(spec.key, *spec.default_value, false);
      continue;
    }
    const std::string range_text = spec.range.describe();
    switch (spec.kind) {
      case ParamKind::kReal: {
        const std::string expected = "a number" + (range_text.empty() ? "" : " " + range_text) +
                                     (spec.unit.empty() ? "" : " (" + spec.unit + ")");
        if (!given->is_scalar()) given->fail(expected);
        double v = 0;
        try {
          v = given->as_real();
        } catch (const ConfigError&) {
          given->fail(expected);
        }
        if (!spec.range.contains(v)) given->fail(expected);
        values.set(spec.key, v, true);
        break;
      }
      case ParamKind::kInteger: {
        const std::string expected = "an integer" + (range_text.empty() ? "" : " " + range_text);
        std::int64_t v = 0;
        try {
          v = given->as_integer();
        } catch (const ConfigError&) {
          given->fail(expected);
        }
        if (!spec.range.contains(static_cast<double>(v))) given->fail(expected);
        values.set(spec.key, v, true);
        break;
      }
      case ParamKind::kFlag:
        values.set(spec.key, given->as_bool(), true);
        break;
      case ParamKind::kChoice: {
        std::string list;
        for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
        if (!given->is_scalar()) given->fail("one of: " + list);
        const std::string v = given->as_string();
        if (std::find(spec.choices.begin(), spec.choices.end(), v) == spec.choices.end()) {
          given->fail("one of: " + list);
        }
        values.set(spec.key, v, true);
        break;
      }
      case ParamKind::kText:
        values.set(spec.key, given->as_string(), true);
        break;
    }
  }
  return values;
}

ParamValues ParamTable::defaults() const {
  ParamValues values;
  for (const auto& spec : specs_) {
    if (!spec.default_value) throw std::logic_error("parameter has no default: " + spec.key);
    values.set(spec.key, *spec.default_value, false);
  }
  return values;
}

std::string ParamTable::describe(const std::string& indent) const {
  std::ostringstream out;
  for (const auto& spec : specs_) {
    out << indent << std::left << std::setw(26) << spec.key << " " << std::setw(8)
        << kind_name(spec.kind) << " default " << std::setw(10)
        << (spec.default_value ? to_text(*spec.default_value) : "(required)");
    if (!spec.unit.empty()) out << " [" << spec.unit << "]";
    const std::string range = spec.range.describe();
    if (spec.kind == ParamKind::kReal || spec.kind == ParamKind::kInteger) {
      if (!range.empty()) out << " " << range;
    }
    if (spec.kind == ParamKind::kChoice) {
      out << " {";
      for (std::size_t i = 0; i < spec.choices.size(); ++i)
        out << (i ? "|" : "") << spec.choices[i];
      out << "}";
    }
    out << "  " << spec.doc << "\n";
  }
  return out.str();
}

std::string ParamTable::describe_markdown() const {
  // Table cells: pipes and line breaks would end a cell.
  const auto cell = [](const std::string& text) {
    std::string out;
    for (const char c : text) {
      out += c == '|' ? "\\|" : c == '<' ? "&lt;" : c == '\n' ? " " : std::string(1, c);
    }
    return out;
  };
  std::ostringstream out;
  for (const auto& spec : specs_) {
    std::string range;
    if (spec.kind == ParamKind::kReal || spec.kind == ParamKind::kInteger) {
      range = spec.range.describe();
    } else if (spec.kind == ParamKind::kChoice) {
      for (std::size_t i = 0; i < spec.choices.size(); ++i) {
        range += (i ? ", " : "") + ("`" + spec.choices[i] + "`");
      }
    }
    out << "| `" << spec.key << "` | " << kind_name(spec.kind) << " | "
        << (!spec.default_value                    ? std::string("(required)")
            : to_text(*spec.default_value).empty() ? std::string("(empty)")
                                                   : "`" + to_text(*spec.default_value) + "`")
        << " | " << cell(spec.unit) << " | " << cell(range) << " | " << cell(spec.doc) << " |\n";
  }
  return out.str();
}

Json ParamTable::describe_json() const {
  Json out = Json::array();
  for (const auto& spec : specs_) {
    Json p = Json::object();
    p.set("key", spec.key);
    p.set("kind", kind_name(spec.kind));
    p.set("default", spec.default_value ? Json(to_text(*spec.default_value)) : Json());
    p.set("unit", spec.unit);
    p.set("range", spec.kind == ParamKind::kReal || spec.kind == ParamKind::kInteger
                       ? spec.range.describe()
                       : std::string());
    Json choices = Json::array();
    for (const auto& c : spec.choices) choices.push(c);
    p.set("choices", std::move(choices));
    p.set("doc", spec.doc);
    out.push(std::move(p));
  }
  return out;
}

}  // namespace cimsim::core
