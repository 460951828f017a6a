// Sweeps on a tiny generated IDX dataset: lazy expansion (grid, range, zip, seeds, ids, checked
// against the ids of the former eager expansion), malformed sweep files, the point limit,
// identical rows for any worker count, resume after a SIGKILL, shards and merge, cost sweeps past
// the former cap of 1000 points.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "experiments/cli/options.hpp"
#include "experiments/cli/plot_script.hpp"
#include "experiments/csv.hpp"
#include "experiments/results_table.hpp"
#include "experiments/run_cost.hpp"
#include "experiments/sweep_claims.hpp"
#include "experiments/sweep_runner.hpp"
#include "experiments/sweep_spec.hpp"
#include "experiments/sweep_table.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/log.hpp"
#include "tiny_idx.hpp"

namespace cimsim::experiments {
namespace {

namespace fs = std::filesystem;

using testing::write_idx_pair;

ExperimentSpec spec_of(const SweepSpec& sweep, std::size_t index);

class SweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::set_log_level(core::LogLevel::kQuiet);
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cimsim_sweep_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    write_idx_pair(dir_ / "data", "train", 200);
    write_idx_pair(dir_ / "data", "t10k", 50);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A sweep with an inline base on the tiny data, followed by `rest` (axes, seeds, ...).
  std::string sweep_text(const std::string& rest, int epochs = 2) const {
    return "name: tiny\nbase:\n  data: {dataset: idx, dir: " + (dir_ / "data").string() +
           "}\n  model:\n    layers: [{units: 12, activation: tanh}, {units: 10, activation: "
           "linear}]\n"
           "  train: {trainer: {type: bp}, epochs: " +
           std::to_string(epochs) + ", batch_size: 8, learning_rate: 0.05}\n" + rest;
  }

  // A cost sweep of 1080 points on the tiny data.
  std::string cost_sweep_text() const {
    return "name: hw\nmode: cost\nbase:\n  data: {dataset: idx, dir: " + (dir_ / "data").string() +
           "}\n  model:\n    layers: [{units: 12, activation: tanh}, {units: 10, activation: "
           "linear}]\n"
           "  train: {trainer: {type: bp}, batch_size: 8}\n"
           "  hardware: {array: crossbar, device: {preset: agsi}, tile: {weight_bits: 4}}\n"
           "axes:\n  - {key: hardware.cost.node_nm, values: [130, 90, 65, 45, 32, 22, 14, 10, 7]}\n"
           "  - {key: hardware.tile.adc_bits, range: {start: 3, stop: 8, num: 6}}\n"
           "  - {key: train.trainer.type, values: [bp, dfa, fa, drtp]}\n"
           "  - {key: hardware.tile.cols_per_adc, values: [1, 2, 4, 8, 16]}\n";
  }

  SweepSpec read(const std::string& rest, int epochs = 2) const {
    return read_sweep(sweep_text(rest, epochs), "sweep.yaml", dir_);
  }

