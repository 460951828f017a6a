#include "experiments/sweep_spec.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "devices/device_factory.hpp"
#include "experiments/csv.hpp"
#include "experiments/output_path.hpp"
#include "experiments/results_table.hpp"
#include "experiments/runner.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/rng.hpp"

namespace cimsim::experiments {
namespace {

constexpr std::int64_t kMaxRangeValues = 100000;

// One swept key and its values (YAML text each).
struct AxisColumn {
  std::string key;
  std::vector<std::string> values;
  // file:line:col and path of each value of a values: list, for messages; empty for a range: or
  // the seeds: axis, whose values have one place (`where_all`).
  std::vector<std::string> where;
  std::string where_all;
  const std::string& value_where(std::size_t i) const {
    return where.empty() ? where_all : where[i];
  }
};

// Columns that advance together (one for a grid or range axis, several for a zip).
struct Axis {
  std::vector<AxisColumn> columns;
  std::size_t size() const { return columns.front().values.size(); }
};

std::string flow_yaml(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// A number as short text: integers stay integers ("4"), so integer keys accept range values.
std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return buffer;
}

std::vector<std::string> range_values(const core::ConfigNode& range) {
  range.require_map();
  range.check_keys({"start", "stop", "num", "scale"});
  const double start = range.at("start").as_real();
  const double stop = range.at("stop").as_real();
  const core::ConfigNode num_node = range.at("num");
  const std::int64_t num = num_node.as_integer();
  if (num < 1 || num > kMaxRangeValues) {
    num_node.fail("an integer in [1, " + std::to_string(kMaxRangeValues) + "]");
  }
  std::string scale = "linear";
  if (const auto node = range.find("scale")) {
    scale = node->as_string();
    if (scale != "linear" && scale != "log") node->fail("one of: linear, log");
    if (scale == "log" && (start <= 0 || stop <= 0)) {
      node->fail_message("a log range needs start > 0 and stop > 0");
    }
  }
  std::vector<std::string> values;
  for (std::int64_t i = 0; i < num; ++i) {
    const double t = num == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(num - 1);
    const double value =
        scale == "log" ? start * std::pow(stop / start, t) : start + t * (stop - start);
    values.push_back(number_text(value));
  }
  return values;
}

// `{key, values}` or `{key, range}`.
AxisColumn read_column(const core::ConfigNode& node) {
  const core::ConfigNode key = node.at("key");
  AxisColumn column{key.as_string(), {}, {}, {}};
  if (column.key.empty()) key.fail("a config key path like train.epochs");
  const auto values = node.find("values");
  const auto range = node.find("range");
  if (values && range) node.fail_message("give values: or range:, not both");
  if (!values && !range) node.fail_message("axis over " + column.key + " needs values: or range:");
  if (range) {
    column.values = range_values(*range);
    column.where_all = range->where();
    return column;
  }
  if (!values->is_sequence()) values->fail("a list of values");
  if (values->size() == 0)
    values->fail_message("empty axis: expected at least one value, got an empty list");
  for (const auto& value : values->items()) {
    column.values.push_back(flow_yaml(value.yaml()));
    column.where.push_back(value.where());
  }
  return column;
}

Axis read_axis(const core::ConfigNode& node) {
  node.require_map();
  node.check_keys({"key", "values", "range", "zip"});
  const auto zip = node.find("zip");
  if (!zip) return Axis{{read_column(node)}};
  if (node.has("key") || node.has("values") || node.has("range")) {
    node.fail_message("a zip axis takes no key, values or range beside zip:");
  }
  if (!zip->is_sequence() || zip->size() == 0) zip->fail("a non-empty list of {key, values} maps");
  Axis axis;
  for (const auto& item : zip->items()) {
    item.require_map();
    item.check_keys({"key", "values", "range"});
    axis.columns.push_back(read_column(item));
    const AxisColumn& first = axis.columns.front();
    const AxisColumn& last = axis.columns.back();
    if (last.values.size() != first.values.size()) {
      item.fail_message("zip lists of different lengths: " + first.key + " has " +
                        std::to_string(first.values.size()) + " values, " + last.key + " has " +
                        std::to_string(last.values.size()));
    }
  }
  return axis;
}

PlotRequest read_plot(const core::ConfigNode& node) {
  node.require_map();
  node.check_keys(
      {"kind", "x", "y", "group", "title", "format", "xlabel", "ylabel", "logx", "reference"});
  PlotRequest plot;
  plot.where = node.where();
  const core::ConfigNode kind = node.at("kind");
  plot.kind = kind.as_string();
  const auto& kinds = plot_kinds();
  if (std::find(kinds.begin(), kinds.end(), plot.kind) == kinds.end()) {
    kind.fail("one of: " + join(kinds, ", "));
  }
  auto text = [&](const std::string& key) {
    const auto found = node.find(key);
    return found ? found->as_string() : std::string();
  };
  plot.x = text("x");
  plot.y = text("y");
  plot.group = text("group");
  plot.title = text("title");
  plot.xlabel = text("xlabel");
  plot.ylabel = text("ylabel");
  if (const auto logx = node.find("logx")) plot.logx = logx->as_bool();
  if (const auto refs = node.find("reference")) {
    if (!refs->is_sequence()) refs->fail("a list of {label, value} maps");
    for (const auto& ref : refs->items()) {
      ref.require_map();
      ref.check_keys({"label", "value"});
      const std::string label = ref.at("label").as_string();
      if (label.empty()) ref.at("label").fail("a non-empty label");
      plot.references.push_back(label + "=" + number_text(ref.at("value").as_real()));
    }
  }
  plot.format = node.has("format") ? text("format") : "png";
  const auto& formats = plot_formats();
  if (std::find(formats.begin(), formats.end(), plot.format) == formats.end()) {
    node.at("format").fail("one of: " + join(formats, ", "));
  }
  if (plot.kind != "curves" && plot.x.empty())
    node.fail_message("a " + plot.kind + " plot needs x:");
  if (plot.y.empty()) node.fail_message("a " + plot.kind + " plot needs y:");
  return plot;
}

// A fresh copy of the base experiment (overrides modify the tree in place, and a cloned YAML
// tree would lose the line/column marks the messages need): parsed once per SweepPoints::Maker.
using BaseFactory = std::function<YAML::Node()>;

// `definition` receives what the base is, for the sweep's fingerprint; `base_file` the file name
// its messages give.
BaseFactory read_base(const core::ConfigNode& base, const std::string& text,
                      const std::string& name, const std::filesystem::path& base_dir,
                      std::string& definition, std::string& base_file) {
  if (base.is_map()) {
    definition = "base (inline): " + flow_yaml(base.yaml()) + "\n";
    base_file = name;
    return [text, name] { return core::ConfigNode::parse(text, name).yaml()["base"]; };
  }
  if (!base.is_scalar()) base.fail("an experiment map or the path of an experiment file");
  const std::filesystem::path file = base_dir / base.as_string();
  std::string base_text;
  try {
    base_text = core::read_file(file);  // refuses devices and FIFOs such as /dev/zero
  } catch (const core::IoError&) {
    base.fail_message("cannot read experiment file " + file.string());
  }
  const std::string file_name = file.lexically_normal().string();
  definition = "base: " + base.as_string() + "\n" + base_text + "\n";
  base_file = file_name;
  return [base_text, file_name] { return core::ConfigNode::parse(base_text, file_name).yaml(); };
}

std::string point_id(std::size_t index, std::size_t total, const std::vector<SweepOverride>& fixed,
                     const std::vector<SweepOverride>& overrides) {
  std::string hashed;
  for (const auto& o : fixed) hashed += "set " + o.key + "=" + o.value + "\n";
  for (const auto& o : overrides) hashed += o.key + "=" + o.value + "\n";
  const auto hash = static_cast<std::uint32_t>(core::hash_path(hashed));
  const std::size_t width = std::max<std::size_t>(4, std::to_string(total - 1).size());
  const std::string digits = std::to_string(index);
  char hex[16];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(hash));
  return std::string(width - digits.size(), '0') + digits + "-" + hex;
}

// True when `ancestor` is `path` itself or a map/list above it: "a.b" of "a.b", "a.b.c", "a.b[1]".
bool same_or_ancestor(const std::string& ancestor, const std::string& path) {
  if (path.compare(0, ancestor.size(), ancestor) != 0) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '.' ||
         path[ancestor.size()] == '[';
}

bool overlap(const std::string& a, const std::string& b) {
  return same_or_ancestor(a, b) || same_or_ancestor(b, a);
}

// How two overlapping keys relate, for messages.
std::string overlap_text(const std::string& key, const std::string& other) {
  if (key == other) return key;
  return same_or_ancestor(key, other) ? other + ", inside " + key : other + ", which holds " + key;
}

}  // namespace

