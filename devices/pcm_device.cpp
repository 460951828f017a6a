#include "devices/pcm_device.hpp"

#include <cmath>

#include "devices/array_kernels.hpp"

namespace cimsim::devices {
namespace {

struct PcmParams {
  double set_step_fraction, set_saturation, set_step_dtod, set_step_std, g_max_dtod;
  double prog_c0, prog_c1, prog_c2;
  double drift_nu_mean, drift_nu_std, drift_t0_s;
  double read_1f_q, read_time_s;
};

class PcmDevice final : public DeviceModel {
 public:
  PcmDevice(DeviceInfo info, CommonParams common, YAML::Node resolved, PcmParams p)
      : DeviceModel(std::move(info), common, std::move(resolved)), p_(p) {}

 protected:
  void init_cells(CellBlock& block, core::Rng& rng) const override {
    const Eigen::Index rows = block.rows();
    const Eigen::Index cols = block.cols();
    const auto g_min = static_cast<float>(info().g_min_siemens);
    const auto range = static_cast<float>(info().g_max_siemens - info().g_min_siemens);
    block.g_lo.setConstant(g_min);
    block.g_hi = g_min + range * (1.0f + spread(rows, cols, p_.g_max_dtod, rng)).max(0.0f);
    block.g = block.g_lo;
    block.up = static_cast<float>(p_.set_step_fraction) * range *
               (1.0f + spread(rows, cols, p_.set_step_dtod, rng)).max(0.0f);
    block.up_shape =
        (-block.up * static_cast<float>(p_.set_saturation) / (block.g_hi - block.g_lo).max(1e-30f))
            .max(-0.99f);
    avoid_zero_slope(block.up_shape);
    block.drift_nu =
        (static_cast<float>(p_.drift_nu_mean) + spread(rows, cols, p_.drift_nu_std, rng)).max(0.0f);
    block.g_written = block.g;
    block.age_s = CellArray::Zero(rows, cols);
  }

  void pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                   core::Rng& rng) const override {
    const CellArray n = pulses.cast<float>().max(0.0f);
    CellArray delta = linear_recurrence_delta(block.g - block.g_lo, block.up_shape, block.up, n);
    if (p_.set_step_std > 0) {
      draw_normals(block, rng);
      delta +=
          static_cast<float>(p_.set_step_std) * delta.abs() / n.max(1.0f).sqrt() * block.scratch;
    }
    // delta is exactly 0 without SET pulses; RESET (n < 0) returns the cell to g_lo.
    const CellArray set = (block.g + delta).max(block.g_lo).min(block.g_hi);
    block.g = (pulses < 0).select(block.g_lo, set);
    block.g_written = (pulses == 0).select(block.g_written, block.g);
    block.age_s = (pulses == 0).select(block.age_s, 0.0f);
  }

  void program_cells(CellBlock& block, const Eigen::Ref<const CellArray>& target,
                     core::Rng& rng) const override {
    const auto g_max = static_cast<float>(info().g_max_siemens);
    const auto white = static_cast<float>(common().program_noise_std *
                                          (info().g_max_siemens - info().g_min_siemens));
    const CellArray x = target / g_max;
    const CellArray poly =
        (g_max * (static_cast<float>(p_.prog_c0) +
                  x * (static_cast<float>(p_.prog_c1) + x * static_cast<float>(p_.prog_c2))))
            .max(0.0f);
    draw_normals(block, rng);
    const CellArray sd = (poly.square() + white * white).sqrt();
    block.g = (target + sd * block.scratch).max(block.g_lo).min(block.g_hi);
    block.g_written = block.g;
    block.age_s.setZero();
  }

  void read_cells(const CellBlock& block, CellArray& out, core::Rng& rng) const override {
    const auto white = static_cast<float>(common().read_noise_std);
    if (p_.read_1f_q <= 0 && white <= 0) {
      out = block.g;
      return;
    }
    const auto t0 = static_cast<float>(p_.drift_t0_s);
    const auto t_read = static_cast<float>(p_.read_time_s);
    const CellArray x = (block.g / static_cast<float>(info().g_max_siemens)).max(1e-3f);
    const CellArray q = (static_cast<float>(p_.read_1f_q) / x.pow(0.65f)).min(0.2f);
    const CellArray flicker = q * ((t0 + block.age_s + t_read) / (2.0f * t_read)).log().sqrt();
    const CellArray relative = (flicker.square() + white * white).sqrt();
    out.resize(block.rows(), block.cols());
    rng.fill_normal(out, 0.0f, 1.0f);
    out = block.g * (1.0f + relative * out);
  }