  // The error of reading the sweep, else of the first point that fails validation.
  std::string error_of(const std::string& text) const {
    try {
      const SweepSpec sweep = read_sweep(text, "sweep.yaml", dir_);
      for (std::size_t i = 0; i < sweep.points.size(); ++i) spec_of(sweep, i);
    } catch (const core::ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  }

  SweepOptions options(const std::string& out, int workers = 1) const {
    SweepOptions o;
    o.out_dir = dir_ / out;
    o.workers = workers;
    return o;
  }

  fs::path dir_;
};

ExperimentSpec spec_of(const SweepSpec& sweep, std::size_t index) {
  return sweep.points.spec(sweep.points.at(index));
}

// Number of data rows in a results table (0 while it does not exist).
std::size_t data_rows(const fs::path& table) {
  return fs::exists(table) ? read_results_table(table).rows.size() : 0;
}

// Runs `sweep` in a forked child, which exits 0 when it finishes and 1 on an exception; returns
// the child's pid (negative if the fork failed).
pid_t fork_sweep(const SweepSpec& sweep, const SweepOptions& o) {
  const pid_t child = ::fork();
  if (child == 0) {
    try {
      run_sweep(sweep, o);
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  return child;
}

// Waits (at most a minute) until the child's sweep has written its first row, then sends `signal`
// and returns the child's wait status.
int signal_after_first_row(pid_t child, const fs::path& table, int signal) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (data_rows(table) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(child, signal);
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

// Rows keyed by point id, without the wall time (the only column that may differ between runs).
std::map<std::string, CsvRow> rows_by_id(const fs::path& table_file) {
  const ResultsTable table = read_results_table(table_file);
  const std::size_t wall = column_index(table, "wall_s");
  const std::size_t id = column_index(table, "point_id");
  std::map<std::string, CsvRow> out;
  for (CsvRow row : table.rows) {
    row[wall] = "";
    EXPECT_TRUE(out.emplace(row[id], row).second) << "point " << row[id] << " appears twice";
  }
  return out;
}

TEST_F(SweepTest, GridRangeAndSeedsExpandInOrderWithStableIds) {
  const std::string axes =
      "seeds: 2\naxes:\n  - {key: train.trainer.type, values: [bp, dfa]}\n"
      "  - {key: train.learning_rate, range: {start: 0.01, stop: 0.1, num: 3, scale: log}}\n";
  const SweepSpec sweep = read(axes);
  ASSERT_EQ(sweep.points.size(), 12u);
  EXPECT_EQ(sweep.swept_keys,
            (std::vector<std::string>{"train.trainer.type", "train.learning_rate", "seed"}));
  const SweepPoint first = sweep.points.at(0);
  EXPECT_EQ(first.overrides[0].value, "bp");
  EXPECT_EQ(first.overrides[1].value, "0.01");
  EXPECT_EQ(first.overrides[2].value, "1");
  const SweepPoint p = sweep.points.at(9);  // dfa, 0.0316..., seed 2
  EXPECT_EQ(p.index, 9u);
  const ExperimentSpec spec = sweep.points.spec(p);
  EXPECT_EQ(spec.train.trainer_type, "dfa");
  EXPECT_NEAR(spec.train.learning_rate, 0.0316227766, 1e-9);
  EXPECT_EQ(spec.seed, 2u);
  EXPECT_EQ(spec.name, "tiny_" + p.id);
  EXPECT_EQ(sweep.points.at(11).overrides[1].value, "0.1");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint point = sweep.points.at(i);
    EXPECT_EQ(point.index, i);
    EXPECT_EQ(point.id.size(), 13u) << point.id;
    EXPECT_EQ(point.id.substr(0, 5), (i < 10 ? "000" : "00") + std::to_string(i) + "-");
    ids.insert(point.id);
  }
  EXPECT_EQ(ids.size(), 12u);
  EXPECT_EQ(read(axes).points.at(7).id, sweep.points.at(7).id);  // stable across reads
}

// The ids, order and values of a grid x zip x range x seeds sweep with a set: block, point by
// point, as the eager expansion of commit 65d0863 (every point made and validated up front)
// listed them with `cimsim sweep --dry-run` (ids hash only set: and the axis values).
TEST_F(SweepTest, LazyPointsMatchTheEagerExpansionPointByPoint) {
  const SweepSpec sweep = read(
      "set: {train.batch_size: 4}\nseeds: 2\naxes:\n"
      "  - {key: train.trainer.type, values: [bp, dfa]}\n"
      "  - zip:\n"
      "      - {key: train.epochs, values: [1, 2, 3]}\n"
      "      - {key: train.learning_rate, range: {start: 0.1, stop: 0.001, num: 3, scale: log}}\n"
      "  - {key: \"model.layers[0].units\", range: {start: 8, stop: 16, num: 2}}\n");
  const std::vector<std::string> eager_ids = {
      "0000-a4860945", "0001-a47d7afa", "0002-762eb922", "0003-76377dcd", "0004-08eadb6a",
      "0005-08f369b5", "0006-9a211c9f", "0007-9a241af8", "0008-98c293fb", "0009-98c57724",
      "0010-8842da48", "0011-883fdbef", "0012-f794bf58", "0013-f791c0ff", "0014-13fa8bc5",
      "0015-13f1fd7a", "0016-3c126d25", "0017-3c09deda", "0018-4cb61382", "0019-4cbed82d",
      "0020-45a3c1aa", "0021-45ac4ff5", "0022-5d4fcc5f", "0023-5d52cab8"};
  ASSERT_EQ(sweep.points.size(), eager_ids.size());
  EXPECT_EQ(sweep.swept_keys,
            (std::vector<std::string>{"train.trainer.type", "train.epochs", "train.learning_rate",
                                      "model.layers[0].units", "seed"}));
  const std::vector<std::string> trainers = {"bp", "dfa"};
  const std::vector<std::string> epochs = {"1", "2", "3"};
  const std::vector<std::string> rates = {"0.1", "0.01", "0.001"};
  const std::vector<std::string> units = {"8", "16"};
  std::size_t index = 0;
  for (const auto& trainer : trainers) {
    for (std::size_t z = 0; z < epochs.size(); ++z) {
      for (const auto& unit : units) {
        for (const std::string seed : {"1", "2"}) {
          const SweepPoint point = sweep.points.at(index);
          EXPECT_EQ(point.id, eager_ids[index]);
          const std::vector<std::pair<std::string, std::string>> expected = {
              {"train.trainer.type", trainer},
              {"train.epochs", epochs[z]},
              {"train.learning_rate", rates[z]},
              {"model.layers[0].units", unit},
              {"seed", seed}};
          ASSERT_EQ(point.overrides.size(), expected.size());
          for (std::size_t k = 0; k < expected.size(); ++k) {
            EXPECT_EQ(point.overrides[k].key, expected[k].first);
            EXPECT_EQ(point.overrides[k].value, expected[k].second) << point.id;
          }
          const ExperimentSpec spec = sweep.points.spec(point);
          EXPECT_EQ(spec.train.trainer_type, trainer);
          EXPECT_EQ(spec.train.epochs, std::stoi(epochs[z]));
          EXPECT_DOUBLE_EQ(spec.train.learning_rate, std::stod(rates[z]));
          EXPECT_EQ(spec.network.layers[0].units, std::stoi(unit));
          EXPECT_EQ(spec.seed, std::stoul(seed));
          EXPECT_EQ(spec.train.batch_size, 4);  // set:
          ++index;
        }
      }
    }
  }
}

TEST_F(SweepTest, LinearRangeKeepsIntegersAndZipPairsLists) {
  const SweepSpec sweep = read(
      "axes:\n  - {key: train.epochs, range: {start: 1, stop: 4, num: 4}}\n"
      "  - zip: [{key: train.trainer.type, values: [bp, dfa, fa]},"
      " {key: train.learning_rate, values: [0.05, 0.1, 0.02]}]\n");
  ASSERT_EQ(sweep.points.size(), 12u);
  EXPECT_EQ(sweep.points.at(3).overrides[0].value, "2");
  EXPECT_EQ(spec_of(sweep, 3).train.epochs, 2);
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const ExperimentSpec spec = spec_of(sweep, i);
    const std::string& trainer = spec.train.trainer_type;
    const double lr = spec.train.learning_rate;
    EXPECT_TRUE((trainer == "bp" && lr == 0.05) || (trainer == "dfa" && lr == 0.1) ||
                (trainer == "fa" && lr == 0.02))
        << trainer << " " << lr;
  }
}

TEST_F(SweepTest, BaseFileIsReadRelativeToTheSweepFile) {
  fs::create_directories(dir_ / "sweeps");
  core::write_file_atomic(
      dir_ / "base.yaml",
      "name: b\ndata: {dataset: idx, dir: " + (dir_ / "data").string() +
          "}\nmodel:\n  layers: [{units: 10, activation: linear}]\ntrain: {trainer: {type: bp}}\n");
  core::write_file_atomic(
      dir_ / "sweeps" / "s.yaml",
      "name: s\nbase: ../base.yaml\naxes:\n  - {key: train.epochs, values: [1, 2]}\n");
  const SweepSpec sweep = load_sweep(dir_ / "sweeps" / "s.yaml");
  ASSERT_EQ(sweep.points.size(), 2u);
  EXPECT_EQ(spec_of(sweep, 1).train.epochs, 2);
  EXPECT_EQ(spec_of(sweep, 1).name, "s_" + sweep.points.at(1).id);
}

TEST_F(SweepTest, MalformedSweepFilesNameTheFileLineAndKey) {
  const auto expect_error = [&](const std::string& text, const std::string& expected) {
    const std::string message = error_of(text);
    EXPECT_NE(message.find(expected), std::string::npos)
        << "expected \"" << expected << "\" in: " << message;
  };
  expect_error(sweep_text("axes:\n  - {key: train.epochs, valuse: [1, 2]}\n"),
               "sweep.yaml:8:25: axes[0].valuse: unknown key \"valuse\"; expected one of: key, "
               "values, range, zip");
  expect_error(sweep_text("axes:\n  - {key: train.epochz, values: [1]}\n"), "sweep point 0000-");
  expect_error(sweep_text("axes:\n  - {key: train.epochz, values: [1]}\n"),
               "(train.epochz=1): --set train.epochz=1: train.epochz: unknown key \"epochz\"");
  expect_error(sweep_text("axes:\n  - {key: train.epochs, values: []}\n"),
               "sweep.yaml:8:33: axes[0].values: empty axis: expected at least one value, got an "
               "empty list");
  expect_error(
      sweep_text(
          "axes:\n  - zip: [{key: train.epochs, values: [1, 2]}, {key: seed, values: [1]}]\n"),
      "axes[0].zip[1]: zip lists of different lengths: train.epochs has 2 values, seed has 1");
  expect_error(
      sweep_text("axes:\n  - {key: train.epochs, values: [1, 0]}\n"),
      "--set train.epochs=0: train.epochs: expected an integer in [1, 1000000], got \"0\"");
  expect_error(
      sweep_text(
          "axes:\n  - {key: train.epochs, values: [1], range: {start: 1, stop: 2, num: 2}}\n"),
      "axes[0]: give values: or range:, not both");
  expect_error(
      sweep_text("axes:\n  - {key: train.lr, range: {start: 0, stop: 1, num: 3, scale: log}}\n"),
      "axes[0].range.scale: a log range needs start > 0 and stop > 0");
  expect_error(sweep_text("seeds: 2\naxes:\n  - {key: seed, values: [1]}\n"),
               "seeds: seeds and an axis over seed cannot both be given");
  expect_error(sweep_text("sweeps: 2\n"), "sweep.yaml:7:1: sweeps: unknown key \"sweeps\"");
  expect_error(sweep_text("mode: fast\n"),
               "sweep.yaml:7:7: mode: expected one of: train, cost, got \"fast\"");
  expect_error(sweep_text("mode: cost\nplot:\n  - {kind: curves, y: test_loss}\n"),
               "sweep.yaml:9:5: plot[0]: a cost sweep trains nothing, so it has no training "
               "curves to plot");
  expect_error(sweep_text("plot:\n  - {kind: line, x: train.epochs, y: final_test_accuracy}\n"),
               "sweep.yaml:8:5: plot[0]: x \"train.epochs\" is not a column");
  expect_error(sweep_text("plot:\n  - {kind: line, x: seed, y: final_test_accuracy, "
                          "reference: [{label: float}]}\n"),
               "plot[0].reference[0]: missing required key \"value\"");
  expect_error("name: s\nbase: missing.yaml\n",
               "sweep.yaml:2:7: base: cannot read experiment file");
  // Found probing the sweep fuzzer by hand (fuzz/corpus/sweep/bad_base_dev_zero.yaml): a device
  // was read until memory ran out.
  expect_error("name: s\nbase: /dev/zero\n",
               "sweep.yaml:2:7: base: cannot read experiment file /dev/zero");
  expect_error("name: s\nbase: [1, 2]\n",
               "sweep.yaml:2:7: base: expected an experiment map or the path of an experiment "
               "file, got a list");
  expect_error("name: s\nbase: {model: {layers: [{units: 0}]}}\n",
               "model.layers[0].units: expected an integer");
  expect_error(sweep_text("seeds: 2\nseeds: 3\n"),
               "sweep.yaml:8:1: seeds: duplicate key \"seeds\", first given at sweep.yaml:7:1");
}

// Points are made from their index when needed, so reading a sweep of 10^9 points (the limit)
// makes none of them, and its last point is made as quickly as its first.
TEST_F(SweepTest, ASweepOfABillionPointsIsReadWithoutMakingThem) {
  const SweepSpec sweep = read(
      "axes:\n"
      "  - {key: train.epochs, range: {start: 1, stop: 100000, num: 100000}}\n"
      "  - {key: train.batch_size, range: {start: 1, stop: 10000, num: 10000}}\n");
  ASSERT_EQ(sweep.points.size(), kMaxSweepPoints);
  const SweepPoint last = sweep.points.at(kMaxSweepPoints - 1);
  EXPECT_EQ(last.id.substr(0, 10), "999999999-");
  EXPECT_EQ(sweep.points.at(12345).id.substr(0, 10), "000012345-");
  const ExperimentSpec spec = sweep.points.spec(last);
  EXPECT_EQ(spec.train.epochs, 100000);
  EXPECT_EQ(spec.train.batch_size, 10000);
}

// Past 10^9 points a sweep is refused at the axis that passes the limit, before later axes make
// their values, and the count never overflows.
TEST_F(SweepTest, SweepsPastThePointLimitAreRefusedAtTheAxisThatPassesIt) {
  const std::string huge = sweep_text(
      "axes:\n"
      "  - {key: train.epochs, range: {start: 1, stop: 100, num: 100000}}\n"
      "  - {key: train.batch_size, range: {start: 1, stop: 100, num: 100000}}\n"
      "  - {key: train.learning_rate, range: {start: 0.01, stop: 1, num: 100000}}\n");
  EXPECT_EQ(error_of(huge),
            "sweep.yaml:9:5: axes[1]: the sweep reaches 10000000000 points here, more than the "
            "1000000000 a sweep may have; split it into smaller sweeps");
  const std::string seeds = sweep_text(
      "seeds: 2\naxes:\n"
      "  - {key: train.epochs, range: {start: 1, stop: 100000, num: 100000}}\n"
      "  - {key: train.batch_size, range: {start: 1, stop: 10000, num: 10000}}\n");
  EXPECT_EQ(error_of(seeds),
            "sweep.yaml:7:8: seeds: the sweep reaches 2000000000 points here, more than the "
            "1000000000 a sweep may have; split it into smaller sweeps");
}

TEST_F(SweepTest, CommandLineSetAndSeedsResizeTheSweep) {
  const std::string text = sweep_text(
      "set: {train.epochs: 1}\nseeds: 2\naxes:\n  - {key: train.trainer.type, "
      "values: [bp, dfa]}\n");
  const SweepSpec plain = read_sweep(text, "sweep.yaml", dir_);
  SweepAdjustments bigger;
  bigger.set = {{"train.epochs", "3"}, {"train.batch_size", "4"}};
  bigger.seeds = 3;
  const SweepSpec sized = read_sweep(text, "sweep.yaml", dir_, bigger);
  ASSERT_EQ(plain.points.size(), 4u);
  ASSERT_EQ(sized.points.size(), 6u);
  EXPECT_EQ(spec_of(plain, 0).train.epochs, 1);
  EXPECT_EQ(spec_of(sized, 0).train.epochs, 3);  // --set replaces the file's set: value
  EXPECT_EQ(spec_of(sized, 0).train.batch_size, 4);
  EXPECT_EQ(sized.swept_keys, plain.swept_keys);
  EXPECT_NE(sized.points.at(0).id, plain.points.at(0).id);  // other runs, other ids

  const auto error_with = [&](const SweepAdjustments& adjust) -> std::string {
    try {
      const SweepSpec sweep = read_sweep(text, "sweep.yaml", dir_, adjust);
      spec_of(sweep, 0);
    } catch (const core::ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  };
  SweepAdjustments swept;
  swept.set = {{"train.trainer.type", "fa"}};
  EXPECT_EQ(error_with(swept),
            "--set train.trainer.type=fa: train.trainer.type is swept by an axis of sweep.yaml");
  SweepAdjustments too_many;
  too_many.seeds = 1000000;
  EXPECT_EQ(error_with(too_many),
            "--seeds 1000000: expected an integer in [1, 100000], got 1000000");
  SweepAdjustments bad_value;
  bad_value.set = {{"train.epochs", "0"}};
  EXPECT_NE(
      error_with(bad_value).find("train.epochs: expected an integer in [1, 1000000], got \"0\""),
      std::string::npos);
}

TEST_F(SweepTest, ShardArgumentIsChecked) {
  EXPECT_EQ(parse_shard("2/3").index, 2);
  EXPECT_EQ(parse_shard("2/3").count, 3);
  for (const std::string bad : {"3/2", "0/2", "a/b", "2", "1/", "-1/2"}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const core::ConfigError& e) {
      EXPECT_EQ(std::string(e.what()),
                "--shard " + bad + ": expected K/N with 1 <= K <= N, got \"" + bad + "\"");
    }
  }
}

TEST_F(SweepTest, RowsAreTheSameForOneAndTwoWorkers) {
  const SweepSpec sweep =
      read("seeds: 2\naxes:\n  - {key: train.trainer.type, values: [bp, dfa, fa]}\n");
  const SweepOutcome one = run_sweep(sweep, options("one", 1));
  const SweepOutcome two = run_sweep(sweep, options("two", 2));
  EXPECT_EQ(one.ran, 6u);
  EXPECT_EQ(two.ran, 6u);
  EXPECT_TRUE(one.failures.empty());
  const auto a = rows_by_id(one.table);
  EXPECT_EQ(a.size(), 6u);
  EXPECT_EQ(a, rows_by_id(two.table));
  EXPECT_TRUE(fs::exists(dir_ / "one" / "points" / (sweep.points.at(3).id + ".yaml")));
  EXPECT_TRUE(fs::exists(dir_ / "two" / "runs" / sweep.points.at(3).id / "metrics.csv"));
}

TEST_F(SweepTest, RerunSkipsFinishedPointsRepairsAHalfRowAndForceRerunsAll) {
  const SweepSpec sweep =
      read("axes:\n  - {key: train.trainer.type, values: [bp, dfa, fa, drtp]}\n");
  SweepOptions o = options("out");
  run_sweep(sweep, o);
  const fs::path table = results_table_path(o.out_dir, o.shard);
  const std::string complete = core::read_file(table);
  // Drop the last row and leave half of it, as a crash in the middle of an append would.
  const std::size_t last_row = complete.rfind('\n', complete.size() - 2) + 1;
  core::write_file_atomic(table, complete.substr(0, last_row + 10));
  EXPECT_EQ(read_results_table(table).rows.size(), 3u);
  const SweepOutcome resumed = run_sweep(sweep, o);
  EXPECT_EQ(resumed.skipped, 3u);
  EXPECT_EQ(resumed.ran, 1u);
  EXPECT_EQ(rows_by_id(table).size(), 4u);
  EXPECT_EQ(run_sweep(sweep, o).ran, 0u);
  o.force = true;
  EXPECT_EQ(run_sweep(sweep, o).ran, 4u);
  EXPECT_EQ(rows_by_id(table).size(), 4u);
}

TEST_F(SweepTest, ShardsCoverEveryPointOnceAndMergeIntoTheWholeTable) {
  const SweepSpec sweep = read("seeds: 5\n");
  SweepOptions whole = options("whole");
  run_sweep(sweep, whole);
  std::vector<fs::path> parts;
  for (int k = 1; k <= 2; ++k) {
    SweepOptions o = options("sharded");
    o.shard = parse_shard(std::to_string(k) + "/2");
    const SweepOutcome outcome = run_sweep(sweep, o);
    EXPECT_EQ(outcome.selected, k == 1 ? 3u : 2u);
    parts.push_back(outcome.table);
  }
  EXPECT_EQ(parts[0].filename(), "results-1-of-2.csv");
  parts.push_back(parts[0]);  // a duplicate input adds nothing
  const ResultsTable merged = merge_results(parts);
  ASSERT_EQ(merged.rows.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(merged.rows[i][0], std::to_string(i));
  core::write_file_atomic(dir_ / "merged.csv", results_csv(merged));
  EXPECT_EQ(rows_by_id(dir_ / "merged.csv"),
            rows_by_id(results_table_path(whole.out_dir, whole.shard)));
}

// A value that is bad on its own is named at its line and column (the check of every axis value
// runs beside the workers), whichever worker reaches its point first; the rows of the points
// before it stay.
TEST_F(SweepTest, ABadAxisValueStopsTheSweepNamingItsLineAndColumn) {
  const SweepSpec sweep = read("axes:\n  - {key: train.epochs, values: [1, 1, 0]}\n");
  for (const int workers : {1, 2}) {
    const SweepOptions o = options("bad" + std::to_string(workers), workers);
    try {
      run_sweep(sweep, o);
      ADD_FAILURE() << "no error";
    } catch (const core::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(
                    "sweep.yaml:8:40: axes[0].values[2]: train.epochs=0: --set train.epochs=0: "
                    "train.epochs: expected an integer in [1, 1000000], got \"0\""),
                std::string::npos)
          << e.what();
    }
    EXPECT_LE(data_rows(results_table_path(o.out_dir, o.shard)), 2u);
  }
  // The same check, alone (as --dry-run does first); a range value is named at its range:.
  EXPECT_THROW(sweep.points.check_axis_values(), core::ConfigError);
  try {
    read("axes:\n  - {key: train.epochs, range: {start: 2, stop: 0, num: 3}}\n")
        .points.check_axis_values();
    ADD_FAILURE() << "no error";
  } catch (const core::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("sweep.yaml:8:32: axes[0].range: train.epochs=0:"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(read("axes:\n  - {key: train.epochs, values: [1, 2]}\nseeds: 3\n")
                  .points.check_axis_values());
}

// A key and a key inside it cannot both be swept (or swept and set): the inner one would win
// while the table records the outer one's value.
TEST_F(SweepTest, OverlappingAxesAreRefusedAtTheAxis) {
  const auto expect_error = [&](const std::string& text, const std::string& expected) {
    const std::string message = error_of(text);
    EXPECT_NE(message.find(expected), std::string::npos)
        << "expected \"" << expected << "\" in: " << message;
  };
  expect_error(sweep_text("axes:\n  - {key: train.trainer, values: [{type: bp}, {type: dfa}]}\n"
                          "  - {key: train.trainer.type, values: [bp, fa]}\n"),
               "sweep.yaml:9:5: axes[1]: train.trainer.type overlaps train.trainer, which holds "
               "train.trainer.type, swept by an earlier axis");
  expect_error(sweep_text("axes:\n  - {key: \"model.layers[0].units\", values: [4, 8]}\n"
                          "  - {key: model.layers, values: [[{units: 10, activation: linear}]]}\n"),
               "sweep.yaml:9:5: axes[1]: model.layers overlaps model.layers[0].units, inside "
               "model.layers, swept by an earlier axis");
  expect_error(sweep_text("set: {train.trainer.type: bp}\n"
                          "axes:\n  - {key: train.trainer, values: [{type: bp}, {type: fa}]}\n"),
               "sweep.yaml:9:5: axes[0]: train.trainer overlaps train.trainer.type, inside "
               "train.trainer, fixed by set:");
  // A set: map that holds a swept key is fine: the axis value is written inside it.
  EXPECT_EQ(error_of(sweep_text("set: {train.trainer: {type: bp}}\n"
                                "axes:\n  - {key: train.trainer.type, values: [bp, dfa]}\n")),
            "(no error)");
  // Siblings and keys that merely share a prefix of their name do not overlap.
  EXPECT_EQ(error_of(sweep_text("axes:\n  - {key: train.epochs, values: [1]}\n"
                                "  - {key: train.batch_size, values: [4]}\n")),
            "(no error)");
  EXPECT_EQ(error_of(sweep_text("axes:\n  - {key: train.learning_rate, values: [0.1]}\n"
                                "  - {key: train.learning, values: [1]}\n"))
                .find("overlaps"),
            std::string::npos);
}

// Each worker makes its points from one parsed base, overwriting the axis keys point after
// point: every point's experiment equals the one made from a fresh parse, in any order.
TEST_F(SweepTest, PointsMadeFromOneParsedBaseEqualFreshOnes) {
  const SweepSpec sweep = read(
      "set: {train.batch_size: 4}\naxes:\n"
      "  - {key: train.trainer, values: [{type: bp}, {type: dfa}]}\n"
      "  - {key: \"model.layers[0].units\", values: [3, 5]}\n"
      "  - zip: [{key: train.learning_rate, values: [0.1, 0.2]}, "
      "{key: hardware.array, values: [software, crossbar]}]\n"
      "  - {key: hardware.device, values: [{type: ideal}, {preset: agsi}]}\n"
      "seeds: 2\n");
  const auto text = [](const ExperimentSpec& spec) {
    YAML::Emitter out;
    out << spec.resolved;
    return std::string(out.c_str());
  };
  SweepPoints::Maker maker(sweep.points);
  ASSERT_EQ(sweep.points.size(), 32u);
  for (const std::size_t i : {0, 31, 5, 6, 17, 2, 30, 9, 9, 1}) {
    const SweepPoint point = sweep.points.at(i);
    EXPECT_EQ(text(maker.spec(point)), text(sweep.points.spec(point))) << point.id;
  }
}

// A device preset that no axis changes is merged into each worker's base once: the experiments
// equal those read from the experiment file with the point's overrides, as `cimsim run --set`
// reads them (the preset merged when the experiment is validated).
TEST_F(SweepTest, AFixedDevicePresetMergedOnceGivesTheSameExperiments) {
  core::write_file_atomic(
      dir_ / "base.yaml",
      "name: b\ndata: {dataset: idx, dir: " + (dir_ / "data").string() +
          "}\nmodel:\n  layers: [{units: 12, activation: tanh}, {units: 10, activation: linear}]\n"
          "train: {trainer: {type: bp}, epochs: 1, batch_size: 8}\n"
          "hardware: {array: crossbar, device: {preset: agsi}, feedback: {device: {preset: "
          "agsi}}}\n");
  const SweepSpec sweep = read_sweep(
      "name: presets\nbase: base.yaml\naxes:\n"
      "  - {key: hardware.tile.cols_per_adc, values: [1, 8]}\n"
      "  - {key: train.trainer.type, values: [bp, dfa]}\n"
      "  - {key: hardware.feedback.array, values: [software, crossbar]}\n",
      "sweep.yaml", dir_);
  const auto text = [](const ExperimentSpec& spec) {
    YAML::Emitter out;
    out << spec.resolved;
    return std::string(out.c_str());
  };
  SweepPoints::Maker maker(sweep.points);
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint point = sweep.points.at(i);
    std::vector<std::string> overrides;
    for (const auto& o : point.overrides) overrides.push_back(o.key + "=" + o.value);
    overrides.push_back("name=presets_" + point.id);
    EXPECT_EQ(text(maker.spec(point)),
              text(load_experiment((dir_ / "base.yaml").string(), overrides)))
        << point.id;
  }
}

// Two processes on one table (forked children started together, 2 workers each) share its
// points: every point has exactly one row, for a training sweep (a claim per point) and a cost
// sweep (claims of 256 points).
TEST_F(SweepTest, TwoProcessesOnOneTableRunEveryPointOnce) {
  for (const bool cost : {false, true}) {
    const SweepSpec sweep =
        cost ? read_sweep(cost_sweep_text(), "hw.yaml", dir_) : read("seeds: 12\n", 1);
    const SweepOptions o = options(cost ? "shared_cost" : "shared", 2);
    const pid_t first = fork_sweep(sweep, o);
    const pid_t second = fork_sweep(sweep, o);
    ASSERT_GE(first, 0);
    ASSERT_GE(second, 0);
    for (const pid_t child : {first, second}) {
      int status = 0;
      ::waitpid(child, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << child;
    }
    const fs::path table = results_table_path(o.out_dir, o.shard);
    EXPECT_EQ(rows_by_id(table).size(), sweep.points.size());  // rows_by_id fails on a repeat
    EXPECT_EQ(run_sweep(sweep, o).skipped, sweep.points.size());
  }
}

// --force starts a table afresh, so it is refused while another process works the table (here a
// TableClaims held by the test); a run without --force joins it.
TEST_F(SweepTest, ForceIsRefusedWhileAnotherProcessWorksTheTable) {
  const SweepSpec sweep = read("seeds: 2\n", 1);
  SweepOptions o = options("busy");
  const fs::path table = results_table_path(o.out_dir, o.shard);
  const TableClaims other(table, false);
  o.force = true;
  try {
    run_sweep(sweep, o);
    ADD_FAILURE() << "not refused";
  } catch (const core::IoError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  table.string() + " is being worked by another cimsim sweep (last joined: pid " +
                  std::to_string(::getpid()) + " on host "),
              std::string::npos)
        << e.what();
  }
  o.force = false;
  EXPECT_EQ(run_sweep(sweep, o).ran, 2u);
}

// A cost sweep's points are made from parts kept from earlier points: each equals the point read
// in full (its priced row), and a point that is wrong, within a part (cols_per_adc 3 does not
// divide 128) or in a combination of parts (a reference mapping with bit-sliced feedback weights
// on crossbars), fails as it does when read in full.
TEST_F(SweepTest, CostPointsMadeFromKeptPartsEqualPointsReadInFull) {
  core::write_file_atomic(
      dir_ / "base.yaml",
      "name: b\ndata: {dataset: idx, dir: " + (dir_ / "data").string() +
          "}\nmodel:\n  layers: [{units: 12, activation: tanh}, {units: 10, activation: linear}]\n"
          "train: {trainer: {type: bp}, batch_size: 8}\n"
          "hardware: {device: {preset: agsi}, tile: {weight_bits: 8}}\n");
  const SweepSpec sweep = read_sweep(
      "name: parts\nbase: base.yaml\nmode: cost\naxes:\n"
      "  - {key: hardware.cost.node_nm, values: [130, 7]}\n"
      "  - {key: hardware.tile.cols_per_adc, values: [1, 3]}\n"
      "  - {key: hardware.tile.mapping, values: [differential, reference]}\n"
      "  - {key: train.trainer.type, values: [bp, dfa]}\n"
      "  - {key: hardware.feedback.array, values: [software, crossbar]}\n",
      "sweep.yaml", dir_);
  const auto row = [&](const SweepPoint& point, const ExperimentSpec& spec) {
    RunResult result;
    result.cost = analytic_cost(spec, spec.geometry);
    return csv_line(results_row(point, spec, sweep.swept_keys, result));
  };
  SweepPoints::Maker maker(sweep.points);
  std::size_t valid = 0;
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint point = sweep.points.at(i);
    std::string in_full;
    try {
      std::vector<std::string> overrides;
      for (const auto& o : point.overrides) overrides.push_back(o.key + "=" + o.value);
      overrides.push_back("name=parts_" + point.id);
      in_full = row(point, load_experiment((dir_ / "base.yaml").string(), overrides));
    } catch (const core::ConfigError&) {
      in_full = "invalid";
    }
    std::string kept;
    try {
      kept = row(point, maker.spec(point));
      ++valid;
    } catch (const core::ConfigError& e) {
      kept = "invalid";
      try {
        sweep.points.spec(point);  // a fresh Maker, which keeps nothing yet
      } catch (const core::ConfigError& fresh) {
        EXPECT_EQ(std::string(e.what()), fresh.what());
      }
    }
    EXPECT_EQ(kept, in_full) << point.id;
  }
  EXPECT_EQ(valid, 12u);  // cols_per_adc 1; not reference with feedback on crossbars
}

// The table keeps the definition that started it: a changed base, set: or axis is refused
// (naming what changed), --force starts the table afresh under the new definition.
TEST_F(SweepTest, AChangedDefinitionIsRefusedUnlessTheTableIsStartedAfresh) {
  const SweepOptions o = options("defined");
  const fs::path table = results_table_path(o.out_dir, o.shard);
  run_sweep(read("seeds: 2\n", 1), o);
  ASSERT_TRUE(fs::exists(definition_path(table)));
  EXPECT_EQ(run_sweep(read("seeds: 2\n", 1), o).skipped, 2u);  // the same definition resumes
  // Same axes, same point ids, same columns: only the base changed (epochs 1 -> 2).
  const SweepSpec changed = read("seeds: 2\n", 2);
  EXPECT_EQ(changed.points.at(1).id, read("seeds: 2\n", 1).points.at(1).id);
  try {
    run_sweep(changed, o);
    ADD_FAILURE() << "no error";
  } catch (const core::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("results.csv: written by another definition of this sweep"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("epochs: 1"), std::string::npos) << message;
    EXPECT_NE(message.find("--force"), std::string::npos) << message;
  }
  EXPECT_EQ(data_rows(table), 2u);
  EXPECT_THROW(run_sweep(read("set: {train.batch_size: 4}\nseeds: 2\n", 1), o), core::ConfigError);
  SweepOptions fresh = o;
  fresh.force = true;
  EXPECT_EQ(run_sweep(changed, fresh).ran, 2u);
  EXPECT_EQ(run_sweep(changed, o).skipped, 2u);
  EXPECT_NE(definition_fingerprint(changed.points.definition()),
            definition_fingerprint(read("seeds: 2\n", 1).points.definition()));
}

// A sweep of 10^7 training points starts its first point at once (nothing is planned ahead; the
// axis values are checked beside the workers), stops on SIGINT, and a rerun resumes it. The
// bounds are generous (the machine may be loaded); the timings are measured in README.
TEST_F(SweepTest, ATenMillionPointSweepStartsAtOnceAndStopsOnSigint) {
  const SweepSpec sweep = read(
      "axes:\n  - {key: train.learning_rate, range: {start: 0.01, stop: 0.5, num: 100000}}\n"
      "  - {key: seed, range: {start: 1, stop: 100, num: 100}}\n",
      1);
  ASSERT_EQ(sweep.points.size(), 10000000u);
  SweepOptions o = options("huge", 2);
  const fs::path table = results_table_path(o.out_dir, o.shard);
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    o.stop = cli::stop_on_signals();
    SweepOutcome outcome;
    try {
      outcome = run_sweep(sweep, o);
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(o.stop->load() && outcome.ran < 10000000u ? 42 : 0);
  }
  const int status = signal_after_first_row(child, table, SIGINT);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 42);
  EXPECT_LT(seconds, 60.0);  // first row, then the stop: far under a minute even when loaded
  const std::size_t before = data_rows(table);
  EXPECT_GE(before, 1u);
  // A resume takes up where it stopped (stopped again at once here: the flag is already set).
  std::atomic<bool> stop{true};
  o.stop = &stop;
  const SweepOutcome resumed = run_sweep(sweep, o);
  EXPECT_EQ(resumed.skipped, before);
  EXPECT_EQ(resumed.ran, 0u);
}

// `mode: cost` prices each point with the analytic cost model: 1080 points, past the cap of 1000
// the eager expansion had, on 2 workers; then a resume after a partial table and one shard.
TEST_F(SweepTest, CostSweepPastTheOldCapRunsResumesAndShards) {
  const std::string text = cost_sweep_text();
  const SweepSpec sweep = read_sweep(text, "hw.yaml", dir_);
  ASSERT_EQ(sweep.mode, SweepMode::kCost);
  ASSERT_EQ(sweep.points.size(), 1080u);
  const SweepOptions whole = options("whole", 2);
  const SweepOutcome outcome = run_sweep(sweep, whole);
  EXPECT_EQ(outcome.ran, 1080u);
  EXPECT_TRUE(outcome.failures.empty());
  const auto rows = rows_by_id(outcome.table);
  ASSERT_EQ(rows.size(), 1080u);
  const ResultsTable table = read_results_table(outcome.table);
  const std::size_t energy = column_index(table, "energy_per_training_sample_j");
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint point = sweep.points.at(i);
    const auto row = rows.find(point.id);
    ASSERT_NE(row, rows.end()) << point.id;
    const CsvRow& r = row->second;
    EXPECT_EQ(r[column_index(table, "point_index")], std::to_string(i));
    EXPECT_EQ(r[column_index(table, "hardware.cost.node_nm")], point.overrides[0].value);
    EXPECT_EQ(r[column_index(table, "trainer")], point.overrides[2].value);
    EXPECT_EQ(r[column_index(table, "status")], "completed");
    EXPECT_EQ(r[column_index(table, "epochs")], "0");
    EXPECT_EQ(r[column_index(table, "final_test_accuracy")], "");
    EXPECT_EQ(r[column_index(table, "cost_status")], "fits");
    EXPECT_GT(std::stod(r[energy]), 0.0);
  }
  // The cost model answers as `cimsim cost` does: smaller nodes spend less energy.
  EXPECT_GT(std::stod(rows.at(sweep.points.at(0).id)[energy]),
            std::stod(rows.at(sweep.points.at(1080 - 120).id)[energy]));
  // A priced point leaves nothing but its row.
  EXPECT_FALSE(fs::exists(whole.out_dir / "points"));
  EXPECT_FALSE(fs::exists(whole.out_dir / "runs"));

