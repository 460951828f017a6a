// A sweep's results table: one CSV row per finished point (results/<sweep>/results.csv). Columns:
// point_index, point_id, the swept keys (dotted paths), seed, trainer, status, epochs, accuracy
// and loss metrics (fractions, not percent), wall_s, then the hardware cost of the run (empty for
// all-software runs): totals and the breakdown families energy_phase_<phase>_j,
// latency_phase_<phase>_s, energy_component_<component>_j, area_component_<component>_mm2.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "experiments/csv.hpp"
#include "experiments/runner.hpp"
#include "experiments/sweep_spec.hpp"

namespace cimsim::experiments {

struct ResultsTable {
  CsvRow header;
  std::vector<CsvRow> rows;
};

// The header of a sweep's table.
CsvRow results_header(const std::vector<std::string>& swept_keys);
// The row of a finished point whose experiment is `spec`, matching results_header(swept_keys).
CsvRow results_row(const SweepPoint& point, const ExperimentSpec& spec,
                   const std::vector<std::string>& swept_keys, const RunResult& result);

// Reads a table, ignoring a trailing partial line. Throws core::DataError naming the file and
// line when a row has the wrong number of fields or the point_id/point_index columns are missing.
ResultsTable read_results_table(const std::filesystem::path& file);
// The header and the point ids of a table, read a row at a time (a table of 100,000 rows is about
// 80 MB of text; its ids take a few MB). Throws as read_results_table does.
struct TableIds {
  CsvRow header;
  std::set<std::string> ids;
};
TableIds read_point_ids(const std::filesystem::path& file);
// Adds to `ids` the point ids of the complete rows of `file` that start at byte `offset` or later
// (`offset` 0: the header is skipped; else the end of a complete row an earlier call returned);
// returns the byte offset past the last complete row. Reads from 0 again when the file is shorter
// than `offset` (it was started afresh).
std::size_t read_point_ids_from(const std::filesystem::path& file, std::size_t offset,
                                std::set<std::string>& ids);
// Cuts `file` short before its trailing partial line, if it has one (reading it a row at a time),
// so the next append starts a fresh line. Returns whether it did.
bool drop_partial_line(const std::filesystem::path& file);
// The table as CSV text.
std::string results_csv(const ResultsTable& table);

// Rows of every table, one per point_id (the first seen wins), sorted by point_index. All tables
// must share one header, and the definitions recorded beside them (`<table>.sweep`, where
// present) must agree; throws core::DataError naming the one that differs.
ResultsTable merge_results(const std::vector<std::filesystem::path>& files);

// Index of `column` in `table.header`; throws core::DataError if absent.
std::size_t column_index(const ResultsTable& table, const std::string& column);

}  // namespace cimsim::experiments
