// What keeps a results table to one sweep definition.
//
// `<table>.sweep` records the fingerprint of the sweep definition that wrote the table
// (SweepPoints::definition(): mode, base experiment text, set: overrides, axes) and the definition
// itself; a run whose definition differs is refused, so rows of two definitions never mix under
// the same point ids.
#pragma once

#include <filesystem>
#include <string>

namespace cimsim::experiments {

// The file that records a table's definition: `<table>.sweep`.
std::filesystem::path definition_path(const std::filesystem::path& table);

// Refuses (core::ConfigError naming the table, both fingerprints and the first line that differs)
// when `table` exists with a recorded definition other than `definition`; `fresh` (the table is
// being started afresh, e.g. --force) skips the check. Records the definition when the table is
// new, started afresh, or has none recorded (tables written before definitions were recorded).
void claim_table_definition(const std::filesystem::path& table, const std::string& definition,
                            bool fresh);

}  // namespace cimsim::experiments
