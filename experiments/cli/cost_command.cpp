// `cimsim cost CONFIG [--set k=v] [--events RUN_DIR/events.json] [--json FILE]`: the hardware
// report of an experiment, in milliseconds: from analytic event counts (no dataset loaded, no
// training), or from the events a run recorded, priced with CONFIG's hardware.
#include <boost/program_options.hpp>
#include <iostream>
#include <string>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/run_cost.hpp"
#include "experiments/run_events.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"
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
  bool assume_crossbar = false;
  options.add_options()("json", po::value(&json_file), "also write the report as JSON to FILE")(
      "assume-crossbar", po::bool_switch(&assume_crossbar),
      "price a config whose layers are all in software (hardware.array: software) as if every "
      "layer were on crossbar tiles of hardware.device and hardware.tile (without a device: "
      "Ag:a-Si electricals)")(
      "events", po::value(&events_file),
      "price the events a run of CONFIG's network recorded (RUN_DIR/events.json) instead of "
      "analytic counts");
  ConfigArgs config;
  if (!parse_config_command(args, options, config)) return kExitOk;
  if (!json_file.empty()) check_output_option("--json", json_file, true);
  const experiments::ExperimentSpec spec =
      experiments::load_experiment(config.file, config.overrides);
  if (!spec.hardware.layers_on_crossbars && !assume_crossbar) {
    // Pricing it anyway would report an Ag:a-Si crossbar chip the config never describes.
    throw core::UsageError(
        config.file +
        ": every layer is in software (hardware.array: software), so there is no "
        "chip to price; set hardware.array: crossbar (and a hardware.device), or pass "
        "--assume-crossbar to price the network on crossbar tiles anyway");
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
            << sim::cost::format_neurosim_view(sim::cost::neurosim_view(
                   report, static_cast<double>(spec.geometry.test_samples)));
  if (!json_file.empty()) core::write_file_atomic(json_file, sim::cost::cost_report_json(report));
  // After the report, once, and only when some figure really came from the defaults.
  std::string defaulted;
  for (const std::string& key : spec.hardware.defaulted_electricals) {
    defaulted += (defaulted.empty() ? "" : ", ") + key;
  }
  if (!defaulted.empty()) {
    std::cerr << "note: Ag:a-Si default electricals used for: " << defaulted
              << " (the device does not give them; set them in hardware.cost.electricals)\n";
  }
  return kExitOk;
}

}  // namespace cimsim::cli
