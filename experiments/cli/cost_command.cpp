// `cimsim cost CONFIG [--set k=v] [--json FILE]`: the analytic hardware report of a config
// (no dataset loaded, no training), in milliseconds.
//
// It reads only what the cost model needs: the layer widths (model.layers), the input size (from
// model.input_size, or derived from data.dataset/crop/downsample for the MNIST-style sets), the
// epoch length (data.train_limit, validation_fraction), the trainer and batch size (train), and
// hardware.tile / hardware.cost / hardware.feedback.array, and the electrical figures of
// hardware.device. The full experiment validation stays with `cimsim validate`.
#include <boost/program_options.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "devices/device_factory.hpp"
#include "experiments/cli/commands.hpp"
#include "experiments/cli/options.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/config.hpp"
#include "sim/cost/cost_model.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/network_shape.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::cli {
namespace {

namespace po = boost::program_options;
using core::ConfigNode;

// MNIST and Fashion-MNIST: 28 x 28 images, 60000 training images.
constexpr std::int64_t kMnistSide = 28;
constexpr std::int64_t kMnistTrainImages = 60000;

std::int64_t integer_or(const std::optional<ConfigNode>& section, const char* key,
                        std::int64_t fallback) {
  if (!section || section->is_null()) return fallback;
  const std::optional<ConfigNode> node = section->find(key);
  return node ? node->as_integer() : fallback;
}

double real_or(const std::optional<ConfigNode>& section, const char* key, double fallback) {
  if (!section || section->is_null()) return fallback;
  const std::optional<ConfigNode> node = section->find(key);
  return node ? node->as_real() : fallback;
}

sim::cost::NetworkShape read_shape(const ConfigNode& root) {
  const ConfigNode model = root.at("model");
  const std::optional<ConfigNode> data = root.find("data");
  std::int64_t input_size = 0;
  if (const std::optional<ConfigNode> given = model.find("input_size")) {
    input_size = given->as_integer();
    if (input_size < 1) given->fail("an integer >= 1");
  } else {
    const std::string dataset =
        data && data->has("dataset") ? data->at("dataset").as_string() : std::string("mnist");
    if (dataset != "mnist" && dataset != "fashion_mnist") {
      model.fail_message("`cimsim cost` needs model.input_size for dataset \"" + dataset + "\"");
    }
    const std::int64_t crop = integer_or(data, "crop", 0);
    const std::int64_t side = (crop > 0 ? std::min(crop, kMnistSide) : kMnistSide) /
                              std::max<std::int64_t>(1, integer_or(data, "downsample", 1));
    input_size = side * side;
  }
  const std::int64_t limit = integer_or(data, "train_limit", 0);
  const double validation = real_or(data, "validation_fraction", 0.0);
  const std::int64_t images = limit > 0 ? std::min(limit, kMnistTrainImages) : kMnistTrainImages;
  const auto epoch_samples =
      static_cast<std::int64_t>(static_cast<double>(images) * (1 - validation));

  std::vector<std::int64_t> sizes{input_size};
  const ConfigNode layers = model.at("layers");
  if (!layers.is_sequence() || layers.size() == 0) layers.fail("a non-empty list of layers");
  for (const ConfigNode& layer : layers.items()) {
    const ConfigNode units = layer.at("units");
    const std::int64_t n = units.as_integer();
    if (n < 1) units.fail("an integer >= 1");
    sizes.push_back(n);
  }
  const bool bias = model.has("bias") ? model.at("bias").as_bool() : true;

  const ConfigNode train = root.at("train");
  const ConfigNode type = train.at("trainer").at("type");
  const std::optional<sim::cost::TrainerKind> trainer =
      sim::cost::trainer_kind_from_string(type.as_string());
  if (!trainer) type.fail("one of: bp, fa, dfa, drtp");
  const std::int64_t batch = integer_or(train, "batch_size", 32);
  if (batch < 1) train.at("batch_size").fail("an integer >= 1");
  return sim::cost::mlp_shape(sizes, bias, *trainer, batch, epoch_samples);
}

// The device model's electrical figures; those it does not define keep the Ag:a-Si defaults,
// listed in `fallbacks` so the command can say so.
sim::cost::DeviceElectricals device_electricals(const ConfigNode& device_node,
                                                std::vector<std::string>& fallbacks) {
  sim::cost::DeviceElectricals e;
  if (device_node.is_null()) {
    fallbacks.push_back("all (no hardware.device)");
    return e;
  }
  const std::unique_ptr<devices::DeviceModel> device = devices::make_device(device_node);
  const devices::DeviceInfo& info = device->info();
  const auto take = [&fallbacks](double value, double& field, const char* key) {
    if (value > 0) {
      field = value;
    } else {
      fallbacks.push_back(key);
    }
  };
  take(info.g_max_siemens, e.g_on_siemens, "g_on_siemens");
  take(info.g_min_siemens, e.g_off_siemens, "g_off_siemens");
  take(info.electrical.read_voltage_v, e.read_voltage_v, "read_voltage_v");
  take(info.electrical.write_voltage_ltp_v, e.write_voltage_ltp_v, "write_voltage_ltp_v");
  take(info.electrical.write_voltage_ltd_v, e.write_voltage_ltd_v, "write_voltage_ltd_v");
  take(info.electrical.pulse_width_s, e.write_pulse_width_s, "write_pulse_width_s");
  e.pulse_energy_j = info.electrical.pulse_energy_j;
  fallbacks.push_back("read_pulse_width_s");  // device models do not describe reads' duration
  return e;
}

}  // namespace