struct SweepPoints::State {
  std::string file;        // the sweep file, for messages
  std::string sweep_name;  // each point's experiment is named <sweep_name>_<id>
  BaseFactory make_base;
  std::string base_file;             // the file messages about the base name
  std::vector<SweepOverride> fixed;  // set: and --set, in file order
  std::vector<Axis> axes;
  std::size_t total = 1;   // product of the axis sizes, at most kMaxSweepPoints
  std::string definition;  // see SweepPoints::definition()
  bool priced = false;     // a cost sweep: points are priced, not trained
};

void check_plot_columns(const PlotRequest& plot, const std::vector<std::string>& table_columns) {
  const auto has = [](const std::vector<std::string>& columns, const std::string& name) {
    return std::find(columns.begin(), columns.end(), name) != columns.end();
  };
  const auto fail = [&](const std::string& what, const std::string& name,
                        const std::vector<std::string>& columns) {
    throw core::ConfigError(plot.where + ": " + what + " \"" + name +
                            "\" is not a column; columns: " + join(columns, ", "));
  };
  if (!plot.x.empty() && !has(table_columns, plot.x)) fail("x", plot.x, table_columns);
  if (!plot.group.empty() && !has(table_columns, plot.group))
    fail("group", plot.group, table_columns);
  if (plot.kind == "curves") {
    const std::vector<std::string> metrics = parse_csv(metrics_csv(RunResult{})).rows.front();
    if (!has(metrics, plot.y)) fail("y (a metrics.csv column for curves)", plot.y, metrics);
  } else if (plot.kind == "bars") {
    bool any = false;
    for (const auto& c : table_columns) any = any || c.rfind(plot.y + "_", 0) == 0;
    if (!any) {
      throw core::ConfigError(plot.where + ": y \"" + plot.y +
                              "\" prefixes no column (bars stack the columns <y>_*), e.g. "
                              "energy_phase, latency_phase, energy_component, area_component");
    }
  } else if (!has(table_columns, plot.y)) {
    fail("y", plot.y, table_columns);
  }
}

