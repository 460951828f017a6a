#include "devices/neurosim_device.hpp"

#include <cmath>

#include "devices/array_kernels.hpp"
#include "devices/nonlinearity.hpp"

namespace cimsim::devices {
namespace {

// A for a linear branch (label 0): large enough that the curve is a straight line to float
// precision, small enough that 1 - exp(-P_max / A) stays representable.
constexpr double kLinearA = 1e7;

struct Branch {
  double label = 0;
  double p_max = 0;  // pulses from G_min to G_max
};

// A (in pulses) of a branch for a given label.
double curve_a(double label, double p_max) {
  const double a = normalized_a_from_label(label);
  return std::isinf(a) ? kLinearA * p_max : a * p_max;
}

class NeurosimDevice final : public DeviceModel {
 public:
  NeurosimDevice(DeviceInfo info, CommonParams common, YAML::Node resolved, Branch ltp, Branch ltd,
                 double label_d2d_std, double c2c_std, bool clamp_conductance)
      : DeviceModel(std::move(info), common, std::move(resolved)),
        ltp_(ltp),
        ltd_(ltd),
        label_d2d_std_(label_d2d_std),
        c2c_std_(c2c_std),
        clamp_conductance_(clamp_conductance) {}

 protected:
  void init_cells(CellBlock& block, core::Rng& rng) const override {
    block.g_lo.setConstant(static_cast<float>(info().g_min_siemens));
    block.g_hi.setConstant(static_cast<float>(info().g_max_siemens));
    block.g = block.g_lo;
    block.up_shape.resize(block.rows(), block.cols());
    block.down_shape.resize(block.rows(), block.cols());
    if (label_d2d_std_ > 0) {
      const InverseATable table;
      for (Eigen::Index i = 0; i < block.g.size(); ++i) {
        block.up_shape(i) = static_cast<float>(cell_a(table, ltp_, rng.normal()));
        block.down_shape(i) = static_cast<float>(cell_a(table, ltd_, rng.normal()));
      }
    } else {
      block.up_shape.setConstant(static_cast<float>(curve_a(ltp_.label, ltp_.p_max)));
      block.down_shape.setConstant(static_cast<float>(curve_a(ltd_.label, ltd_.p_max)));
    }
    block.up = -(-ltp_.p_max / block.up_shape).expm1();
    block.down = -(-ltd_.p_max / block.down_shape).expm1();
  }

  void pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                   core::Rng& rng) const override {
    const auto g_min = static_cast<float>(info().g_min_siemens);
    const auto range = static_cast<float>(info().g_max_siemens - info().g_min_siemens);
    const CellArray n = pulses.cast<float>();
    const CellArray up_mask = potentiation_mask(pulses);
    const CellArray a = by_direction(up_mask, block.up_shape, block.down_shape);
    const CellArray c = by_direction(up_mask, block.up, block.down);
    const auto ltd_p_max = static_cast<float>(ltd_.p_max);
    const CellArray p_max = ltd_p_max + static_cast<float>(ltp_.p_max - ltd_.p_max) * up_mask;
    // Position on the branch: P = -A ln(1 - u c), u = (G - G_min) / (G_max - G_min).
    CellArray p = -a * (-(block.g - g_min) * (c / range)).log1p();
    // Float inversion leaves ~1e-4 pulse of error; snapping near-integer positions keeps a
    // noise-free cell exactly on its levels however many writes it takes.
    const CellArray p_round = p.round();
    p = ((p - p_round).abs() < 1e-3f).select(p_round, p);
    // bounds: position holds the position on [0, P_max] before the noise; conductance follows
    // the curve past its ends and clamps the conductance after the noise (NeuroSim V3 Cell.cpp
    // RealDevice::Write: NonlinearWeight(xPulse + numPulse), + noise, then clamp to the range).
    const CellArray p_new =
        clamp_conductance_ ? (p + n).eval() : (p + n).max(0.0f).min(p_max).eval();
    CellArray u = -(-p_new / a).expm1() / c;
    // The branch ends are exact: a cell driven to P_max sits at G_max to the last bit.
    u = (p_new == p_max).select(1.0f, u);
    CellArray g_new = g_min + range * u;
    if (c2c_std_ > 0) {
      draw_normals(block, rng);
      g_new += static_cast<float>(c2c_std_) * range * n.abs().sqrt() * block.scratch;
    }
    block.g = (pulses == 0).select(block.g, g_new.max(block.g_lo).min(block.g_hi));
  }

