// `cimsim cost CONFIG [--set k=v] [--events RUN_DIR/events.json] [--json FILE]`: the hardware
// report of an experiment, in milliseconds: from analytic event counts (no dataset loaded, no
// training), or from the events a run recorded, priced with CONFIG's hardware.
#include <boost/program_options.hpp>

#include <iostream>
#include <string>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/run_cost.hpp"
#include "experiments/run_events.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/cost/neurosim_view.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

int command_cost(const Args& args) {
  po::options_description options(
      "cimsim cost CONFIG [options]\n\nPrint the hardware cost (area, energy, latency) of the "
      "network and hardware of CONFIG, from analytic event counts or, with --events, from the "
      "events a run recorded");
  std::string json_file;
  std::string events_file;
  options.add_options()("json", po::value(&json_file), "also write the report as JSON to FILE")(
      "events", po::value(&events_file),
      "price the events a run of CONFIG's network recorded (RUN_DIR/events.json) instead of "
      "analytic counts");
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
  sim::cost::CostReport report;
  if (events_file.empty()) {
    report = experiments::analytic_cost(spec, spec.geometry);
  } else {
    const experiments::RecordedEvents recorded = experiments::read_recorded_events(events_file);
    experiments::check_recorded_matches(recorded, spec, spec.geometry, events_file);
    experiments::PricedEvents priced = experiments::price_recorded(spec, spec.geometry, recorded);
    if (priced.feedback_estimated) {
      std::cout << "note: the run kept B digital, so no feedback array recorded events; the B "
                   "arrays of hardware.feedback.array: crossbar are priced from analytic counts "
                   "(the hardware.cost activity assumptions) over the "
                << static_cast<long long>(recorded.training.samples)
                << " recorded training samples\n";
    }
    std::cout << "hardware cost, from the events recorded in " << events_file
              << ", re-priced with this config's hardware:\n";
    report = std::move(priced.report);
  }
  std::cout << sim::cost::format_cost_table(report)
            << sim::cost::format_neurosim_view(
                   sim::cost::neurosim_view(report, static_cast<double>(spec.geometry.test_samples)));
  if (!json_file.empty()) core::write_file_atomic(json_file, sim::cost::cost_report_json(report));
  return 0;
}

}  // namespace cimsim::cli
