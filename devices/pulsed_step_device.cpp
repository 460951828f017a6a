#include "devices/pulsed_step_device.hpp"

#include <cmath>

#include "devices/array_kernels.hpp"

namespace cimsim::devices {
namespace {

// sd * N(0, 1) per cell, or exact zeros when sd is 0 (zero variation stays exactly nominal).
CellArray normal_array(Eigen::Index rows, Eigen::Index cols, double sd, core::Rng& rng) {
  CellArray out = CellArray::Zero(rows, cols);
  if (sd > 0) {
    rng.fill_normal(out, 0.0f, 1.0f);
    out *= static_cast<float>(sd);
  }
  return out;
}

}  // namespace

void PulsedStepParams::declare(core::ParamTable& t) {
  // Defaults are aihwkit's PulsedDevice defaults (aihwkit docs, simulator/configs/devices).
  t.real("w_min", -0.6, "", core::Range::float_any(), "lower weight bound (maps to g_min_siemens)");
  t.real("w_max", 0.6, "", core::Range::float_any(), "upper weight bound (maps to g_max_siemens)");
  t.real("dw_min", 0.001, "", core::Range::float_above(0), "mean step per pulse, in weight units");
  t.real("up_down", 0.0, "", core::Range::between(-1, 1),
         "up/down asymmetry beta: steps dw_min (1 +/- beta)");
  t.real("up_down_dtod", 0.01, "", core::Range::float_at_least(0), "device-to-device sd of beta");
  t.real("dw_min_dtod", 0.3, "", core::Range::float_at_least(0),
         "device-to-device sd of the step, relative to dw_min");
  t.real("dw_min_std", 0.3, "", core::Range::float_at_least(0),
         "cycle-to-cycle sd of each step, relative to the step");
  t.real("w_min_dtod", 0.3, "", core::Range::float_at_least(0),
         "device-to-device sd of the lower bound, relative to w_min");
  t.real("w_max_dtod", 0.3, "", core::Range::float_at_least(0),
         "device-to-device sd of the upper bound, relative to w_max");
  t.real("write_noise_std", 0.0, "", core::Range::float_at_least(0),
         "write noise sd in units of dw_min, redrawn at every write");
}

PulsedStepParams PulsedStepParams::read(const core::ConfigNode& node, const core::ParamValues& v) {
  PulsedStepParams p;
  p.w_min = v.real("w_min");
  p.w_max = v.real("w_max");
  if (p.w_min >= p.w_max) {
    (node.find("w_min") ? *node.find("w_min") : node)
        .fail("a weight bound below w_max (" + core::to_text(p.w_max) + ")");
  }
  p.dw_min = v.real("dw_min");
  p.up_down = v.real("up_down");
  p.up_down_dtod = v.real("up_down_dtod");
  p.dw_min_dtod = v.real("dw_min_dtod");
  p.dw_min_std = v.real("dw_min_std");
  p.w_min_dtod = v.real("w_min_dtod");
  p.w_max_dtod = v.real("w_max_dtod");
  p.write_noise_std = v.real("write_noise_std");
  return p;
}

DeviceInfo step_device_info(const std::string& type, const CommonParams& common,
                            const PulsedStepParams& step) {
  DeviceInfo info;
  info.type = type;
  info.g_min_siemens = common.g_min_siemens;
  info.g_max_siemens = common.g_max_siemens;
  const double k = (common.g_max_siemens - common.g_min_siemens) / (step.w_max - step.w_min);
  info.dw_min_siemens = step.dw_min * k;
  info.levels = std::llround((step.w_max - step.w_min) / step.dw_min) + 1;
  return info;
}

PulsedStepDevice::PulsedStepDevice(DeviceInfo info, CommonParams common, YAML::Node resolved,
                                   PulsedStepParams step)
    : DeviceModel(std::move(info), common, std::move(resolved)), step_(step) {
  const double k =
      (this->info().g_max_siemens - this->info().g_min_siemens) / (step_.w_max - step_.w_min);
  k_ = static_cast<float>(k);
  g_origin_ = static_cast<float>(this->info().g_min_siemens - step_.w_min * k);
}

void PulsedStepDevice::init_shape(CellBlock& /*block*/, core::Rng& /*rng*/) const {}

void PulsedStepDevice::init_cells(CellBlock& block, core::Rng& rng) const {
  const Eigen::Index rows = block.rows();
  const Eigen::Index cols = block.cols();
  const auto dw = static_cast<float>(step_.dw_min) * k_;
  const CellArray beta =
      static_cast<float>(step_.up_down) + normal_array(rows, cols, step_.up_down_dtod, rng);
  const CellArray scale = 1.0f + normal_array(rows, cols, step_.dw_min_dtod, rng);
  block.up = dw * (scale + beta).max(0.0f);
  block.down = dw * (scale - beta).max(0.0f);
  const CellArray b_max =
      static_cast<float>(step_.w_max) * (1.0f + normal_array(rows, cols, step_.w_max_dtod, rng));
  const CellArray b_min =
      static_cast<float>(step_.w_min) * (1.0f + normal_array(rows, cols, step_.w_min_dtod, rng));
  // A conductance cannot be negative; a bound pair drawn inverted is swapped (aihwkit's
  // enforce_consistency).
  const CellArray lo = (g_origin_ + k_ * b_min).max(0.0f);
  const CellArray hi = (g_origin_ + k_ * b_max).max(0.0f);
  block.g_lo = lo.min(hi);
  block.g_hi = lo.max(hi);
  block.g = block.g_lo;
  if (step_.write_noise_std > 0) block.hidden = block.g;
  init_shape(block, rng);
}

void PulsedStepDevice::pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                                   core::Rng& rng) const {
  if (step_.write_noise_std <= 0) {
    update_state(block, block.g, pulses, rng);
    return;
  }
  update_state(block, block.hidden, pulses, rng);
  draw_normals(block, rng);
  const float sd = static_cast<float>(step_.write_noise_std * step_.dw_min) * k_;
  block.g =
      (pulses == 0)
          .select(block.g, (block.hidden + sd * block.scratch).max(block.g_lo).min(block.g_hi));
}