  // Resume: keep the first 400 rows and half of the next, as a kill during an append would.
  const std::string complete = core::read_file(outcome.table);
  std::size_t cut = 0;
  for (int line = 0; line < 401; ++line) cut = complete.find('\n', cut) + 1;
  core::write_file_atomic(outcome.table, complete.substr(0, cut + 20));
  const SweepOutcome resumed = run_sweep(sweep, whole);
  EXPECT_EQ(resumed.skipped, 400u);
  EXPECT_EQ(resumed.ran, 680u);
  EXPECT_EQ(rows_by_id(outcome.table), rows);

  // Shard 2 of 3: the points with index % 3 == 1, the same rows as in the whole table.
  SweepOptions part = options("part");
  part.shard = parse_shard("2/3");
  const SweepOutcome shard = run_sweep(sweep, part);
  EXPECT_EQ(shard.selected, 360u);
  EXPECT_EQ(shard.ran, 360u);
  const auto shard_rows = rows_by_id(shard.table);
  ASSERT_EQ(shard_rows.size(), 360u);
  for (std::size_t i = 1; i < sweep.points.size(); i += 3) {
    const std::string id = sweep.points.at(i).id;
    ASSERT_EQ(shard_rows.count(id), 1u) << id;
    EXPECT_EQ(shard_rows.at(id), rows.at(id));
  }
}

