#include "sim/core/json.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace cimsim::core {
namespace {

void append_escaped(std::string& out, const std::string& text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[32];
  // 17 significant digits round-trip a double exactly.
  if (v == std::floor(v) && std::abs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", v);
  }
  out += buf;
}

}  // namespace

Json& Json::set(const std::string& key, Json value) {
  auto* object = std::get_if<Object>(&value_);
  if (object == nullptr) throw std::logic_error("Json::set on a non-object");
  for (auto& [k, v] : *object) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  object->emplace_back(key, std::move(value));
  return object->back().second;
}

Json& Json::push(Json value) {
  auto* array = std::get_if<Array>(&value_);
  if (array == nullptr) throw std::logic_error("Json::push on a non-array");
  array->push_back(std::move(value));
  return array->back();
}

std::string Json::dump(int indent) const {
  std::string out;
  dump_to(out, indent, 0);
  out += '\n';
  return out;
}

void Json::dump_to(std::string& out, int indent, int depth) const {
  const std::string pad(static_cast<std::size_t>(indent * (depth + 1)), ' ');
  const std::string close_pad(static_cast<std::size_t>(indent * depth), ' ');
  if (std::holds_alternative<std::nullptr_t>(value_)) {
    out += "null";
  } else if (const bool* b = std::get_if<bool>(&value_)) {
    out += *b ? "true" : "false";
  } else if (const double* d = std::get_if<double>(&value_)) {
    append_number(out, *d);
  } else if (const std::string* s = std::get_if<std::string>(&value_)) {
    append_escaped(out, *s);
  } else if (const Object* o = std::get_if<Object>(&value_)) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    for (std::size_t i = 0; i < o->size(); ++i) {
      out += pad;
      append_escaped(out, (*o)[i].first);
      out += ": ";
      (*o)[i].second.dump_to(out, indent, depth + 1);
      out += i + 1 < o->size() ? ",\n" : "\n";
    }
    out += close_pad + "}";
  } else if (const Array* a = std::get_if<Array>(&value_)) {
    if (a->empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += pad;
      (*a)[i].dump_to(out, indent, depth + 1);
      out += i + 1 < a->size() ? ",\n" : "\n";
    }
    out += close_pad + "]";
  }
}

}  // namespace cimsim::core