 private:
  double cell_a(const InverseATable& table, const Branch& branch, double xi) const {
    const double label = branch.label + label_d2d_std_ * xi;
    const double inverse = table.inverse_a(label);
    return inverse == 0 ? kLinearA * branch.p_max : branch.p_max / inverse;
  }

  Branch ltp_;
  Branch ltd_;
  double label_d2d_std_;
  double c2c_std_;
  bool clamp_conductance_;
};

std::unique_ptr<DeviceModel> make_neurosim(const core::ConfigNode& node,
                                           const core::ParamValues& values) {
  const CommonParams common = read_common_params(node, values);
  // NeuroSim V3 (Cell.cpp: A = paramA(NL) x maxNumLevel, B = range / (1 - exp(-maxNumLevel / A)))
  // reaches G_max after maxNumLevel pulses; `levels` states have levels - 1 steps between them.
  const std::int64_t steps_short = values.text("full_range_pulses") == "levels" ? 0 : 1;
  const Branch ltp{values.real("nonlinearity_ltp"),
                   static_cast<double>(values.integer("levels_ltp") - steps_short)};
  const Branch ltd{values.real("nonlinearity_ltd"),
                   static_cast<double>(values.integer("levels_ltd") - steps_short)};
  DeviceInfo info;
  info.type = "neurosim_nonlinear";
  info.g_min_siemens = common.g_min_siemens;
  info.g_max_siemens = common.g_max_siemens;
  info.levels = values.integer("levels_ltp");
  info.levels_ltd = values.integer("levels_ltd");
  info.dw_min_siemens = neurosim_ltp_conductance(1.0, ltp.p_max, normalized_a_from_label(ltp.label),
                                                 common.g_min_siemens, common.g_max_siemens) -
                        common.g_min_siemens;
  return std::make_unique<NeurosimDevice>(
      info, common, resolved_yaml(info.type, values), ltp, ltd, values.real("nonlinearity_d2d_std"),
      values.real("c2c_std"), values.text("bounds") == "conductance");
}

}  // namespace

double neurosim_ltp_conductance(double pulses, double p_max, double normalized_a, double g_min,
                                double g_max) {
  if (std::isinf(normalized_a)) return g_min + (g_max - g_min) * pulses / p_max;
  const double a = normalized_a * p_max;
  const double b = (g_max - g_min) / (-std::expm1(-p_max / a));
  return b * (-std::expm1(-pulses / a)) + g_min;
}

void register_neurosim_device(DeviceRegistry& registry) {
  core::ParamTable params = common_device_params();
  const core::Range label_range =
      core::Range::between(-kMaxNonlinearityLabel, kMaxNonlinearityLabel);
  params.integer("levels_ltp", 64, core::Range::at_least(2),
                 "conductance states on the LTP branch (P_max = levels_ltp - 1 pulses, see "
                 "full_range_pulses)");
  params.integer("levels_ltd", 64, core::Range::at_least(2),
                 "conductance states on the LTD branch");
  params.real("nonlinearity_ltp", 1.0, "", label_range,
              "NeuroSim nonlinearity label of the LTP branch (0 = linear)");
  params.real("nonlinearity_ltd", -1.0, "", label_range,
              "NeuroSim nonlinearity label of the LTD branch (negative: saturating depression)");
  params.real("nonlinearity_d2d_std", 0.0, "", core::Range::at_least(0),
              "device-to-device sd of both labels");
  params.real("c2c_std", 0.0, "", core::Range::float_at_least(0),
              "cycle-to-cycle sd per write as a fraction of g_max - g_min (x sqrt(|pulses|))");
  params.choice(
      "full_range_pulses", std::string("levels_minus_one"), {"levels_minus_one", "levels"},
      "pulses from g_min to g_max (P_max): levels - 1 (steps between the states) or levels "
      "(NeuroSim V3 Cell.cpp: maxNumLevel)");
  params.choice(
      "bounds", std::string("position"), {"position", "conductance"},
      "a write past a branch end: the pulse position stops at the end before the c2c noise, or "
      "the curve continues and the noisy conductance is clamped (NeuroSim V3 RealDevice::Write)");
  registry.add({"neurosim_nonlinear",
                "NeuroSim exponential LTP/LTD curves set by nonlinearity labels (Chen et al. "
                "TCAD 2018)",
                std::move(params), make_neurosim});
}

}  // namespace cimsim::devices
