#include "experiments/cli/options.hpp"

#include <csignal>
#include <iostream>

#include "sim/core/errors.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

bool parse_command(const Args& args, po::options_description& options,
                   const po::positional_options_description& positional, po::variables_map& values) {
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    if (values.count("help")) {
      std::cout << options << "\n";
      return false;
    }
    po::notify(values);
  } catch (const po::error& e) {
    throw core::Error(std::string("bad arguments: ") + e.what() + " (see --help)");
  }
  return true;
}

namespace {
std::atomic<bool> g_stop_requested{false};
extern "C" void request_stop(int) { g_stop_requested.store(true); }
}  // namespace

const std::atomic<bool>* stop_on_signals() {
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  return &g_stop_requested;
}

bool parse_config_command(const Args& args, po::options_description& options, ConfigArgs& config) {
  options.add_options()("config", po::value(&config.file)->required(), "experiment YAML file")(
      "set", po::value(&config.overrides)->composing(), "override a key: --set path.to.key=value (repeatable)");
  po::positional_options_description positional;
  positional.add("config", 1);
  po::variables_map values;
  return parse_command(args, options, positional, values);
}

}  // namespace cimsim::cli