// Leakage is a column of both energy families: in a sweep table energy_per_training_sample_j was
// 6.67e-6 J while the energy_phase_* columns summed to 2.1e-9 J, with no word about leakage.
TEST_F(SweepTest, EnergyPhasesAndComponentsPlusLeakageMakeTheTotal) {
  const std::string text =
      "name: hw\nmode: cost\nbase:\n  data: {dataset: idx, dir: " + (dir_ / "data").string() +
      "}\n  model:\n    layers: [{units: 12, activation: tanh}, {units: 10, activation: linear}]\n"
      "  train: {trainer: {type: bp}, batch_size: 8}\n"
      "  hardware: {array: crossbar, device: {preset: agsi}, tile: {weight_bits: 4}}\n"
      "axes:\n  - {key: train.trainer.type, values: [bp, dfa]}\n"
      "  - {key: hardware.cost.electricals.write_pulse_width_s, values: [1.0e-8, 3.0e-4]}\n";
  const SweepOutcome outcome = run_sweep(read_sweep(text, "hw.yaml", dir_), options("hw"));
  ASSERT_EQ(outcome.ran, 4u);
  const ResultsTable table = read_results_table(outcome.table);
  for (const CsvRow& row : table.rows) {
    const auto value = [&](const std::string& column) {
      return std::stod(row[column_index(table, column)]);
    };
    const double total = value("energy_per_training_sample_j");
    const double leakage = value("energy_phase_leakage_j");
    EXPECT_GT(leakage, 0.0);
    EXPECT_EQ(value("energy_component_leakage_j"), leakage);
    double phases = leakage;
    for (const char* p : {"forward", "error_propagation", "weight_gradient", "weight_update"}) {
      phases += value(std::string("energy_phase_") + p + "_j");
    }
    double components = 0;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      if (table.header[c].rfind("energy_component_", 0) == 0) components += std::stod(row[c]);
    }
    // The columns carry 9 significant digits.
    EXPECT_NEAR(phases, total, 1e-8 * total);
    EXPECT_NEAR(components, total, 1e-8 * total);
  }
  // A table of an earlier build (no leakage columns) is not resumed, and the message says why.
  CsvRow old_header = table.header;
  std::erase(old_header, "energy_phase_leakage_j");
  std::erase(old_header, "energy_component_leakage_j");
  core::write_file_atomic(outcome.table, csv_line(old_header));
  try {
    run_sweep(read_sweep(text, "hw.yaml", dir_), options("hw"));
    ADD_FAILURE() << "an older table was resumed";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("written by a cimsim with other result columns"),
              std::string::npos)
        << e.what();
  }
}

