// Sweep files: a base experiment and axes over any of its keys. The points are not expanded up
// front: a point is made from its index when it is needed (its id and axis values in ~2 us; its
// validated experiment from a base parsed once per SweepPoints::Maker, see bench/sweep_bench.cpp),
// so a sweep of 10^7 points takes no more memory than one of ten.
//
//   name: nonlinearity            # results/<name>/
//   base: ../experiments/x.yaml   # an experiment file (relative to this file) or an inline map
//   mode: train                   # train (default) | cost: price each point, train nothing
//   workers: 2                    # points run at once (default 1; --workers wins)
//   set: {data.train_limit: 2000} # overrides every point shares (not swept, no column)
//   seeds: 3                      # shorthand for an innermost axis {key: seed, values: [1, 2, 3]}
//   axes:                         # Cartesian product, the first axis outermost
//     - {key: train.trainer.type, values: [bp, dfa]}                              # grid
//     - {key: hardware.device.nonlinearity_ltp, range: {start: 0, stop: 5, num: 6}}  # linear|log
//     - zip: [{key: a.b, values: [1, 2]}, {key: c.d, values: [x, y]}]             # paired lists
//   plot:                         # plots drawn after the sweep (experiments/plot_results.py)
//     - {kind: line, x: hardware.device.nonlinearity_ltp, y: final_test_accuracy, group: trainer}
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "experiments/experiment_spec.hpp"

namespace cimsim::experiments {

// One `--set key=value` a point applies to the base.
struct SweepOverride {
  std::string key;    // dotted config path, e.g. hardware.device.nonlinearity_ltp
  std::string value;  // the value as YAML text (flow style), as --set takes it
};

struct SweepPoint {
  std::size_t index = 0;  // position in the expansion, 0-based
  // Zero-padded index, '-', 8 hex digits of a hash of the `set:` and axis overrides:
  // "0007-3fa2c1d9". Stable as long as those are, so a rerun recognizes finished points (a
  // changed base is not noticed: rerun with --force).
  std::string id;
  std::vector<SweepOverride> overrides;  // the axis values, in axis order (not the set: ones)
};

// The points of a sweep, made one at a time from their index: the first axis outermost, the last
// fastest. Copies share one immutable state, so workers may call it concurrently.
class SweepPoints {
 public:
  struct State;  // the base, the set: overrides and the axes (sweep_spec.cpp)
  SweepPoints() = default;
  explicit SweepPoints(std::shared_ptr<const State> state) : state_(std::move(state)) {}

  // Makes the experiments of points from one copy of the base, parsed and given the set:
  // overrides once (on the first spec()): each point then only overwrites the axis keys in that
  // tree (axes never overlap, so every point rewrites the same keys) and is validated. One Maker
  // per thread. The config nodes of a returned spec (data_node, model_node, train_node) view the
  // Maker's tree: they show the next point's values once spec() is called again.
  // A cost sweep's points are made from parts (ExperimentParts) kept by the values of the axis
  // keys inside them: a point whose parts were all read before (for other points) is only
  // combined and checked, without touching the tree; such a spec has no config nodes and no
  // resolved tree (a priced point writes only its row). Any part not kept yet, or a problem in
  // the combination, reads the point in full, with read_experiment's own errors.
  class Maker {
   public:
    explicit Maker(const SweepPoints& points);
    // As SweepPoints::spec.
    ExperimentSpec spec(const SweepPoint& point);

   private:
    friend class SweepPoints;
    struct PartCache;  // sweep_spec.cpp
    // The experiment, throwing read_experiment's own error (spec() adds the point).
    ExperimentSpec make(const SweepPoint& point);
    // The point's tree: base + set: + the point's axis values + its name.
    core::ConfigNode tree(const SweepPoint& point);
    // Merges a device preset that no axis changes into the base tree once (sweep_spec.cpp).
    void merge_fixed_presets(const core::ConfigNode& base) const;

    std::shared_ptr<const State> state_;
    std::shared_ptr<PartCache> parts_;  // cost sweeps whose axes each lie in one part; else null
    YAML::Node tree_;  // base + set: + the axis values of the last point (null before the first)
    core::ConfigOrigins origins_;               // of base + set:, copied for each point
    static constexpr int kPointsPerParse = 32;  // the base is parsed again after this many points
    int points_made_ = 0;
  };