void PulsedStepDevice::program_cells(CellBlock& block, const Eigen::Ref<const CellArray>& target,
                                     core::Rng& rng) const {
  DeviceModel::program_cells(block, target, rng);
  if (block.hidden.size() > 0) block.hidden = block.g;
}

namespace {

// constant_step, linear_step and soft_bounds. In conductance, with x = g - g_origin, one pulse in
// direction d does x <- (1 + s_d) x + sigma_d, where sigma_up = step_up, sigma_down = -step_down
// and s_d is the cell's slope (0 for constant_step). aihwkit's LinearStepDevice:
//   dw_up = step_up (1 + gamma_up_ij w),  gamma_up_ij = -|gamma_up + gamma_up_dtod xi| / b_max
//   dw_down = step_down (1 + gamma_down_ij w),  gamma_down_ij = -|gamma_down + ...| / b_min
// (b = the mean bound with mean_bound_reference, else the cell's own); soft_bounds is gamma = 1
// with the cell's own bounds, so steps vanish at the bounds. n pulses of the same sign then have
// the closed form of a linear recurrence (array_kernels.hpp).
// Clipping after every pulse equals clipping once at the end because the trajectory is monotone
// and a bound, once reached, is pushed against again. Cycle-to-cycle noise of n pulses is the sum
// of n independent step errors: sd dw_min_std |step| sqrt(n) for additive noise, and
// dw_min_std |x_n - x_0| / sqrt(n) for multiplicative noise (exact when the step is constant,
// the mean-step approximation otherwise; exact for n = 1).
struct LinearShape {
  bool constant = true;
  double gamma_up = 0;
  double gamma_down = 0;
  double gamma_up_dtod = 0;
  double gamma_down_dtod = 0;
  bool mean_bound_reference = true;
  bool mult_noise = true;
};

class LinearStepDevice final : public PulsedStepDevice {
 public:
  LinearStepDevice(DeviceInfo info, CommonParams common, YAML::Node resolved, PulsedStepParams step,
                   LinearShape shape)
      : PulsedStepDevice(std::move(info), common, std::move(resolved), step), shape_(shape) {}

 protected:
  void init_shape(CellBlock& block, core::Rng& rng) const override {
    if (shape_.constant) return;
    const Eigen::Index rows = block.rows();
    const Eigen::Index cols = block.cols();
    const float k = siemens_per_w();
    const CellArray b_max =
        shape_.mean_bound_reference
            ? CellArray::Constant(rows, cols, static_cast<float>(step_params().w_max))
            : CellArray((block.g_hi - g_origin()) / k);
    const CellArray b_min =
        shape_.mean_bound_reference
            ? CellArray::Constant(rows, cols, static_cast<float>(step_params().w_min))
            : CellArray((block.g_lo - g_origin()) / k);
    const CellArray gamma_up =
        -(static_cast<float>(shape_.gamma_up) + normal_array(rows, cols, shape_.gamma_up_dtod, rng))
             .abs() /
        b_max;
    const CellArray gamma_down = -(static_cast<float>(shape_.gamma_down) +
                                   normal_array(rows, cols, shape_.gamma_down_dtod, rng))
                                      .abs() /
                                 b_min;
    // Slopes per pulse in conductance; a slope <= -1 would overshoot the fixed point in one pulse.
    block.up_shape = (block.up * gamma_up / k).max(-0.99f).min(1.0f);
    block.down_shape = (-block.down * gamma_down / k).max(-0.99f).min(1.0f);
    avoid_zero_slope(block.up_shape);
    avoid_zero_slope(block.down_shape);
  }