// A cost sweep validates each point as it prices it: a bad value stops it (named at its line and
// column), keeping the rows of the points priced before; a point whose values are each fine but
// not together is named as a point.
TEST_F(SweepTest, CostSweepStopsAtABadValueOrPoint) {
  const SweepSpec sweep = read(
      "mode: cost\nseeds: 2\naxes:\n  - {key: hardware.tile.cols_per_adc, values: [1, 2, 3]}\n"
      "set: {hardware.array: crossbar, hardware.device.preset: agsi,\n"
      "      hardware.tile.weight_bits: 4}\n");
  const SweepOptions o = options("bad");
  try {
    run_sweep(sweep, o);
    ADD_FAILURE() << "no error";
  } catch (const core::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("sweep.yaml:10:54: axes[0].values[2]: hardware.tile.cols_per_adc=3: "
                           "--set hardware.tile.cols_per_adc=3: hardware.tile.cols_per_adc: "
                           "expected a divisor of cols (128), got \"3\""),
              std::string::npos)
        << message;
  }
  EXPECT_LE(data_rows(results_table_path(o.out_dir, o.shard)), 4u);
  const SweepSpec pair = read(
      "mode: cost\naxes:\n  - {key: hardware.tile.cols_per_adc, values: [1, 16]}\n"
      "  - {key: hardware.tile.cols, values: [128, 24]}\n"
      "set: {hardware.array: crossbar, hardware.device.preset: agsi,\n"
      "      hardware.tile.weight_bits: 4}\n");
  EXPECT_TRUE(pair.points.check_axis_values());
  try {
    run_sweep(pair, options("pair"));
    ADD_FAILURE() << "no error";
  } catch (const core::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("sweep.yaml: sweep point 0003-"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(data_rows(results_table_path(options("pair").out_dir, Shard{})), 3u);
}

TEST_F(SweepTest, MergeRejectsTablesOfDifferentSweeps) {
  run_sweep(read("seeds: 1\n"), options("a"));
  run_sweep(read("axes:\n  - {key: train.epochs, values: [1]}\n"), options("b"));
  EXPECT_THROW(merge_results({dir_ / "a" / "results.csv", dir_ / "b" / "results.csv"}),
               core::DataError);
  // Same columns, but the shards were run from different definitions (epochs 1 and 2).
  SweepOptions first = options("shards");
  first.shard = Shard{1, 2};
  SweepOptions second = first;
  second.shard = Shard{2, 2};
  run_sweep(read("seeds: 2\n", 1), first);
  run_sweep(read("seeds: 2\n", 2), second);
  const std::vector<fs::path> tables = {results_table_path(first.out_dir, first.shard),
                                        results_table_path(second.out_dir, second.shard)};
  try {
    merge_results(tables);
    ADD_FAILURE() << "no error";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("written by another sweep definition"), std::string::npos)
        << e.what();
  }
  run_sweep(read("seeds: 2\n", 1), [&] {
    SweepOptions again = second;
    again.force = true;
    return again;
  }());
  EXPECT_EQ(merge_results(tables).rows.size(), 2u);
}