std::string plot_file_name(const PlotRequest& plot) {
  const auto clean = [](std::string text) {
    for (char& c : text) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '-';
    }
    return text;
  };
  std::string name = plot.kind + "_" + clean(plot.y);
  if (!plot.x.empty()) name += "_vs_" + clean(plot.x);
  if (!plot.group.empty()) name += "_by_" + clean(plot.group);
  return name + "." + plot.format;
}

const std::vector<std::string>& plot_kinds() {
  static const std::vector<std::string> kinds = {"line", "bars", "pareto", "curves"};
  return kinds;
}

const std::vector<std::string>& plot_formats() {
  static const std::vector<std::string> formats = {"png", "svg", "pdf"};
  return formats;
}

SweepSpec read_sweep(const std::string& text, const std::string& name,
                     const std::filesystem::path& base_dir, const SweepAdjustments& adjust) {
  const core::ConfigNode root = core::ConfigNode::parse(text, name);
  root.require_map();
  root.check_keys({"name", "base", "mode", "set", "axes", "seeds", "workers", "plot"});
  SweepSpec sweep;
  const core::ConfigNode name_node = root.at("name");
  sweep.name = name_node.as_string();
  sweep.name_where = name_node.where();
  // Room for the points' run names, <name>_<id>: an id has at most 10 digits, '-' and 8 hex.
  if (const auto problem = folder_name_problem(sweep.name, 255 - 20)) name_node.fail(*problem);
  if (const auto mode = root.find("mode")) {
    const std::string value = mode->as_string();
    if (value != "train" && value != "cost") mode->fail("one of: train, cost");
    sweep.mode = value == "cost" ? SweepMode::kCost : SweepMode::kTrain;
  }
  if (const auto workers = root.find("workers")) {
    const std::int64_t n = workers->as_integer();
    if (n < 1 || n > 1024) workers->fail("an integer in [1, 1024]");
    sweep.workers = static_cast<int>(n);
  }
  auto state = std::make_shared<SweepPoints::State>();
  state->priced = sweep.mode == SweepMode::kCost;
  state->file = name;
  state->sweep_name = sweep.name;
  std::string base_definition;
  state->make_base =
      read_base(root.at("base"), text, name, base_dir, base_definition, state->base_file);

  std::vector<SweepOverride>& fixed = state->fixed;
  if (const auto set = root.find("set")) {
    set->require_map();
    for (const auto& key : set->keys()) fixed.push_back({key, flow_yaml(set->at(key).yaml())});
  }
  for (const auto& o : adjust.set) {
    const auto same = std::find_if(fixed.begin(), fixed.end(),
                                   [&](const SweepOverride& f) { return f.key == o.key; });
    if (same != fixed.end()) {
      same->value = o.value;
    } else {
      fixed.push_back(o);
    }
  }

  std::vector<Axis>& axes = state->axes;
  std::size_t& total = state->total;
  // Counted axis by axis, so a sweep of 10^12 points stops before later axes make their values
  // (and the count never overflows: both factors are at most kMaxSweepPoints).
  const auto count = [&](const Axis& axis, const auto& fail) {
    if (axis.size() > kMaxSweepPoints || total * axis.size() > kMaxSweepPoints) {
      const std::string reached = axis.size() > kMaxSweepPoints
                                      ? "more than " + std::to_string(kMaxSweepPoints)
                                      : std::to_string(total * axis.size());
      fail("the sweep reaches " + reached + " points here, more than the " +
           std::to_string(kMaxSweepPoints) + " a sweep may have; split it into smaller sweeps");
    }
    total *= axis.size();
  };
  const core::ConfigNode axes_node = root.section("axes");
  if (!axes_node.is_null()) {
    if (!axes_node.is_sequence()) axes_node.fail("a list of axes");
    for (const auto& item : axes_node.items()) {
      axes.push_back(read_axis(item));
      count(axes.back(), [&](const std::string& message) { item.fail_message(message); });
      // A key and a key inside it cannot both be swept: the inner one would silently win (or be
      // lost) while the table records the outer one's value.
      for (const auto& column : axes.back().columns) {
        for (const auto& key : sweep.swept_keys) {
          if (key == column.key) item.fail_message(column.key + " is swept by an earlier axis too");
          if (overlap(key, column.key)) {
            item.fail_message(column.key + " overlaps " + overlap_text(column.key, key) +
                              ", swept by an earlier axis; sweep one of them");
          }
        }
        // A set: key inside a swept one would be replaced by the axis value (lost); a set: map
        // that holds a swept key is fine: the axis value is written inside it.
        for (const auto& o : fixed) {
          if (!same_or_ancestor(column.key, o.key)) continue;
          const bool from_cli = std::any_of(adjust.set.begin(), adjust.set.end(),
                                            [&](const SweepOverride& a) { return a.key == o.key; });
          if (from_cli) {
            throw core::ConfigError("--set " + o.key + "=" + o.value + ": " +
                                    (o.key == column.key
                                         ? o.key + " is swept"
                                         : o.key + " overlaps " + column.key + ", swept") +
                                    " by an axis of " + name);
          }
          item.fail_message(o.key == column.key
                                ? column.key + " is fixed by set: too"
                                : column.key + " overlaps " + overlap_text(column.key, o.key) +
                                      ", fixed by set:");
        }
        sweep.swept_keys.push_back(column.key);
      }
    }
  }
  const auto seeds_node = root.find("seeds");
  if (seeds_node || adjust.seeds > 0) {
    // --seeds wins over the file's seeds: and is named in the messages when given.
    const std::int64_t n = adjust.seeds > 0 ? adjust.seeds : seeds_node->as_integer();
    const auto fail = [&](const std::string& message) {
      if (adjust.seeds > 0)
        throw core::ConfigError("--seeds " + std::to_string(n) + ": " + message);
      seeds_node->fail_message(message);
    };
    if (n < 1 || n > kMaxRangeValues) {
      fail("expected an integer in [1, " + std::to_string(kMaxRangeValues) + "], got " +
           std::to_string(n));
    }
    for (const auto& key : sweep.swept_keys) {
      if (key == "seed") fail("seeds and an axis over seed cannot both be given");
    }
    for (const auto& o : fixed) {
      if (o.key == "seed") fail("seeds and set: seed cannot both be given");
    }
    AxisColumn column{
        "seed", {}, {}, adjust.seeds > 0 ? "--seeds " + std::to_string(n) : seeds_node->where()};
    for (std::int64_t s = 1; s <= n; ++s) column.values.push_back(std::to_string(s));
    axes.push_back(Axis{{column}});
    count(axes.back(), fail);
    sweep.swept_keys.push_back("seed");
  }
  if (const auto plots = root.find("plot")) {
    if (!plots->is_sequence()) plots->fail("a list of plots");
    for (const auto& item : plots->items()) {
      sweep.plots.push_back(read_plot(item));
      if (sweep.mode == SweepMode::kCost && sweep.plots.back().kind == "curves") {
        item.fail_message("a cost sweep trains nothing, so it has no training curves to plot");
      }
      check_plot_columns(sweep.plots.back(), results_header(sweep.swept_keys));
    }
  }
  // The definition: everything that makes the points' experiments (not the name, workers or
  // plots). Long value lists enter as a hash, so the text stays short enough to store.
  std::string& definition = state->definition;
  definition = std::string("mode: ") + (sweep.mode == SweepMode::kCost ? "cost" : "train") + "\n";
  for (const auto& o : fixed) definition += "set: " + o.key + "=" + o.value + "\n";
  for (std::size_t a = 0; a < axes.size(); ++a) {
    for (const auto& column : axes[a].columns) {
      const std::string values = join(column.values, ", ");
      definition +=
          "axis " + std::to_string(a) + ": " + column.key + " = [" +
          (values.size() <= 200 ? values
                                : column.values.front() + ", ... " + column.values.back() + "; " +
                                      std::to_string(column.values.size()) + " values, hash " +
                                      definition_fingerprint(values)) +
          "]\n";
    }
  }
  definition += base_definition;
  sweep.points = SweepPoints(std::move(state));
  return sweep;
}

