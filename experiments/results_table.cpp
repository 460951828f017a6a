#include "experiments/results_table.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <map>

#include "experiments/sweep_table.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

constexpr double kUm2PerMm2 = 1e6;

// As printf's "%.9g" (std::to_chars with a precision is specified as printf), without the
// locale and format parsing, which made number text the larger part of a cost point's row.
std::string number(double value) {
  char buffer[32];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 9).ptr;
  return std::string(buffer, end);
}

const std::vector<std::string>& metric_columns() {
  static const std::vector<std::string> columns = {"status",
                                                   "epochs",
                                                   "final_test_accuracy",
                                                   "best_test_accuracy",
                                                   "final_train_accuracy",
                                                   "final_train_loss",
                                                   "final_test_loss",
                                                   "final_validation_accuracy",
                                                   "wall_s"};
  return columns;
}

const std::vector<std::string>& cost_total_columns() {
  static const std::vector<std::string> columns = {"cost_status",
                                                   "chip_area_mm2",
                                                   "tiles",
                                                   "energy_per_training_sample_j",
                                                   "latency_per_training_sample_s",
                                                   "forward_latency_s",
                                                   "error_phase_latency_s",
                                                   "energy_per_epoch_j",
                                                   "latency_per_epoch_s",
                                                   "energy_per_inference_j",
                                                   "latency_per_inference_s",
                                                   "tops_per_w",
                                                   "tops_per_mm2",
                                                   "pulses_per_training_sample"};
  return columns;
}

std::vector<std::string> cost_breakdown_columns() {
  std::vector<std::string> columns;
  // Leakage closes both energy families: phases (or components) + leakage = the total
  // energy_per_training_sample_j; without it a plot of phases missed most of the energy.
  for (std::size_t p = 0; p < sim::kPhaseCount; ++p) {
    columns.push_back(std::string("energy_phase_") + sim::to_string(static_cast<sim::Phase>(p)) +
                      "_j");
  }
  columns.push_back("energy_phase_leakage_j");
  for (std::size_t p = 0; p < sim::kPhaseCount; ++p) {
    columns.push_back(std::string("latency_phase_") + sim::to_string(static_cast<sim::Phase>(p)) +
                      "_s");
  }
  for (std::size_t c = 0; c < sim::cost::kComponentCount; ++c) {
    columns.push_back(std::string("energy_component_") +
                      sim::cost::to_string(static_cast<sim::cost::Component>(c)) + "_j");
  }
  columns.push_back("energy_component_leakage_j");
  for (std::size_t c = 0; c < sim::cost::kComponentCount; ++c) {
    columns.push_back(std::string("area_component_") +
                      sim::cost::to_string(static_cast<sim::cost::Component>(c)) + "_mm2");
  }
  return columns;
}

CsvRow cost_fields(const sim::cost::CostReport& c) {
  CsvRow row = {c.status == sim::cost::FitStatus::kFits ? "fits" : "does_not_fit",
                number(c.chip_area_mm2),
                std::to_string(c.tiles),
                number(c.energy_per_training_sample_j),
                number(c.latency_per_training_sample_s),
                number(c.forward_latency_s),
                number(c.error_phase_latency_s),
                number(c.energy_per_epoch_j),
                number(c.latency_per_epoch_s),
                number(c.energy_per_inference_j),
                number(c.latency_per_inference_s),
                number(c.tops_per_w),
                number(c.tops_per_mm2),
                number(c.pulses_per_training_sample)};
  for (const double e : c.training_energy_by_phase_j) row.push_back(number(e));
  row.push_back(number(c.training_leakage_energy_j));
  for (const double t : c.training_latency_by_phase_s) row.push_back(number(t));
  for (const double e : c.training_energy_by_component_j.value) row.push_back(number(e));
  row.push_back(number(c.training_leakage_energy_j));
  for (const double a : c.area_um2.value) row.push_back(number(a / kUm2PerMm2));
  return row;
}