TEST_F(SweepTest, SigkilledSweepResumesWithEveryPointExactlyOnce) {
  const SweepSpec sweep = read("seeds: 8\n", 40);
  const SweepOptions o = options("killed");
  const fs::path table = results_table_path(o.out_dir, o.shard);
  const pid_t child = fork_sweep(sweep, o);
  ASSERT_GE(child, 0);
  const int status = signal_after_first_row(child, table, SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep finished before it could be killed";
  const std::size_t before = data_rows(table);
  EXPECT_GE(before, 1u);
  EXPECT_LT(before, 8u);
  const SweepOutcome resumed = run_sweep(sweep, o);
  EXPECT_EQ(resumed.skipped, before);
  EXPECT_EQ(resumed.ran, 8u - before);
  const auto rows = rows_by_id(table);
  EXPECT_EQ(rows.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(rows.count(sweep.points.at(i).id), 1u) << sweep.points.at(i).id;
  }
}

TEST_F(SweepTest, SigtermStopsAfterTheRunningPointsAndResumesEveryPointExactlyOnce) {
  const SweepSpec sweep = read("seeds: 8\n", 40);
  SweepOptions o = options("terminated");
  const fs::path table = results_table_path(o.out_dir, o.shard);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    o.stop = cli::stop_on_signals();  // as `cimsim sweep` does
    SweepOutcome outcome;
    try {
      outcome = run_sweep(sweep, o);
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(o.stop->load() && outcome.ran < 8 ? 42 : 0);
  }
  const int status = signal_after_first_row(child, table, SIGTERM);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 42) << "the sweep finished before it could be stopped";
  const std::size_t before = data_rows(table);
  EXPECT_GE(before, 1u);
  const SweepOutcome resumed = run_sweep(sweep, options("terminated"));
  EXPECT_EQ(resumed.skipped, before);
  const auto rows = rows_by_id(table);
  EXPECT_EQ(rows.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(rows.count(sweep.points.at(i).id), 1u) << sweep.points.at(i).id;
  }
}

