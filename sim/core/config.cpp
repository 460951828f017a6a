#include "sim/core/config.hpp"

#include <yaml-cpp/depthguard.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "sim/core/atomic_file.hpp"

namespace cimsim::core {
namespace {

// True when `prefix` is `path` itself or an ancestor of it in dotted/indexed notation.
bool is_path_prefix(const std::string& prefix, const std::string& path) {
  if (prefix.empty()) return true;
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

// The entry of `table` whose key is the longest path prefix of `path`, if any.
const std::string* longest_prefix(const std::map<std::string, std::string>& table,
                                  const std::string& path) {
  const std::string* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [prefix, value] : table) {
    if (is_path_prefix(prefix, path) && (best == nullptr || prefix.size() >= best_len)) {
      best = &value;
      best_len = prefix.size();
    }
  }
  return best;
}

std::string quote(const std::string& text) { return "\"" + text + "\""; }

// Splits `a.b[2].c` into steps: key "a", key "b", index 2, key "c".
struct PathStep {
  std::string key;
  std::optional<std::size_t> index;
};

std::vector<PathStep> split_path(const std::string& path, const std::string& assignment) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  auto bad = [&]() -> ConfigError {
    return ConfigError("--set " + assignment + ": expected a key path like a.b[1].c, got " +
                       quote(path));
  };
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) throw bad();
      const std::string digits = path.substr(i + 1, close - i - 1);
      if (digits.find_first_not_of("0123456789") != std::string::npos) throw bad();
      // from_chars, not stoull: an index past 2^64 must be a ConfigError, not std::out_of_range.
      std::size_t index = 0;
      if (std::from_chars(digits.data(), digits.data() + digits.size(), index).ec != std::errc{}) {
        throw ConfigError("--set " + assignment + ": index " + digits + " is out of range");
      }
      steps.push_back({"", index});
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
    } else {
      const std::size_t end = path.find_first_of(".[", i);
      const std::string key = path.substr(i, end == std::string::npos ? end : end - i);
      if (key.empty()) throw bad();
      steps.push_back({key, std::nullopt});
      i = end == std::string::npos ? path.size() : end;
      if (i < path.size() && path[i] == '.') ++i;
    }
  }
  if (steps.empty()) throw bad();
  return steps;
}

// "line:col" of a node's mark (1-based), for messages that point at two places.
std::string position(const YAML::Mark& mark) {
  return std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

// Refuses a mapping that names a key twice. yaml-cpp keeps both entries and a lookup silently
// takes one of them, so `seed: 1` ... `seed: 2` would run with one seed the user did not mean.
// YAML 1.2 (section 3.2.1.1) requires the keys of a mapping to be unique. Recursion is bounded:
// yaml-cpp refuses documents nested deeper than its DepthGuard limit while parsing.
void check_unique_keys(const YAML::Node& node, const std::string& name, const std::string& path) {
  if (node.IsMap()) {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& entry : node) {
      if (entry.first.IsScalar()) {
        const std::string& key = entry.first.Scalar();
        const auto [it, inserted] = seen.emplace(key, entry.first.Mark());
        if (!inserted) {
          throw ConfigError(name + ":" + position(entry.first.Mark()) + ": " +
                            join_path(path, key) + ": duplicate key " + quote(key) +
                            ", first given at " + name + ":" + position(it->second) +
                            "; a key may appear once in a map");
        }
        check_unique_keys(entry.second, name, join_path(path, key));
      } else {
        check_unique_keys(entry.second, name, path);
      }
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      check_unique_keys(node[i], name, path + "[" + std::to_string(i) + "]");
    }
  }
}

