#include "devices/exact_devices.hpp"

#include <cmath>

namespace cimsim::devices {
namespace {

// Linear, noise-free response g_n = g_0 + n * step, clipped to the cell's bounds (the "ideal
// device" of NeuroSim MLP, Chen et al., IEEE TCAD 2018, and aihwkit's IdealDevice). With
// levels >= 2 the state is a level index k in [0, levels - 1], g = g_min + k * step with
// step = (g_max - g_min) / (levels - 1); pulses move k exactly and programming rounds to the
// nearest level, so a cell only ever holds one of `levels` values.
class ExactDevice final : public DeviceModel {
 public:
  ExactDevice(DeviceInfo info, CommonParams common, YAML::Node resolved)
      : DeviceModel(std::move(info), common, std::move(resolved)),
        g_min_(static_cast<float>(this->info().g_min_siemens)),
        step_(static_cast<float>(this->info().dw_min_siemens)),
        top_level_(static_cast<float>(this->info().levels - 1)) {}

 protected:
  void init_cells(CellBlock& block, core::Rng& /*rng*/) const override {
    block.g_lo.setConstant(g_min_);
    block.g_hi.setConstant(static_cast<float>(info().g_max_siemens));
    block.g = block.g_lo;
  }

  void pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                   core::Rng& /*rng*/) const override {
    if (quantized()) {
      const CellArray level =
          (((block.g - g_min_) / step_).round() + pulses.cast<float>()).max(0.0f).min(top_level_);
      block.g =
          (pulses == 0).select(block.g, (g_min_ + level * step_).max(block.g_lo).min(block.g_hi));
    } else {
      block.g = (block.g + step_ * pulses.cast<float>()).max(block.g_lo).min(block.g_hi);
    }
  }

  void program_cells(CellBlock& block, const Eigen::Ref<const CellArray>& target,
                     core::Rng& rng) const override {
    DeviceModel::program_cells(block, target, rng);
    if (quantized()) {
      const CellArray level = ((block.g - g_min_) / step_).round().max(0.0f).min(top_level_);
      block.g = (g_min_ + level * step_).max(block.g_lo).min(block.g_hi);
    }
  }

 private:
  bool quantized() const { return info().levels >= 2; }

  float g_min_;
  float step_;
  float top_level_;
};

std::unique_ptr<DeviceModel> make_ideal(const core::ConfigNode& node,
                                        const core::ParamValues& values) {
  const CommonParams common = read_common_params(node, values);
  DeviceInfo info;
  info.type = "ideal";
  info.g_min_siemens = common.g_min_siemens;
  info.g_max_siemens = common.g_max_siemens;
  info.levels = values.integer("levels");
  if (info.levels == 1) node.at("levels").fail("0 (continuous) or at least 2 levels");
  const double range = common.g_max_siemens - common.g_min_siemens;
  info.dw_min_siemens = info.levels >= 2 ? range / static_cast<double>(info.levels - 1)
                                         : values.real("step_fraction") * range;
  return std::make_unique<ExactDevice>(info, common, resolved_yaml("ideal", values));
}

const CommonParamOptions kSramOptions{true, false};

std::unique_ptr<DeviceModel> make_sram(const core::ConfigNode& node,
                                       const core::ParamValues& values) {
  const CommonParams common = read_common_params(node, values, kSramOptions);
  DeviceInfo info;
  info.type = "sram";
  info.g_min_siemens = common.g_min_siemens;
  info.g_max_siemens = common.g_max_siemens;
  info.levels = std::int64_t{1} << values.integer("bits");
  info.dw_min_siemens =
      (common.g_max_siemens - common.g_min_siemens) / static_cast<double>(info.levels - 1);
  return std::make_unique<ExactDevice>(info, common, resolved_yaml("sram", values));
}

}  // namespace

void register_exact_devices(DeviceRegistry& registry) {
  core::ParamTable ideal = common_device_params();
  ideal.integer("levels", 0, core::Range::at_least(0),
                "equidistant conductance levels; 0 = continuous");
  ideal.real("step_fraction", 1e-3, "", core::Range::float_above(0),
             "conductance change per pulse as a fraction of g_max - g_min (levels = 0)");
  registry.add({"ideal", "linear noise-free cell, continuous or on N equidistant levels",
                std::move(ideal), make_ideal});

  core::ParamTable sram = common_device_params(kSramOptions);
  sram.integer("bits", 8, core::Range::between(1, 16),
               "bits per weight: 2^bits exact levels, one pulse = one LSB");
  registry.add({"sram", "exact N-bit digital cell (one pulse = one LSB, no noise)", std::move(sram),
                make_sram});
}

}  // namespace cimsim::devices