TEST_F(SweepTest, PlotBlockKindsDrawFromACrossbarSweep) {
  if (std::system("/usr/bin/python3 -c 'import matplotlib' 2>/dev/null") != 0) {
    GTEST_SKIP() << "no /usr/bin/python3 with matplotlib";
  }
  const std::string text =
      "name: hw\nseeds: 2\nbase:\n  data: {dataset: idx, dir: " + (dir_ / "data").string() +
      "}\n  model:\n    layers: [{units: 12, activation: tanh}, {units: 10, activation: linear}]\n"
      "  train: {trainer: {type: bp}, epochs: 2, batch_size: 8, learning_rate: 0.05}\n"
      "  hardware: {array: crossbar, device: {preset: agsi}, tile: {weight_bits: 4}}\n"
      "axes:\n  - {key: train.trainer.type, values: [bp, dfa]}\n"
      "plot:\n  - {kind: line, x: train.trainer.type, y: final_test_accuracy, group: trainer}\n"
      "  - {kind: line, x: seed, y: final_test_accuracy, group: trainer, logx: true, xlabel: s,\n"
      "     ylabel: acc, reference: [{label: bp float, value: 0.5}]}\n"
      "  - {kind: bars, x: train.trainer.type, y: energy_phase}\n"
      "  - {kind: pareto, x: energy_per_training_sample_j, y: final_test_accuracy, group: "
      "trainer}\n"
      "  - {kind: curves, y: test_loss, group: trainer, format: svg}\n";
  const SweepSpec sweep = read_sweep(text, "hw.yaml", dir_);
  ASSERT_EQ(sweep.plots.size(), 5u);
  EXPECT_TRUE(sweep.plots[1].logx);
  EXPECT_EQ(sweep.plots[1].xlabel, "s");
  EXPECT_EQ(sweep.plots[1].references, std::vector<std::string>{"bp float=0.5"});
  const SweepOutcome outcome = run_sweep(sweep, options("hw"));
  ASSERT_EQ(outcome.ran, 4u);
  const ResultsTable table = read_results_table(outcome.table);
  EXPECT_EQ(table.rows[0][column_index(table, "cost_status")], "fits");
  EXPECT_GT(std::stod(table.rows[0][column_index(table, "energy_phase_forward_j")]), 0.0);
  for (const auto& plot : sweep.plots) {
    const fs::path out = dir_ / "hw" / "plots" / plot_file_name(plot);
    cli::draw_plot(outcome.table, plot, out);
    EXPECT_GT(fs::file_size(out), 1000u) << out;
    if (plot.format == "png") {
      // Paper quality: at least 1200 px wide (the IHDR width, bytes 16-19) and an SVG beside.
      const std::string png = core::read_file(out);
      ASSERT_GT(png.size(), 20u);
      const auto byte = [&png](std::size_t i) { return static_cast<unsigned char>(png[i]); };
      const unsigned width = byte(16) << 24 | byte(17) << 16 | byte(18) << 8 | byte(19);
      EXPECT_GE(width, 1200u) << out;
      EXPECT_TRUE(fs::exists(fs::path(out).replace_extension(".svg"))) << out;
    }
  }
}

