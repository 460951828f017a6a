#include "experiments/cli/options.hpp"

#include <csignal>
#include <iostream>
#include <sstream>

#include "experiments/output_path.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

bool parse_command(const Args& args, po::options_description& options,
                   const po::positional_options_description& positional, po::variables_map& values,
                   const std::string& epilog) {
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    if (values.count("help")) {
      std::cout << options << "\n" << epilog;
      return false;
    }
    po::notify(values);
  } catch (const po::required_option& e) {
    // Boost names a missing positional argument by its option ("the option '--config' is
    // required"), which the usage line never shows; name it as the usage line does.
    const std::string option =
        e.get_option_name().substr(e.get_option_name().find_first_not_of('-'));
    for (unsigned p = 0; p < positional.max_total_count() && p < 8; ++p) {
      if (positional.name_for_position(p) == option) {
        const std::string shown = options.find(option, false).semantic()->name();
        std::ostringstream help;  // its first line is the usage line of the caption
        help << options;
        const std::string usage = help.str().substr(0, help.str().find('\n'));
        throw core::UsageError("missing " + shown + "; usage: " + usage + " (see --help)");
      }
    }
    throw core::UsageError(std::string("bad arguments: ") + e.what() + " (see --help)");
  } catch (const po::error& e) {
    throw core::UsageError(std::string("bad arguments: ") + e.what() + " (see --help)");
  }
  return true;
}

void check_output_option(const std::string& option, const std::string& path, bool is_file) {
  const std::optional<std::string> problem =
      is_file ? experiments::output_file_problem(path) : experiments::output_dir_problem(path);
  if (problem) throw core::UsageError(option + " " + path + ": cannot write here: " + *problem);
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

bool parse_config_command(const Args& args, po::options_description& options, ConfigArgs& config,
                          const std::string& epilog) {
  options.add_options()("config", po::value(&config.file)->required()->value_name("CONFIG"),
                        "experiment YAML file")(
      "set", po::value(&config.overrides)->composing()->value_name("KEY=VALUE"),
      "override a key: --set path.to.key=value (repeatable)");
  po::positional_options_description positional;
  positional.add("config", 1);
  po::variables_map values;
  return parse_command(args, options, positional, values, epilog);
}

}  // namespace cimsim::cli