std::size_t SweepPoints::size() const { return state_ ? state_->total : 0; }

const std::string& SweepPoints::definition() const { return state_->definition; }

std::string definition_fingerprint(const std::string& definition) {
  char hex[24];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(core::hash_path(definition)));
  return hex;
}

SweepPoint SweepPoints::at(std::size_t index) const {
  SweepPoint point;
  point.index = index;
  // Mixed-radix digits of the index, the last axis fastest.
  const std::vector<Axis>& axes = state_->axes;
  std::vector<std::size_t> digit(axes.size());
  std::size_t rest = index;
  for (std::size_t a = axes.size(); a-- > 0;) {
    digit[a] = rest % axes[a].size();
    rest /= axes[a].size();
  }
  for (std::size_t a = 0; a < axes.size(); ++a) {
    for (const auto& column : axes[a].columns)
      point.overrides.push_back({column.key, column.values[digit[a]]});
  }
  point.id = point_id(index, state_->total, state_->fixed, point.overrides);
  return point;
}

// The parts of a cost sweep's points, each kept by a key made of the values of the axis keys
// inside it and, where a part is read for another's values, those values: the model for the
// data's image size, the tile for whether layers train on it, the cost for the device. Tables are
// emptied when they reach kMaxEntries (an axis of 10^5 values would otherwise keep them all).
struct SweepPoints::Maker::PartCache {
  enum Kind {
    kTop,
    kData,
    kModel,
    kTrain,
    kArray,
    kFeedback,
    kTile,
    kCrossbar,
    kDevice,
    kCost,
    kKinds
  };
  static constexpr std::size_t kMaxEntries = 4096;

