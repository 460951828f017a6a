#include "devices/shaped_step_devices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "devices/array_kernels.hpp"
#include "devices/pulsed_step_device.hpp"

namespace cimsim::devices {
namespace {

// Width of a cell's range, never 0 (frozen cells have g_lo == g_hi and must not divide by 0).
auto span(const CellBlock& block) { return (block.g_hi - block.g_lo).max(1e-30f); }

// Applies pulses one at a time: pulse k acts on the cells with |n| >= k. `step` returns the
// signed noise-free step of every cell for the given direction mask.
class ShapedStepDevice : public PulsedStepDevice {
 protected:
  using PulsedStepDevice::PulsedStepDevice;

  virtual CellArray step(const CellBlock& block, const CellArray& state,
                         const Eigen::Ref<const PulseArray>& pulses) const = 0;

 private:
  void update_state(CellBlock& block, CellArray& state, const Eigen::Ref<const PulseArray>& pulses,
                    core::Rng& rng) const final {
    const Eigen::ArrayXXi count = pulses.abs();
    const int most = count.size() > 0 ? count.maxCoeff() : 0;
    const auto c2c = static_cast<float>(step_params().dw_min_std);
    for (int k = 1; k <= most; ++k) {
      CellArray delta = step(block, state, pulses);
      if (c2c > 0) {
        draw_normals(block, rng);
        delta *= 1.0f + c2c * block.scratch;
      }
      state = (count >= k).select((state + delta).max(block.g_lo).min(block.g_hi), state);
    }
  }
};

struct ExpShape {
  double a_es, b_es, a_up, a_down, gamma_up, gamma_down;
};

class ExpStepDevice final : public ShapedStepDevice {
 public:
  ExpStepDevice(DeviceInfo info, CommonParams common, YAML::Node resolved, PulsedStepParams step,
                ExpShape shape)
      : ShapedStepDevice(std::move(info), common, std::move(resolved), step), shape_(shape) {}

 protected:
  CellArray step(const CellBlock& block, const CellArray& state,
                 const Eigen::Ref<const PulseArray>& pulses) const override {
    // w / (b_max - b_min) = (g - g_origin) / (g_hi - g_lo); z is clamped so exp stays finite.
    const CellArray z =
        (2.0f * static_cast<float>(shape_.a_es) * (state - g_origin()) / span(block) +
         static_cast<float>(shape_.b_es))
            .max(-30.0f)
            .min(30.0f);
    // One exponential per cell: the exponent and factor of the cell's own direction.
    const CellArray up_mask = potentiation_mask(pulses);
    const CellArray exponent = by_direction(up_mask, static_cast<float>(shape_.gamma_up) * z,
                                            -static_cast<float>(shape_.gamma_down) * z);
    const CellArray factor = by_direction(
        up_mask, CellArray::Constant(z.rows(), z.cols(), static_cast<float>(shape_.a_up)),
        CellArray::Constant(z.rows(), z.cols(), static_cast<float>(shape_.a_down)));
    const CellArray y = (1.0f - factor * exponent.exp()).max(0.0f);
    return by_direction(up_mask, block.up, -block.down) * y;
  }

 private:
  ExpShape shape_;
};

struct PowShape {
  double gamma, gamma_dtod, up_down, up_down_dtod;
};

class PowStepDevice final : public ShapedStepDevice {
 public:
  PowStepDevice(DeviceInfo info, CommonParams common, YAML::Node resolved, PulsedStepParams step,
                PowShape shape)
      : ShapedStepDevice(std::move(info), common, std::move(resolved), step), shape_(shape) {}

