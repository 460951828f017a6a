#include "experiments/csv.hpp"

#include <sstream>

namespace cimsim::experiments {

std::string csv_line(const CsvRow& fields) {
  std::size_t size = fields.size() + 1;
  for (const auto& f : fields) size += f.size();
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\n\r") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (const char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  out += '\n';
  return out;
}

bool CsvReader::next(CsvRow& row) {
  using Traits = std::streambuf::traits_type;
  row.clear();
  std::string field;
  bool quoted = false;
  bool started = false;  // any byte of this row read
  for (int got = in_.sbumpc(); got != Traits::eof(); got = in_.sbumpc()) {
    ++read_bytes_;
    started = true;
    const char c = Traits::to_char_type(got);
    if (quoted) {
      if (c == '"' && in_.sgetc() == '"') {
        field += '"';
        in_.sbumpc();
        ++read_bytes_;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      row.push_back(std::move(field));
      complete_bytes_ = read_bytes_;
      return true;
    } else {
      field += c;
    }
  }
  dropped_partial_line_ = started;
  row.clear();
  return false;
}

CsvText parse_csv(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  CsvText out;
  CsvRow row;
  while (reader.next(row)) out.rows.push_back(row);
  out.complete_bytes = reader.complete_bytes();
  out.dropped_partial_line = reader.dropped_partial_line();
  return out;
}

}  // namespace cimsim::experiments