// YAML::Load with the checks every cimsim document gets: unique keys, and a message that says
// what is wrong when the nesting is too deep (yaml-cpp reports it as "bad file").
YAML::Node load_yaml(const std::string& text, const std::string& name) {
  try {
    YAML::Node root = YAML::Load(text);
    check_unique_keys(root, name, "");
    return root;
  } catch (const YAML::DeepRecursion& e) {
    throw ConfigError(name + ":" + position(e.mark) + ": nesting too deep: more than " +
                      std::to_string(e.depth() - 1) +
                      " levels of nested lists and maps (flatten the document)");
  } catch (const YAML::ParserException& e) {
    throw ConfigError(name + ":" + position(e.mark) + ": invalid YAML syntax: " + e.msg);
  }
}

}  // namespace

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

ConfigNode::ConfigNode(YAML::Node node, std::shared_ptr<ConfigOrigins> origins, std::string path)
    : node_(std::move(node)), origins_(std::move(origins)), path_(std::move(path)) {}

ConfigNode::ConfigNode()
    : ConfigNode(YAML::Node(YAML::NodeType::Null), std::make_shared<ConfigOrigins>(), "") {}

ConfigNode ConfigNode::load_file(const std::filesystem::path& file) {
  std::string text;
  try {
    text = read_file(file);
  } catch (const IoError& e) {
    throw ConfigError(file.string() + ": cannot open config file (" + e.what() + ")");
  }
  return parse(text, file.string());
}

ConfigNode ConfigNode::parse(const std::string& text, const std::string& name) {
  auto origins = std::make_shared<ConfigOrigins>();
  origins->main_file = name;
  YAML::Node root = load_yaml(text, name);
  if (!root.IsDefined() || root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  return ConfigNode(root, origins, "");
}

void ConfigNode::apply_override(const std::string& assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ConfigError("--set " + assignment + ": expected path.to.key=value");
  }
  const std::string path = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  YAML::Node value;
  try {
    value = load_yaml(text, "value");
  } catch (const ConfigError& e) {
    throw ConfigError("--set " + assignment + ": " + e.what());
  }
  const std::vector<PathStep> steps = split_path(path, assignment);
  YAML::Node current = node_;
  std::string walked = path_;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const bool last = s + 1 == steps.size();
    const PathStep& step = steps[s];
    if (step.index) {
      walked += "[" + std::to_string(*step.index) + "]";
      if (!current.IsSequence() || *step.index >= current.size()) {
        throw ConfigError("--set " + assignment + ": " + walked +
                          ": index out of range of an existing list");
      }
      if (last) {
        current[*step.index] = value;
      } else {
        current.reset(current[*step.index]);
      }
    } else {
      walked = join_path(walked, step.key);
      if (current.IsDefined() && !current.IsNull() && !current.IsMap()) {
        throw ConfigError("--set " + assignment + ": " + walked + ": parent is not a map");
      }
      if (last) {
        current[step.key] = value;
      } else {
        YAML::Node next = current[step.key];
        if (!next.IsDefined() || next.IsNull()) {
          current[step.key] = YAML::Node(YAML::NodeType::Map);
        }
        YAML::Node child_node = current[step.key];
        current.reset(child_node);
      }
    }
  }
  origins_->override_by_path[walked] = "--set " + assignment;
}

std::string ConfigNode::where() const {
  const std::string shown_path = path_.empty() ? "(top level)" : path_;
  if (const std::string* over = longest_prefix(origins_->override_by_path, path_)) {
    return *over + ": " + shown_path;
  }
  const std::string* file = longest_prefix(origins_->file_by_path, path_);
  std::ostringstream out;
  out << (file ? *file : origins_->main_file);
  const YAML::Mark mark = node_.Mark();
  if (mark.line >= 0) out << ":" << mark.line + 1 << ":" << mark.column + 1;
  out << ": " << shown_path;
  return out.str();
}

void ConfigNode::fail(const std::string& expected) const {
  throw ConfigError(where() + ": expected " + expected + ", got " + describe());
}

void ConfigNode::fail_message(const std::string& message) const {
  throw ConfigError(where() + ": " + message);
}

std::string ConfigNode::describe() const {
  if (!node_.IsDefined()) return "nothing";
  switch (node_.Type()) {
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Scalar:
      return quote(node_.Scalar());
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "nothing";
  }
}