 protected:
  void init_shape(CellBlock& block, core::Rng& rng) const override {
    const Eigen::Index rows = block.rows();
    const Eigen::Index cols = block.cols();
    CellArray beta = CellArray::Constant(rows, cols, static_cast<float>(shape_.up_down));
    CellArray spread = CellArray::Zero(rows, cols);
    if (shape_.up_down_dtod > 0) {
      draw_normals(block, rng);
      beta += static_cast<float>(shape_.up_down_dtod) * block.scratch;
    }
    if (shape_.gamma_dtod > 0) {
      draw_normals(block, rng);
      spread = static_cast<float>(shape_.gamma_dtod) * block.scratch;
    }
    // Exponents stay positive so that omega^gamma is defined at omega = 0.
    const auto gamma = static_cast<float>(shape_.gamma);
    block.up_shape = (gamma * (1.0f + beta + spread)).max(1e-3f);
    block.down_shape = (gamma * (1.0f - beta + spread)).max(1e-3f);
  }

  CellArray step(const CellBlock& block, const CellArray& state,
                 const Eigen::Ref<const PulseArray>& pulses) const override {
    const CellArray omega = ((block.g_hi - state) / span(block)).max(0.0f).min(1.0f);
    // One power per cell: omega^gamma_up upwards, (1 - omega)^gamma_down downwards.
    const CellArray up_mask = potentiation_mask(pulses);
    const CellArray base = by_direction(up_mask, omega, 1.0f - omega);
    const CellArray exponent = by_direction(up_mask, block.up_shape, block.down_shape);
    return by_direction(up_mask, block.up, -block.down) * (exponent * base.log()).exp();
  }

 private:
  PowShape shape_;
};

class PiecewiseStepDevice final : public ShapedStepDevice {
 public:
  PiecewiseStepDevice(DeviceInfo info, CommonParams common, YAML::Node resolved,
                      PulsedStepParams step, std::vector<float> nodes_up,
                      std::vector<float> nodes_down)
      : ShapedStepDevice(std::move(info), common, std::move(resolved), step),
        up_(std::move(nodes_up)),
        down_(std::move(nodes_down)) {}

 protected:
  CellArray step(const CellBlock& block, const CellArray& state,
                 const Eigen::Ref<const PulseArray>& pulses) const override {
    CellArray out(state.rows(), state.cols());
    const CellArray position = ((state - block.g_lo) / span(block)).max(0.0f).min(1.0f);
    for (Eigen::Index c = 0; c < state.cols(); ++c) {
      for (Eigen::Index r = 0; r < state.rows(); ++r) {
        out(r, c) = pulses(r, c) > 0 ? block.up(r, c) * interpolate(up_, position(r, c))
                                     : -block.down(r, c) * interpolate(down_, position(r, c));
      }
    }
    return out;
  }

 private:
  // Linear interpolation of nodes spread evenly over [0, 1].
  static float interpolate(const std::vector<float>& nodes, float position) {
    if (nodes.size() == 1) return nodes[0];
    const float scaled = position * static_cast<float>(nodes.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(scaled), nodes.size() - 2);
    const float q = scaled - static_cast<float>(i);
    return (1 - q) * nodes[i] + q * nodes[i + 1];
  }