  template <class T>
  struct Table {
    std::unordered_map<std::string, T> entries;
    const T* find(const std::string& key) const {
      const auto found = entries.find(key);
      return found == entries.end() ? nullptr : &found->second;
    }
    void put(const std::string& key, const T& value) {
      if (entries.size() >= kMaxEntries) entries.clear();
      entries.emplace(key, value);
    }
  };

  // The part each override (in SweepPoint::overrides order) lies in; null when one lies in none
  // (an axis over a whole section such as `hardware`), so no part can be kept.
  static std::unique_ptr<PartCache> for_axes(const std::vector<Axis>& axes) {
    static const std::pair<const char*, Kind> prefixes[] = {{"seed", kTop},
                                                            {"data", kData},
                                                            {"model", kModel},
                                                            {"train", kTrain},
                                                            {"hardware.array", kArray},
                                                            {"hardware.feedback", kFeedback},
                                                            {"hardware.tile", kTile},
                                                            {"hardware.crossbar", kCrossbar},
                                                            {"hardware.device", kDevice},
                                                            {"hardware.cost", kCost}};
    auto cache = std::make_unique<PartCache>();
    for (const auto& axis : axes) {
      for (const auto& column : axis.columns) {
        const auto found =
            std::find_if(std::begin(prefixes), std::end(prefixes),
                         [&](const auto& p) { return same_or_ancestor(p.first, column.key); });
        if (found == std::end(prefixes)) return nullptr;
        cache->kind_of.push_back(found->second);
      }
    }
    return cache;
  }

