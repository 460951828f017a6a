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

// Entries by name. An Entry has at least `std::string name`.
template <class Entry>
class EntryRegistry {
 public:
  void add(Entry entry) { entries_.push_back(std::move(entry)); }

  // The entry named by the scalar `type_node`; an unknown name lists the known ones.
  const Entry& find(const ConfigNode& type_node) const {
    const std::string name = type_node.as_string();
    if (const Entry* e = find(name)) return *e;
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

// The usual entry: a name, a line of summary, documented parameters and a factory.
template <class Product, class... Args>
struct FactoryEntry {
  using Factory = std::function<Product(Args...)>;
  std::string name;
  std::string summary;  // one line for `cimsim list`
  ParamTable params;    // documented parameters (may be empty)
  Factory make;
};

template <class Product, class... Args>
class Registry : public EntryRegistry<FactoryEntry<Product, Args...>> {
 public:
  using Entry = FactoryEntry<Product, Args...>;
  using Factory = typename Entry::Factory;
};

}  // namespace cimsim::core