  std::vector<float> up_;
  std::vector<float> down_;
};

// Reads a list of non-negative step factors; a missing key means the single node 1.
std::vector<float> read_nodes(const core::ConfigNode& node, const std::string& key) {
  const auto list = node.find(key);
  if (!list) return {1.0f};
  if (!list->is_sequence() || list->size() == 0) list->fail("a non-empty list of step factors");
  std::vector<float> nodes;
  for (const core::ConfigNode& item : list->items()) {
    const double v = item.as_real();
    if (v < 0) item.fail("a step factor >= 0");
    // The nodes are floats: a larger factor became inf, and the resolved config an invalid .inf.
    if (v > std::numeric_limits<float>::max()) item.fail("a step factor <= 3.4e38 (a float)");
    nodes.push_back(static_cast<float>(v));
  }
  return nodes;
}

YAML::Node nodes_yaml(const std::vector<float>& nodes) {
  YAML::Node out(YAML::NodeType::Sequence);
  for (const float v : nodes) out.push_back(v);
  return out;
}

core::ParamTable step_table() {
  core::ParamTable t = common_device_params();
  PulsedStepParams::declare(t);
  return t;
}

std::unique_ptr<DeviceModel> make_exp(const core::ConfigNode& node, const core::ParamValues& v) {
  const CommonParams common = read_common_params(node, v);
  const PulsedStepParams step = PulsedStepParams::read(node, v);
  const ExpShape shape{v.real("a_es"),   v.real("b_es"),     v.real("a_up"),
                       v.real("a_down"), v.real("gamma_up"), v.real("gamma_down")};
  return std::make_unique<ExpStepDevice>(step_device_info("exp_step", common, step), common,
                                         resolved_yaml("exp_step", v), step, shape);
}

std::unique_ptr<DeviceModel> make_pow(const core::ConfigNode& node, const core::ParamValues& v) {
  const CommonParams common = read_common_params(node, v);
  const PulsedStepParams step = PulsedStepParams::read(node, v);
  const PowShape shape{v.real("pow_gamma"), v.real("pow_gamma_dtod"), v.real("pow_up_down"),
                       v.real("pow_up_down_dtod")};
  return std::make_unique<PowStepDevice>(step_device_info("pow_step", common, step), common,
                                         resolved_yaml("pow_step", v), step, shape);
}

std::unique_ptr<DeviceModel> make_piecewise(const core::ConfigNode& node,
                                            const core::ParamValues& v) {
  const CommonParams common = read_common_params(node, v);
  const PulsedStepParams step = PulsedStepParams::read(node, v);
  std::vector<float> up = read_nodes(node, "piecewise_up");
  std::vector<float> down = read_nodes(node, "piecewise_down");
  if (up.size() != down.size()) {
    node.at("piecewise_down")
        .fail("as many nodes as piecewise_up (" + std::to_string(up.size()) + ")");
  }
  YAML::Node resolved = resolved_yaml("piecewise_step", v);
  resolved["piecewise_up"] = nodes_yaml(up);
  resolved["piecewise_down"] = nodes_yaml(down);
  return std::make_unique<PiecewiseStepDevice>(step_device_info("piecewise_step", common, step),
                                               common, resolved, step, std::move(up),
                                               std::move(down));
}

}  // namespace

std::vector<std::string> list_valued_keys(const std::string& type) {
  if (type == "piecewise_step") return {"piecewise_up", "piecewise_down"};
  return {};
}

void register_shaped_step_devices(DeviceRegistry& registry) {
  // Defaults: aihwkit ExpStepDevice defaults.
  core::ParamTable exp = step_table();
  exp.real("a_es", 0.244, "", core::Range::float_any(), "global slope a_es of z");
  exp.real("b_es", 0.2425, "", core::Range::float_any(), "global offset b_es of z");
  exp.real("a_up", 0.00081, "", core::Range::float_any(), "factor A_up");
  exp.real("a_down", 0.36833, "", core::Range::float_any(), "factor A_down");
  exp.real("gamma_up", 12.44625, "", core::Range::float_any(), "exponent gamma_up");
  exp.real("gamma_down", 12.78785, "", core::Range::float_any(), "exponent gamma_down");
  registry.add({"exp_step", "aihwkit ExpStepDevice: step shrinking exponentially with the weight",
                std::move(exp), make_exp});

  // Defaults: aihwkit PowStepDevice defaults.
  core::ParamTable pow = step_table();
  pow.real("pow_gamma", 1.0, "", core::Range::float_above(0),
           "exponent of the distance to the bound");
  pow.real("pow_gamma_dtod", 0.1, "", core::Range::float_at_least(0),
           "device-to-device sd of the exponent, relative to pow_gamma");
  pow.real("pow_up_down", 0.0, "", core::Range::between(-1, 1), "up/down bias of the exponent");
  pow.real("pow_up_down_dtod", 0.0, "", core::Range::float_at_least(0),
           "device-to-device sd of the exponent bias");
  registry.add({"pow_step", "aihwkit PowStepDevice: step a power of the distance to the bound",
                std::move(pow), make_pow});

  registry.add({"piecewise_step",
                "aihwkit PiecewiseStepDevice: step factors interpolated between nodes; lists "
                "piecewise_up / piecewise_down (default [1])",
                step_table(), make_piecewise});
}

}  // namespace cimsim::devices