TEST(Csv, QuotesFieldsAndDropsATrailingPartialLine) {
  const CsvRow row = {"a", "b,c", "say \"hi\"", "[1, 2]", ""};
  const std::string line = csv_line(row);
  EXPECT_EQ(line, "a,\"b,c\",\"say \"\"hi\"\"\",\"[1, 2]\",\n");
  const CsvText parsed = parse_csv(line + line + "x,\"y");
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[1], row);
  EXPECT_TRUE(parsed.dropped_partial_line);
  EXPECT_EQ(parsed.complete_bytes, 2 * line.size());
}

TEST(Csv, ReaderTakesOneRowAtATimeWithLineBreaksInsideQuotes) {
  const CsvRow row = {"two\nlines", "\"q\"", "3"};
  std::istringstream in(csv_line({"h1", "h2", "h3"}) + csv_line(row) + "4,5");
  CsvReader reader(in);
  CsvRow got;
  ASSERT_TRUE(reader.next(got));
  EXPECT_EQ(got, (CsvRow{"h1", "h2", "h3"}));
  ASSERT_TRUE(reader.next(got));
  EXPECT_EQ(got, row);
  const std::size_t complete = reader.complete_bytes();
  EXPECT_FALSE(reader.dropped_partial_line());
  EXPECT_FALSE(reader.next(got));
  EXPECT_TRUE(reader.dropped_partial_line());
  EXPECT_EQ(reader.complete_bytes(), complete);
  EXPECT_EQ(complete, in.str().size() - 3);
}

}  // namespace
}  // namespace cimsim::experiments