  void drift_cells(CellBlock& block, double elapsed_s) const override {
    block.age_s += static_cast<float>(elapsed_s);
    const auto t0 = static_cast<float>(p_.drift_t0_s);
    block.g = (block.g_written * (-block.drift_nu * ((t0 + block.age_s) / t0).log()).exp())
                  .max(block.g_lo)
                  .min(block.g_hi);
  }

 private:
  static CellArray spread(Eigen::Index rows, Eigen::Index cols, double sd, core::Rng& rng) {
    CellArray out = CellArray::Zero(rows, cols);
    if (sd > 0) {
      rng.fill_normal(out, 0.0f, 1.0f);
      out *= static_cast<float>(sd);
    }
    return out;
  }

  PcmParams p_;
};

std::unique_ptr<DeviceModel> make_pcm(const core::ConfigNode& node, const core::ParamValues& v) {
  const CommonParams common = read_common_params(node, v);
  const PcmParams p{v.real("set_step_fraction"), v.real("set_saturation"), v.real("set_step_dtod"),
                    v.real("set_step_std"),      v.real("g_max_dtod"),     v.real("prog_noise_c0"),
                    v.real("prog_noise_c1"),     v.real("prog_noise_c2"),  v.real("drift_nu_mean"),
                    v.real("drift_nu_std"),      v.real("drift_t0_s"),     v.real("read_1f_q"),
                    v.real("read_time_s")};
  DeviceInfo info;
  info.type = "pcm";
  info.g_min_siemens = common.g_min_siemens;
  info.g_max_siemens = common.g_max_siemens;
  info.dw_min_siemens = p.set_step_fraction * (common.g_max_siemens - common.g_min_siemens);
  info.levels = std::llround(1.0 / p.set_step_fraction) + 1;
  info.potentiation_only = true;
  return std::make_unique<PcmDevice>(info, common, resolved_yaml("pcm", v), p);
}

}  // namespace

void register_pcm_device(DeviceRegistry& registry) {
  core::ParamTable t = common_device_params();
  t.real("set_step_fraction", 0.04, "", core::Range::between(0, 1),
         "first SET step from g_min, as a fraction of g_max - g_min");
  t.real("set_saturation", 1.0, "", core::Range::between(0, 1),
         "relative SET step decrease from g_min to the cell's maximum (1 = vanishes there)");
  t.real("set_step_dtod", 0.0, "", core::Range::float_at_least(0),
         "device-to-device sd of the SET step, relative");
  t.real("set_step_std", 0.0, "", core::Range::float_at_least(0),
         "cycle-to-cycle sd of each SET step, relative to the step");
  t.real("g_max_dtod", 0.0, "", core::Range::float_at_least(0),
         "device-to-device sd of the cell's maximum, relative to g_max - g_min");
  t.real("prog_noise_c0", 0.0, "", core::Range::float_any(),
         "programming noise sd polynomial c0 (fraction of g_max)");
  t.real("prog_noise_c1", 0.0, "", core::Range::float_any(), "programming noise polynomial c1");
  t.real("prog_noise_c2", 0.0, "", core::Range::float_any(), "programming noise polynomial c2");
  t.real("drift_nu_mean", 0.0, "", core::Range::float_at_least(0), "mean drift exponent nu");
  t.real("drift_nu_std", 0.0, "", core::Range::float_at_least(0), "device-to-device sd of nu");
  t.real("drift_t0_s", 20.0, "s", core::Range::float_above(0),
         "drift reference time t0 after programming");
  t.real("read_1f_q", 0.0, "", core::Range::float_at_least(0),
         "1/f read noise coefficient (Q at g = g_max)");
  t.real("read_time_s", 250e-9, "s", core::Range::float_above(0),
         "read duration t_read of the 1/f fit");
  registry.add({"pcm",
                "phase-change cell: saturating stochastic SET, abrupt RESET, drift, 1/f read noise",
                std::move(t), make_pcm});
}

}  // namespace cimsim::devices
