// Comma-separated values as RFC 4180 writes them: fields holding a comma, a quote or a line break
// are quoted, quotes doubled. The readers drop a trailing line without '\n' (a row whose append
// was cut short by a crash) and report that they did.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace cimsim::experiments {

using CsvRow = std::vector<std::string>;

// One CSV line, '\n'-terminated.
std::string csv_line(const CsvRow& fields);

// Reads rows one at a time (quoted fields may span lines), so a table of 100,000 rows need not be
// held whole.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(*in.rdbuf()) {}
  // The next complete row; false at the end of the input.
  bool next(CsvRow& row);
  // Bytes of the input up to the end of the last row returned.
  std::size_t complete_bytes() const { return complete_bytes_; }
  // Once next() returned false: whether the input ended in a line without '\n'.
  bool dropped_partial_line() const { return dropped_partial_line_; }

 private:
  std::streambuf& in_;
  std::size_t read_bytes_ = 0;
  std::size_t complete_bytes_ = 0;
  bool dropped_partial_line_ = false;
};

struct CsvText {
  std::vector<CsvRow> rows;           // every complete line, the header first
  bool dropped_partial_line = false;  // the text ended in a line without '\n'
  std::size_t complete_bytes = 0;     // length of the text up to the last complete line
};

// Splits CSV text into rows.
CsvText parse_csv(const std::string& text);

}  // namespace cimsim::experiments
