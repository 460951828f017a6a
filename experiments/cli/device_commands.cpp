// `cimsim device-curve`: the pulse-response picture of a device preset or config.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "devices/device_factory.hpp"
#include "devices/pulse_curve.hpp"
#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/resource_limits.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/rng.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

namespace {

// A YAML file (its `device:` section if it has one, else the whole file) or a preset name.
core::ConfigNode device_source(const std::string& source) {
  const std::filesystem::path path(source);
  const bool is_file = path.extension() == ".yaml" || path.extension() == ".yml" ||
                       std::filesystem::is_regular_file(path);
  if (!is_file) return core::ConfigNode::parse("preset: " + source, "command line");
  const core::ConfigNode root = core::ConfigNode::load_file(path);
  if (const auto device = root.find("device")) return *device;
  return root;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

int command_device_curve(const Args& args) {
  std::string source;
  std::string out_dir;
  int devices = 5;
  long long pulses = 0;
  std::uint64_t seed = 1;
  bool no_plot = false;
  po::options_description options(
      "cimsim device-curve PRESET|CONFIG [options]\n\n"
      "Potentiates sampled devices pulse by pulse, then depresses them, and writes\n"
      "curve.csv, update_size.csv, device_curve.png and update_size.png.\n"
      "PRESET is a name from `cimsim list presets`; CONFIG a YAML device map (or a file\n"
      "with a `device:` section)");
  options.add_options()("source", po::value(&source)->required()->value_name("PRESET|CONFIG"),
                        "preset name or YAML file")(
      "devices", po::value(&devices)->default_value(5), "devices to sample")(
      "pulses", po::value(&pulses)->default_value(0),
      "pulses per direction (0: g_min to g_max, at most 2000)")(
      "out", po::value(&out_dir), "output folder (default: device_curves/<name>)")(
      "seed", po::value(&seed)->default_value(1), "random seed")(
      "no-plot", po::bool_switch(&no_plot), "write the CSV files only");
  po::positional_options_description positional;
  positional.add("source", 1);
  po::variables_map values;
  if (!parse_command(args, options, positional, values)) return kExitOk;
  if (devices < 1) throw core::UsageError("--devices must be at least 1");
  if (pulses < 0) throw core::UsageError("--pulses must be >= 0");
  if (!out_dir.empty()) check_output_option("--out", out_dir, false);

  const auto model = devices::make_device(device_source(source));
  const std::string name = std::filesystem::path(source).stem().string();
  const std::filesystem::path out = out_dir.empty() ? std::filesystem::path("device_curves") / name
                                                    : std::filesystem::path(out_dir);
  const std::int64_t count = pulses > 0 ? pulses : devices::default_curve_pulses(model->info());
  experiments::check_device_curve_resources(devices, count, !no_plot);
  core::Rng rng = core::Rng::derive(seed, "device-curve");
  const devices::PulseCurve curve = devices::trace_pulse_curve(*model, devices, count, rng);

  std::filesystem::create_directories(out);
  core::write_file_atomic(out / "curve.csv", devices::curve_csv(curve));
  core::write_file_atomic(out / "update_size.csv", devices::update_size_csv(curve));
  std::cout << "wrote " << (out / "curve.csv").string() << " and "
            << (out / "update_size.csv").string() << "\n";
  if (!no_plot) {
    const std::filesystem::path script =
        std::filesystem::path(CIMSIM_SOURCE_DIR) / "experiments" / "plot_device_curves.py";
    const std::string title = name + " (" + model->info().type + ")";
    const std::string command = "/usr/bin/python3 " + shell_quote(script.string()) + " " +
                                shell_quote(out.string()) + " --title " + shell_quote(title);
    if (std::system(command.c_str()) != 0) {
      throw core::IoError("plotting failed: " + command);
    }
    std::cout << "wrote " << (out / "device_curve.png").string() << " and "
              << (out / "update_size.png").string() << "\n";
  }
  return kExitOk;
}

}  // namespace cimsim::cli
