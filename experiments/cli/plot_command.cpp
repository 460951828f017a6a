// `cimsim plot`: plots of a sweep's results table.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/cli/plot_script.hpp"
#include "experiments/results_table.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void require_choice(const std::string& option, const std::string& value,
                    const std::vector<std::string>& choices) {
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  throw core::ConfigError("--" + option + ": expected one of: " + list + ", got \"" + value + "\"");
}

// LABEL=VALUE with a non-empty label and a number after the last '='.
bool is_reference(const std::string& text) {
  const std::size_t eq = text.rfind('=');
  if (eq == 0 || eq == std::string::npos || eq + 1 == text.size()) return false;
  char* end = nullptr;
  std::strtod(text.c_str() + eq + 1, &end);
  return *end == '\0';
}

}  // namespace

void draw_plot(const std::filesystem::path& table, const experiments::PlotRequest& plot,
               const std::filesystem::path& out) {
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  const std::filesystem::path script =
      std::filesystem::path(CIMSIM_SOURCE_DIR) / "experiments" / "plot_results.py";
  std::string command = "/usr/bin/python3 " + shell_quote(script.string()) + " " +
                        shell_quote(table.string()) + " --kind " + plot.kind + " --y " +
                        shell_quote(plot.y) + " --format " + plot.format + " --out " +
                        shell_quote(out.string());
  if (!plot.x.empty()) command += " --x " + shell_quote(plot.x);
  if (!plot.group.empty()) command += " --group " + shell_quote(plot.group);
  if (!plot.title.empty()) command += " --title " + shell_quote(plot.title);
  if (!plot.xlabel.empty()) command += " --xlabel " + shell_quote(plot.xlabel);
  if (!plot.ylabel.empty()) command += " --ylabel " + shell_quote(plot.ylabel);
  if (plot.logx) command += " --logx";
  for (const auto& ref : plot.references) command += " --reference " + shell_quote(ref);
  if (std::system(command.c_str()) != 0) throw core::IoError("plotting failed: " + command);
}

int command_plot(const Args& args) {
  po::options_description options(
      "cimsim plot RESULTS.csv --kind KIND --y METRIC [options]\n\n"
      "Plot a sweep's results table (experiments/plot_results.py):\n"
      "  line    METRIC vs the swept key --x, one line per --group, mean +- std over seeds\n"
      "  bars    stacked breakdown per --x value: --y energy_phase | latency_phase |\n"
      "          energy_component | area_component (the columns <y>_*)\n"
      "  pareto  METRIC (e.g. final_test_accuracy) vs the cost column --x, Pareto front marked\n"
      "  curves  a metrics.csv column (e.g. test_accuracy) vs epoch for every point's run");
  std::string table;
  experiments::PlotRequest plot;
  std::string out;
  options.add_options()("results", po::value(&table)->required()->value_name("RESULTS.csv"),
                        "results table (CSV)")("kind", po::value(&plot.kind)->required(),
                                               "line | bars | pareto | curves")(
      "x", po::value(&plot.x), "column on the x axis (not for curves)")(
      "y", po::value(&plot.y)->required(), "metric column (bars: column family prefix)")(
      "group", po::value(&plot.group), "column whose values get a line/colour each, e.g. trainer")(
      "title", po::value(&plot.title), "plot title")(
      "format", po::value(&plot.format)->default_value("png"), "png | svg | pdf")(
      "xlabel", po::value(&plot.xlabel), "x axis label (default: from the column name)")(
      "ylabel", po::value(&plot.ylabel), "y axis label (default: from the column name)")(
      "logx", po::bool_switch(&plot.logx), "line plots: logarithmic x axis")(
      "reference", po::value(&plot.references)->composing(),
      "line plots: a dashed horizontal line LABEL=VALUE (repeatable), e.g. \"bp software=0.94\"")(
      "out", po::value(&out),
      "output file (default <table folder>/plots/<kind>_<y>_vs_<x>.<format>)");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map values;
  if (!parse_command(args, options, positional, values)) return kExitOk;
  if (!out.empty()) check_output_option("--out", out, true);
  require_choice("kind", plot.kind, experiments::plot_kinds());
  require_choice("format", plot.format, experiments::plot_formats());
  if (plot.kind != "curves" && plot.x.empty()) {
    throw core::ConfigError("--x: a " + plot.kind + " plot needs the column for its x axis");
  }
  for (const auto& ref : plot.references) {
    if (!is_reference(ref)) {
      throw core::ConfigError("--reference " + ref +
                              ": expected LABEL=VALUE, e.g. \"bp software=0.94\"");
    }
  }
  plot.where = "cimsim plot " + table;
  const experiments::ResultsTable results = experiments::read_results_table(table);
  if (results.rows.empty()) throw core::DataError(table + ": no rows to plot");
  experiments::check_plot_columns(plot, results.header);
  const std::filesystem::path out_file =
      out.empty()
          ? std::filesystem::path(table).parent_path() / "plots" / experiments::plot_file_name(plot)
          : std::filesystem::path(out);
  draw_plot(table, plot, out_file);
  std::cout << "wrote " << out_file.string() << "\n";
  return kExitOk;
}

}  // namespace cimsim::cli