void ConfigNode::require_map() const {
  if (!node_.IsMap()) fail("a map of keys");
}

bool ConfigNode::has(const std::string& key) const {
  if (!node_.IsMap()) return false;
  const YAML::Node& self = node_;
  return self[key].IsDefined();
}

std::optional<ConfigNode> ConfigNode::find(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  const YAML::Node& self = node_;
  return child(self[key], join_path(path_, key));
}

ConfigNode ConfigNode::section(const std::string& key) const {
  if (std::optional<ConfigNode> found = find(key)) return *found;
  return child(YAML::Node(YAML::NodeType::Null), join_path(path_, key));
}

ConfigNode ConfigNode::at(const std::string& key) const {
  require_map();
  if (!has(key)) {
    throw ConfigError(where() + ": missing required key " + quote(key));
  }
  return *find(key);
}

std::size_t ConfigNode::size() const {
  if (!node_.IsSequence() && !node_.IsMap()) return 0;
  return node_.size();
}

ConfigNode ConfigNode::at(std::size_t index) const {
  if (!node_.IsSequence()) fail("a list");
  if (index >= node_.size()) {
    fail_message("index " + std::to_string(index) + " is out of range");
  }
  const YAML::Node& self = node_;
  return child(self[index], path_ + "[" + std::to_string(index) + "]");
}

std::vector<ConfigNode> ConfigNode::items() const {
  if (!node_.IsSequence()) fail("a list");
  std::vector<ConfigNode> out;
  for (std::size_t i = 0; i < node_.size(); ++i) out.push_back(at(i));
  return out;
}

std::vector<std::string> ConfigNode::keys() const {
  require_map();
  std::vector<std::string> out;
  for (const auto& entry : node_) {
    if (!entry.first.IsScalar()) child(entry.first, path_).fail("a plain key");
    out.push_back(entry.first.Scalar());
  }
  return out;
}

void ConfigNode::check_keys(const std::vector<std::string>& allowed) const {
  require_map();
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (!known) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      // Point at the key itself: its mark is where the user typed it.
      child(entry.first, join_path(path_, key))
          .fail_message("unknown key " + quote(key) + "; expected one of: " + list);
    }
  }
}

std::string ConfigNode::as_string() const {
  if (!node_.IsScalar()) fail("a text value");
  return node_.Scalar();
}

double ConfigNode::as_real() const {
  if (!node_.IsScalar()) fail("a number");
  const std::string& text = node_.Scalar();
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE ||
      !std::isfinite(value)) {
    fail("a finite number");
  }
  return value;
}

std::int64_t ConfigNode::as_integer() const {
  if (!node_.IsScalar()) fail("an integer");
  const std::string& text = node_.Scalar();
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE) fail("an integer");
  return value;
}

bool ConfigNode::as_bool() const {
  if (node_.IsScalar()) {
    const std::string& t = node_.Scalar();
    if (t == "true" || t == "True" || t == "yes" || t == "on") return true;
    if (t == "false" || t == "False" || t == "no" || t == "off") return false;
  }
  fail("true or false");
}

ConfigNode ConfigNode::overlay_on(const ConfigNode& base,
                                  const std::vector<std::string>& skip) const {
  require_map();
  base.require_map();
  // Children are shared, not cloned: a clone would lose their line/column marks.
  YAML::Node merged(YAML::NodeType::Map);
  const std::string base_file = base.origins_->main_file;
  for (const auto& entry : base.node_) {
    merged[entry.first.Scalar()] = entry.second;
    origins_->file_by_path[join_path(path_, entry.first.Scalar())] = base_file;
  }
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    bool skipped = false;
    for (const auto& s : skip) skipped = skipped || s == key;
    if (skipped) continue;
    merged[key] = entry.second;
    origins_->file_by_path.erase(join_path(path_, key));
  }
  return ConfigNode(merged, origins_, path_);
}

}  // namespace cimsim::core