  // The keys of the parts that depend on the point's axis values only.
  std::array<std::string, kKinds> axis_keys(const SweepPoint& point) const {
    std::array<std::string, kKinds> keys;
    for (std::size_t i = 0; i < point.overrides.size(); ++i) {
      (keys[kind_of[i]] += point.overrides[i].value) += '\x1f';
    }
    return keys;
  }
  static std::string model_key(std::string key, const DatasetGeometry& g) {
    return key + std::to_string(g.image_rows) + "x" + std::to_string(g.image_cols);
  }
  static std::string tile_key(std::string key, const ModelPart& model,
                              const core::ParamValues& top) {
    return key + (layers_on_crossbars(resolve_layer_arrays(model.layer_arrays, top)) ? "1" : "0");
  }

  // The point's parts when every one is kept.
  std::optional<ExperimentParts> find(std::array<std::string, kKinds> keys) const {
    ExperimentParts parts;
    const auto* top = this->top.find(keys[kTop]);
    const auto* data = this->data.find(keys[kData]);
    if (top == nullptr || data == nullptr) return std::nullopt;
    const auto* model = this->model.find(model_key(keys[kModel], data->geometry));
    const auto* train = this->train.find(keys[kTrain]);
    const auto* array = this->array.find(keys[kArray]);
    if (model == nullptr || train == nullptr || array == nullptr) return std::nullopt;
    const auto* feedback = this->feedback.find(keys[kFeedback]);
    const auto* tile = this->tile.find(tile_key(keys[kTile], *model, *array));
    const auto* crossbar = this->crossbar.find(keys[kCrossbar]);
    const auto* device = this->device.find(keys[kDevice]);
    const auto* cost = this->cost.find(keys[kCost] + '\x1e' + keys[kDevice]);
    if (!feedback || !tile || !crossbar || !device || !cost) return std::nullopt;
    parts.top = *top;
    parts.data = *data;
    parts.model = *model;
    parts.train = *train;
    HardwareParts& h = parts.hardware;
    h.top = *array;
    std::tie(h.feedback, h.feedback_device) = *feedback;
    std::tie(h.tile, h.tile_trained) = *tile;
    h.crossbar = *crossbar;
    h.device = *device;
    std::tie(h.cost, h.defaulted_electricals) = *cost;
    return parts;
  }