  void update_state(CellBlock& block, CellArray& state, const Eigen::Ref<const PulseArray>& pulses,
                    core::Rng& rng) const override {
    const CellArray up_mask = potentiation_mask(pulses);
    const CellArray n = pulses.cast<float>().abs();
    const CellArray sigma = by_direction(up_mask, block.up, -block.down);
    CellArray delta;
    if (shape_.constant) {
      delta = sigma * n;
    } else {
      const CellArray s = by_direction(up_mask, block.up_shape, block.down_shape);
      delta = linear_recurrence_delta(state - g_origin(), s, sigma, n);
    }
    const auto c2c = static_cast<float>(step_params().dw_min_std);
    if (c2c > 0) {
      draw_normals(block, rng);
      if (shape_.mult_noise) {
        delta += c2c * delta.abs() / n.max(1.0f).sqrt() * block.scratch;
      } else {
        delta += c2c * sigma.abs() * n.sqrt() * block.scratch;
      }
    }
    // delta is exactly 0 where there are no pulses, and every state is within its bounds.
    state = (state + delta).max(block.g_lo).min(block.g_hi);
  }

 private:
  LinearShape shape_;
};

template <class Shape>
DeviceRegistry::Factory linear_factory(std::string type, Shape make_shape) {
  return [type, make_shape](const core::ConfigNode& node, const core::ParamValues& values) {
    const CommonParams common = read_common_params(node, values);
    const PulsedStepParams step = PulsedStepParams::read(node, values);
    return std::unique_ptr<DeviceModel>(
        std::make_unique<LinearStepDevice>(step_device_info(type, common, step), common,
                                           resolved_yaml(type, values), step, make_shape(values)));
  };
}

core::ParamTable step_table() {
  core::ParamTable t = common_device_params();
  PulsedStepParams::declare(t);
  return t;
}

}  // namespace

void register_linear_step_devices(DeviceRegistry& registry) {
  registry.add({"constant_step",
                "aihwkit ConstantStepDevice: constant step per pulse with hard bounds "
                "(Gokmen & Vlasov 2016)",
                step_table(), linear_factory("constant_step", [](const core::ParamValues&) {
                  return LinearShape{};
                })});

  core::ParamTable linear = step_table();
  linear.real("gamma_up", 0.0, "", core::Range::float_any(),
              "relative step decrease towards w_max (aihwkit gamma_up)");
  linear.real("gamma_down", 0.0, "", core::Range::float_any(),
              "relative step decrease towards w_min (aihwkit gamma_down)");
  linear.real("gamma_up_dtod", 0.05, "", core::Range::float_at_least(0),
              "device-to-device sd of gamma_up");
  linear.real("gamma_down_dtod", 0.05, "", core::Range::float_at_least(0),
              "device-to-device sd of gamma_down");
  linear.flag("mean_bound_reference", true,
              "slopes refer to the mean bounds w_min/w_max instead of each cell's own");
  linear.flag("mult_noise", true, "cycle-to-cycle noise scales with the step (else additive)");
  registry.add({"linear_step", "aihwkit LinearStepDevice: step decreasing linearly with the weight",
                std::move(linear), linear_factory("linear_step", [](const core::ParamValues& v) {
                  return LinearShape{false,
                                     v.real("gamma_up"),
                                     v.real("gamma_down"),
                                     v.real("gamma_up_dtod"),
                                     v.real("gamma_down_dtod"),
                                     v.flag("mean_bound_reference"),
                                     v.flag("mult_noise")};
                })});

  core::ParamTable soft = step_table();
  soft.flag("mult_noise", true, "cycle-to-cycle noise scales with the step (else additive)");
  registry.add({"soft_bounds",
                "aihwkit SoftBoundsDevice: step proportional to the distance to the cell's bound",
                std::move(soft), linear_factory("soft_bounds", [](const core::ParamValues& v) {
                  return LinearShape{false, 1.0, 1.0, 0.0, 0.0, false, v.flag("mult_noise")};
                })});
}

}  // namespace cimsim::devices
