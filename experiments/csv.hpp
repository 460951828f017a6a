// Comma-separated values as RFC 4180 writes them: fields holding a comma, a quote or a line break
// are quoted, quotes doubled. The reader drops a trailing line without '\n' (a row whose append
// was cut short by a crash) and reports that it did.
#pragma once

#include <string>
#include <vector>

namespace cimsim::experiments {

using CsvRow = std::vector<std::string>;

// One CSV line, '\n'-terminated.
std::string csv_line(const CsvRow& fields);

struct CsvText {
  std::vector<CsvRow> rows;           // every complete line, the header first
  bool dropped_partial_line = false;  // the text ended in a line without '\n'
  std::size_t complete_bytes = 0;     // length of the text up to the last complete line
};

// Splits CSV text into rows (quoted fields may span lines).
CsvText parse_csv(const std::string& text);

}  // namespace cimsim::experiments