// The table for reading; regular files only (a device such as /dev/zero would be read forever).
std::ifstream open_table(const std::filesystem::path& file) {
  std::error_code error;
  if (std::filesystem::exists(file, error) && !std::filesystem::is_regular_file(file, error)) {
    throw core::IoError(file.string() + ": not a regular file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw core::IoError(file.string() + ": cannot open");
  return in;
}

// Reads a table a row at a time: checks the header and each row's field count, passes the header
// and each row to `take` and returns the header (empty for an empty file).
template <class Take>
CsvRow for_each_row(const std::filesystem::path& file, Take take) {
  std::ifstream in = open_table(file);
  CsvReader reader(in);
  CsvRow header;
  if (!reader.next(header)) return {};
  for (const char* column : {"point_index", "point_id"}) {
    if (std::find(header.begin(), header.end(), column) == header.end()) {
      throw core::DataError(file.string() + ": not a sweep results table (no " + column +
                            " column)");
    }
  }
  CsvRow row;
  for (std::size_t line = 2; reader.next(row); ++line) {
    if (row.size() != header.size()) {
      throw core::DataError(file.string() + ": row " + std::to_string(line) + " has " +
                            std::to_string(row.size()) + " fields, the header " +
                            std::to_string(header.size()));
    }
    take(header, row);
  }
  return header;
}

}  // namespace

CsvRow results_header(const std::vector<std::string>& swept_keys) {
  CsvRow header = {"point_index", "point_id"};
  for (const auto& key : swept_keys) {
    if (key != "seed") header.push_back(key);
  }
  header.push_back("seed");
  header.push_back("trainer");
  for (const auto& c : metric_columns()) header.push_back(c);
  for (const auto& c : cost_total_columns()) header.push_back(c);
  for (const auto& c : cost_breakdown_columns()) header.push_back(c);
  return header;
}

CsvRow results_row(const SweepPoint& point, const ExperimentSpec& spec,
                   const std::vector<std::string>& swept_keys, const RunResult& result) {
  CsvRow row = {std::to_string(point.index), point.id};
  for (const auto& key : swept_keys) {
    if (key == "seed") continue;
    for (const auto& o : point.overrides) {
      if (o.key == key) row.push_back(o.value);
    }
  }
  row.push_back(std::to_string(spec.seed));
  row.push_back(spec.train.trainer_type);
  row.push_back(run_status_name(result.status));
  row.push_back(std::to_string(result.epochs.size()));
  if (result.epochs.empty()) {
    row.insert(row.end(), metric_columns().size() - 3, "");
  } else {
    const EpochMetrics& last = result.epochs.back();
    double best = 0;
    for (const auto& e : result.epochs) best = std::max(best, e.test_accuracy);
    row.push_back(number(last.test_accuracy));
    row.push_back(number(best));
    row.push_back(number(last.train_accuracy));
    row.push_back(number(last.train_loss));
    row.push_back(number(last.test_loss));
    row.push_back(last.validation_accuracy ? number(*last.validation_accuracy) : "");
  }
  row.push_back(number(result.total_wall_s));
  if (result.cost) {
    const CsvRow cost = cost_fields(*result.cost);
    row.insert(row.end(), cost.begin(), cost.end());
  } else {
    row.insert(row.end(), cost_total_columns().size() + cost_breakdown_columns().size(), "");
  }
  return row;
}

ResultsTable read_results_table(const std::filesystem::path& file) {
  ResultsTable table;
  table.header =
      for_each_row(file, [&](const CsvRow&, const CsvRow& row) { table.rows.push_back(row); });
  return table;
}

TableIds read_point_ids(const std::filesystem::path& file) {
  TableIds out;
  std::size_t id_column = 0;
  out.header = for_each_row(file, [&](const CsvRow& header, const CsvRow& row) {
    if (out.ids.empty()) {
      id_column = static_cast<std::size_t>(std::find(header.begin(), header.end(), "point_id") -
                                           header.begin());
    }
    out.ids.insert(row[id_column]);
  });
  return out;
}

std::size_t read_point_ids_from(const std::filesystem::path& file, std::size_t offset,
                                std::set<std::string>& ids) {
  std::ifstream in = open_table(file);
  in.seekg(0, std::ios::end);
  if (static_cast<std::size_t>(in.tellg()) < offset) offset = 0;
  in.seekg(static_cast<std::streamoff>(offset));
  CsvReader reader(in);
  CsvRow row;
  if (offset == 0 && !reader.next(row)) return 0;  // the header (point_index, point_id, ...)
  while (reader.next(row)) {
    if (row.size() > 1) ids.insert(row[1]);
  }
  return offset + reader.complete_bytes();
}

bool drop_partial_line(const std::filesystem::path& file) {
  std::ifstream in = open_table(file);
  CsvReader reader(in);
  CsvRow row;
  while (reader.next(row)) {
  }
  if (!reader.dropped_partial_line()) return false;
  // Cutting a file short is one change of its size: a crash leaves it whole or cut.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(reader.complete_bytes())) != 0 ||
      ::fsync(fd) != 0 || ::close(fd) != 0) {
    throw core::IoError(file.string() +
                        ": cannot drop its half-written last row: " + std::strerror(errno));
  }
  return true;
}

std::string results_csv(const ResultsTable& table) {
  std::string out = csv_line(table.header);
  for (const auto& row : table.rows) out += csv_line(row);
  return out;
}

std::size_t column_index(const ResultsTable& table, const std::string& column) {
  const auto found = std::find(table.header.begin(), table.header.end(), column);
  if (found == table.header.end()) throw core::DataError("results table has no column " + column);
  return static_cast<std::size_t>(found - table.header.begin());
}

ResultsTable merge_results(const std::vector<std::filesystem::path>& files) {
  ResultsTable merged;
  // Shards of one sweep share its definition: tables that recorded different ones are of
  // different sweeps even when their columns agree (tables without one are taken as they are).
  std::string definition;
  std::filesystem::path definition_from;
  for (const auto& file : files) {
    const std::filesystem::path recorded = definition_path(file);
    if (!std::filesystem::exists(recorded)) continue;
    const std::string text = core::read_file(recorded);
    if (definition_from.empty()) {
      definition = text;
      definition_from = file;
    } else if (text != definition) {
      throw core::DataError(file.string() + ": written by another sweep definition than " +
                            definition_from.string() + " (see their .sweep files)");
    }
  }
  std::map<std::string, bool> seen;
  std::vector<std::pair<long long, CsvRow>> rows;
  for (const auto& file : files) {
    const ResultsTable table = read_results_table(file);
    if (table.header.empty()) continue;
    if (merged.header.empty()) {
      merged.header = table.header;
    } else if (table.header != merged.header) {
      throw core::DataError(file.string() + ": header differs from " + files.front().string() +
                            " (tables of different sweeps?)");
    }
    const std::size_t index_column = column_index(table, "point_index");
    const std::size_t id_column = column_index(table, "point_id");
    for (const auto& row : table.rows) {
      if (seen[row[id_column]]) continue;
      seen[row[id_column]] = true;
      rows.emplace_back(std::stoll(row[index_column]), row);
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, row] : rows) merged.rows.push_back(std::move(row));
  return merged;
}

}  // namespace cimsim::experiments