  // Keeps the parts of a point read in full.
  void put(std::array<std::string, kKinds> keys, const ExperimentParts& parts) {
    const HardwareParts& h = parts.hardware;
    top.put(keys[kTop], parts.top);
    data.put(keys[kData], parts.data);
    model.put(model_key(keys[kModel], parts.data.geometry), parts.model);
    train.put(keys[kTrain], parts.train);
    array.put(keys[kArray], h.top);
    feedback.put(keys[kFeedback], {h.feedback, h.feedback_device});
    tile.put(tile_key(keys[kTile], parts.model, h.top), {h.tile, h.tile_trained});
    crossbar.put(keys[kCrossbar], h.crossbar);
    device.put(keys[kDevice], h.device);
    cost.put(keys[kCost] + '\x1e' + keys[kDevice], {h.cost, h.defaulted_electricals});
  }

  std::vector<Kind> kind_of;
  Table<core::ParamValues> top;
  Table<DataPart> data;
  Table<ModelPart> model;
  Table<TrainPart> train;
  Table<core::ParamValues> array;
  Table<std::pair<core::ParamValues, std::shared_ptr<const devices::DeviceModel>>> feedback;
  Table<std::pair<sim::TileSpec, bool>> tile;
  Table<core::ParamValues> crossbar;
  Table<std::shared_ptr<const devices::DeviceModel>> device;
  Table<std::pair<sim::cost::CostSpec, std::vector<std::string>>> cost;
};

SweepPoints::Maker::Maker(const SweepPoints& points) : state_(points.state_) {
  if (state_->priced) parts_ = PartCache::for_axes(state_->axes);
}

core::ConfigNode SweepPoints::Maker::tree(const SweepPoint& point) {
  // yaml-cpp frees no node of a tree while the tree lives: each point's values stay in its memory,
  // which read_experiment's resolved tree takes over whole (sharing nodes merges the memories),
  // so a tree kept for ever makes every point slower than the last. A fresh parse now and then
  // bounds that at a small share of the parse.
  if (++points_made_ > kPointsPerParse) {
    tree_.reset();  // rebinds the handle (assigning would overwrite the old root in place)
    points_made_ = 1;
  }
  if (!tree_.IsDefined() || tree_.IsNull()) {
    // The base's own origins, to copy for each point once set: is applied.
    auto origins = std::make_shared<core::ConfigOrigins>();
    origins->main_file = state_->base_file;
    core::ConfigNode base(state_->make_base(), origins, "");
    for (const auto& o : state_->fixed) base.apply_override(o.key + "=" + o.value);
    merge_fixed_presets(base);
    // Kept only once whole: a set: that fails is applied (and fails) again next time.
    origins_ = *origins;
    tree_.reset(base.yaml());
  }
  // The axis keys are the same for every point and never overlap, so writing this point's
  // values over the last point's leaves exactly base + set: + this point.
  core::ConfigNode config(tree_, std::make_shared<core::ConfigOrigins>(origins_), "");
  for (const auto& o : point.overrides) config.apply_override(o.key + "=" + o.value);
  config.apply_override("name=" + state_->sweep_name + "_" + point.id);
  return config;
}

ExperimentSpec SweepPoints::Maker::make(const SweepPoint& point) {
  if (!parts_) return read_experiment(tree(point));
  const auto keys = parts_->axis_keys(point);
  std::optional<ExperimentParts> parts = parts_->find(keys);
  if (!parts) {
    parts = read_experiment_parts(tree(point));
    parts_->put(keys, *parts);
  }
  std::optional<ConfigProblem> problem;
  ExperimentSpec spec = combine_experiment(*parts, problem);
  // read_experiment reports the problem at its key's line and column.
  if (problem) return read_experiment(tree(point));
  // The sweep's name leaves room for any point's (read_sweep), so no point's name is refused.
  spec.name = state_->sweep_name + "_" + point.id;
  return spec;
}