  std::size_t size() const;
  // The id and axis values of point `index` < size(); validates nothing.
  SweepPoint at(std::size_t index) const;
  // The point's experiment (base + set: + its axis values), validated like a standalone one.
  // Throws core::ConfigError "<sweep file>: sweep point <id> (<overrides>): <what is wrong>".
  // Parses the base anew each call; a Maker reuses it.
  ExperimentSpec spec(const SweepPoint& point) const { return Maker(*this).spec(point); }
  // Checks every axis value on its own: the point with all axes at their first value, then, for
  // each axis and each of its other values, that point with only this axis changed (one
  // validation per value, the sum of the axis sizes in all). Throws the first point's error as
  // spec() does, and a bad value's as "<file>:<line>:<col>: axes[i].values[j]: <key>=<value>:
  // <what is wrong>" (the range: of a range axis). Returns false, having checked only some,
  // when `stop` reads true.
  bool check_axis_values(const std::atomic<bool>* stop = nullptr) const;
  // A text that changes whenever the points' experiments may: the mode, the base experiment's
  // text, the set: overrides and every axis (key and values). Its hash is the sweep's fingerprint.
  const std::string& definition() const;

 private:
  std::shared_ptr<const State> state_;
};

// What a sweep does with a point.
enum class SweepMode {
  kTrain,  // run the experiment (train, test, price the recorded events)
  kCost,   // price the analytic cost model as `cimsim cost` does; no dataset, no training
};

// A plot requested by the sweep file's `plot:` block (see `cimsim plot --help` for the kinds).
struct PlotRequest {
  std::string kind;    // line | bars | pareto | curves
  std::string x;       // column on the x axis ("" where the kind needs none)
  std::string y;       // metric column (bars: a column-family prefix; curves: a metrics.csv column)
  std::string group;   // column whose values get one line/colour each ("" = none)
  std::string title;   // plot title ("" = none)
  std::string format;  // png | svg | pdf
  std::string xlabel;  // axis labels instead of the column names ("" = from the column)
  std::string ylabel;
  bool logx = false;  // line plots: logarithmic x axis (also chosen when x spans 100x)
  // line plots: dashed horizontal lines "LABEL=VALUE" (a label starting with a group value,
  // e.g. "bp software=0.94", takes that group's colour)
  std::vector<std::string> references;
  std::string where;  // file:line:col of the request, for messages
};

struct SweepSpec {
  std::string name;
  std::string name_where;  // `file:line:col: name`, for errors about results/<name>/
  SweepMode mode = SweepMode::kTrain;
  int workers = 1;
  std::vector<std::string> swept_keys;  // every axis key in axis order (seed too when swept)
  SweepPoints points;
  std::vector<PlotRequest> plots;
};

// The most points a sweep may have: far more than any machine runs, small enough that point
// indices, ids and counts never overflow.
inline constexpr std::size_t kMaxSweepPoints = 1000000000;

// Changes to a sweep file given on the command line (`cimsim sweep --set K=V --seeds N`), e.g. to
// run a whole study at a larger size. They enter the point ids like the file's own `set:`.
struct SweepAdjustments {
  std::vector<SweepOverride> set;  // join (or replace) the file's set: entries; never a swept key
  int seeds = 0;                   // > 0: seeds 1..seeds instead of the file's seeds:
};

// Reads a sweep file: its keys, axes, plots and point count, but no point's experiment. Throws
// core::ConfigError naming file:line:col and the key path of a malformed sweep, and at the axis
// that takes the count past kMaxSweepPoints.
SweepSpec load_sweep(const std::filesystem::path& file, const SweepAdjustments& adjust = {});
// The same for sweep text; `name` stands in for the file name in messages and `base_dir` resolves
// a `base:` path.
SweepSpec read_sweep(const std::string& text, const std::string& name,
                     const std::filesystem::path& base_dir, const SweepAdjustments& adjust = {});

// Throws core::ConfigError (at the request's `where`) if the request names a column that
// `table_columns` (the results table's header) lacks, or, for curves, a metric that runs'
// metrics.csv lacks. A bars request's y is a prefix: the columns `<y>_*` are stacked.
void check_plot_columns(const PlotRequest& plot, const std::vector<std::string>& table_columns);
// The default file name of a plot: <kind>_<y>[_vs_<x>][_by_<group>].<format>.
std::string plot_file_name(const PlotRequest& plot);

// The fingerprint of a sweep definition (SweepPoints::definition()): 16 hex digits.
std::string definition_fingerprint(const std::string& definition);

// Plot kinds the sweep file and `cimsim plot` accept.
const std::vector<std::string>& plot_kinds();
// Output formats of plots.
const std::vector<std::string>& plot_formats();

}  // namespace cimsim::experiments
