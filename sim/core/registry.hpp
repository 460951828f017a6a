// Registries map the YAML `type:` string to a factory. Built-ins are registered by explicit calls
// (static self-registration is dropped by linkers from static libraries).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/config.hpp"
#include "sim/core/params.hpp"

namespace cimsim::core {

template <class Product, class... Args>
class Registry {
 public:
  using Factory = std::function<Product(Args...)>;
  struct Entry {
    std::string name;
    std::string summary;  // one line for `cimsim list`
    ParamTable params;    // documented parameters (may be empty)
    Factory make;
  };

  void add(Entry entry) { entries_.push_back(std::move(entry)); }

  // The entry named by the scalar `type_node`; an unknown name lists the known ones.
  const Entry& find(const ConfigNode& type_node) const {
    const std::string name = type_node.as_string();
    for (const auto& e : entries_) {
      if (e.name == name) return e;
    }
    type_node.fail("one of: " + names_text());
  }
  const Entry* find(const std::string& name) const {
    for (const auto& e : entries_) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }
  const std::vector<Entry>& entries() const { return entries_; }
  std::string names_text() const {
    std::string list;
    for (const auto& e : entries_) list += (list.empty() ? "" : ", ") + e.name;
    return list;
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace cimsim::core