int command_cost(const Args& args) {
  po::options_description options(
      "cimsim cost CONFIG [options]\n\nPrint the hardware cost (area, energy, latency) of the "
      "network and hardware of CONFIG, from analytic event counts");
  std::string json_file;
  options.add_options()("json", po::value(&json_file), "also write the report as JSON to FILE");
  ConfigArgs config;
  if (!parse_config_command(args, options, config)) return 0;
  ConfigNode root = ConfigNode::load_file(config.file);
  for (const std::string& assignment : config.overrides) root.apply_override(assignment);

  const sim::cost::NetworkShape shape = read_shape(root);
  const ConfigNode hardware = root.section("hardware");
  const sim::TileSpec tile = sim::read_tile_spec(hardware.section("tile"));
  std::vector<std::string> fallbacks;
  const sim::cost::DeviceElectricals device =
      device_electricals(hardware.section("device"), fallbacks);
  const ConfigNode cost_node = hardware.section("cost");
  sim::cost::CostSpec cost = sim::cost::read_cost_spec(cost_node, device);
  const ConfigNode feedback = hardware.section("feedback").section("array");
  if (!feedback.is_null()) {
    const std::string where = feedback.as_string();
    if (where != "software" && where != "crossbar") feedback.fail("one of: software, crossbar");
    cost.feedback_storage = where == "crossbar" ? sim::cost::FeedbackStorage::kAnalog
                                                : sim::cost::FeedbackStorage::kDigital;
  }
  // Name the electrical figures that came from neither the device nor hardware.cost.electricals.
  const ConfigNode given = cost_node.section("electricals");
  std::string defaulted;
  for (const std::string& key : fallbacks) {
    if (!given.has(key)) defaulted += (defaulted.empty() ? "" : ", ") + key;
  }
  if (!defaulted.empty()) {
    std::cout << "note: Ag:a-Si default electricals used for: " << defaulted
              << " (set them in hardware.cost.electricals)\n";
  }
  const sim::cost::CostReport report = sim::cost::evaluate(shape, tile, cost);
  std::cout << sim::cost::format_cost_table(report);
  if (!json_file.empty()) core::write_file_atomic(json_file, sim::cost::cost_report_json(report));
  return 0;
}

}  // namespace cimsim::cli