void SweepPoints::Maker::merge_fixed_presets(const core::ConfigNode& base) const {
  // A device given only as `{preset: NAME}` that no axis changes is merged with its preset file
  // here, once, exactly as devices::resolve_device_config merges it when each point is validated
  // (keys from the file keep the file as their origin), instead of the file being read and
  // parsed for every point. A device with keys of its own beside preset: is left to each point,
  // so an unknown key of the user's is still reported at its own line and column.
  for (const char* section : {"device", "feedback"}) {
    const std::string path =
        std::string("hardware.") + section + (std::string(section) == "feedback" ? ".device" : "");
    const bool swept = std::any_of(state_->axes.begin(), state_->axes.end(), [&](const Axis& a) {
      return std::any_of(a.columns.begin(), a.columns.end(),
                         [&](const AxisColumn& c) { return overlap(c.key, path); });
    });
    const auto hardware = base.find("hardware");
    if (swept || !hardware || !hardware->is_map()) continue;
    // Initialized, never assigned: assigning a ConfigNode assigns its YAML::Node, which
    // overwrites the node it refers to in the tree.
    const core::ConfigNode parent =
        std::string(section) == "feedback" ? hardware->section("feedback") : *hardware;
    if (!parent.is_map()) continue;
    const auto device = parent.find("device");
    if (!device || !device->is_map() || device->size() != 1 || !device->has("preset")) continue;
    try {
      const core::ConfigNode merged = devices::resolve_device_config(*device);
      YAML::Node parent_yaml = parent.yaml();
      parent_yaml["device"] = merged.yaml();
    } catch (const core::Error&) {
      // A bad preset name: each point reports it, as without this shortcut.
    }
  }
}

ExperimentSpec SweepPoints::Maker::spec(const SweepPoint& point) {
  try {
    return make(point);
  } catch (const core::ConfigError& e) {
    std::vector<std::string> all;
    for (const auto& o : state_->fixed) all.push_back(o.key + "=" + o.value);
    for (const auto& o : point.overrides) all.push_back(o.key + "=" + o.value);
    throw core::ConfigError(state_->file + ": sweep point " + point.id + " (" + join(all, ", ") +
                            "): " + e.what());
  }
}

bool SweepPoints::check_axis_values(const std::atomic<bool>* stop) const {
  Maker maker(*this);
  maker.spec(at(0));
  const std::vector<Axis>& axes = state_->axes;
  std::vector<std::size_t> stride(axes.size());  // index step of one value of axis a
  std::size_t step = 1;
  for (std::size_t a = axes.size(); a-- > 0;) {
    stride[a] = step;
    step *= axes[a].size();
  }
  for (std::size_t a = 0; a < axes.size(); ++a) {
    for (std::size_t v = 1; v < axes[a].size(); ++v) {
      if (stop != nullptr && stop->load()) return false;
      const SweepPoint point = at(v * stride[a]);
      try {
        maker.make(point);
      } catch (const core::ConfigError& e) {
        std::vector<std::string> values;
        for (const auto& column : axes[a].columns)
          values.push_back(column.key + "=" + column.values[v]);
        throw core::ConfigError(axes[a].columns.front().value_where(v) + ": " + join(values, ", ") +
                                ": " + e.what());
      }
    }
  }
  return true;
}

SweepSpec load_sweep(const std::filesystem::path& file, const SweepAdjustments& adjust) {
  std::string text;
  try {
    text = core::read_file(file);
  } catch (const core::IoError&) {
    throw core::ConfigError(file.string() + ": cannot open sweep file");
  }
  return read_sweep(text, file.string(), file.parent_path(), adjust);
}

}  // namespace cimsim::experiments
