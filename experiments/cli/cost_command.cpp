// `cimsim cost CONFIG [--set k=v] [--json FILE]`: the analytic hardware report of an experiment
// (no dataset loaded, no training), in milliseconds.
#include <boost/program_options.hpp>

#include <iostream>
#include <string>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/run_cost.hpp"
#include "sim/core/atomic_file.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

int command_cost(const Args& args) {
  po::options_description options(
      "cimsim cost CONFIG [options]\n\nPrint the hardware cost (area, energy, latency) of the "
      "network and hardware of CONFIG, from analytic event counts");
  std::string json_file;
  options.add_options()("json", po::value(&json_file), "also write the report as JSON to FILE");
  ConfigArgs config;
  if (!parse_config_command(args, options, config)) return 0;
  const experiments::ExperimentSpec spec = experiments::load_experiment(config.file, config.overrides);
  std::string defaulted;
  for (const std::string& key : spec.hardware.defaulted_electricals) {
    defaulted += (defaulted.empty() ? "" : ", ") + key;
  }
  if (!defaulted.empty()) {
    std::cout << "note: Ag:a-Si default electricals used for: " << defaulted
              << " (set them in hardware.cost.electricals)\n";
  }
  const sim::cost::CostReport report = experiments::analytic_cost(spec, spec.geometry);
  std::cout << sim::cost::format_cost_table(report);
  if (!json_file.empty()) core::write_file_atomic(json_file, sim::cost::cost_report_json(report));
  return 0;
}

}  // namespace cimsim::cli
