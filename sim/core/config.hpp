// Configuration nodes that remember where they came from.
//
// A ConfigNode wraps a yaml-cpp node together with its dotted path in the document
// (`model.layers[1].units`) and the file it was read from, so every validation error can say
// `file:line:col: path: expected ..., got ...`. Values set with `--set` and keys merged in from a
// preset file keep their own origin.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace cimsim::core {

// Where the nodes of one configuration tree came from. Shared by all nodes of the tree.
struct ConfigOrigins {
  std::string main_file;
  // Path prefix -> origin. An origin is either a file name (the node's own line/column apply) or,
  // for `--set` overrides, the literal override text.
  std::map<std::string, std::string> file_by_path;
  std::map<std::string, std::string> override_by_path;
};

class ConfigNode {
 public:
  ConfigNode(YAML::Node node, std::shared_ptr<ConfigOrigins> origins, std::string path);
  // An empty (null) node that belongs to no file.
  ConfigNode();

  // Parses a YAML file; syntax errors become ConfigError with the file position.
  static ConfigNode load_file(const std::filesystem::path& file);
  // Parses YAML text; `name` stands in for the file name in messages.
  static ConfigNode parse(const std::string& text, const std::string& name);

  // Applies `dotted.path[2].key=value` (value parsed as YAML) to this root node, creating maps as
  // needed. The overridden node reports `--set path=value` as its origin.
  void apply_override(const std::string& assignment);

  const YAML::Node& yaml() const { return node_; }
  const std::string& path() const { return path_; }
  // `file:line:col: path` (or `--set path=value: path`) for error messages.
  std::string where() const;
  // Throws ConfigError "where(): expected <expected>, got <what was found>".
  [[noreturn]] void fail(const std::string& expected) const;
  // Throws ConfigError "where(): <message>".
  [[noreturn]] void fail_message(const std::string& message) const;

  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  bool is_null() const { return !node_.IsDefined() || node_.IsNull(); }

  bool has(const std::string& key) const;
  // The child under `key`; throws "missing required key" naming the parent if absent.
  ConfigNode at(const std::string& key) const;
  std::optional<ConfigNode> find(const std::string& key) const;
  // The child under `key`, or an empty node at that path if absent (an optional section).
  ConfigNode section(const std::string& key) const;
  std::size_t size() const;
  ConfigNode at(std::size_t index) const;
  std::vector<ConfigNode> items() const;  // elements of a sequence (must be a sequence)
  std::vector<std::string> keys() const;  // keys of a map (must be a map), in file order

  // Rejects keys not in `allowed`, listing the allowed ones.
  void check_keys(const std::vector<std::string>& allowed) const;
  void require_map() const;

  // Scalar conversions with a clear message on failure.
  std::string as_string() const;
  double as_real() const;
  std::int64_t as_integer() const;
  bool as_bool() const;
  // What a value looks like in messages: quoted scalar text, or "a map"/"a sequence".
  std::string describe() const;

  // Merges this map over the map of a preset file: keys of this node win, keys coming from the
  // preset keep the preset file as their origin. `skip` names keys of this node not to copy
  // (e.g. `preset`).
  ConfigNode overlay_on(const ConfigNode& base, const std::vector<std::string>& skip) const;

 private:
  ConfigNode child(YAML::Node node, std::string path) const {
    return ConfigNode(std::move(node), origins_, std::move(path));
  }

  YAML::Node node_;
  std::shared_ptr<ConfigOrigins> origins_;
  std::string path_;
};

// Joins a parent path and a key: ("a", "b") -> "a.b", ("", "b") -> "b".
std::string join_path(const std::string& parent, const std::string& key);

}  // namespace cimsim::core
