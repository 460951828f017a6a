#include "devices/device_model.hpp"

#include <limits>
#include <stdexcept>
#include <string>

namespace cimsim::devices {
namespace {

std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

void check_shape(const CellBlock& block, Eigen::Index rows, Eigen::Index cols, const char* what) {
  if (rows != block.rows() || cols != block.cols()) {
    throw std::invalid_argument(std::string(what) + ": array is " + shape_text(rows, cols) +
                                ", block is " + shape_text(block.rows(), block.cols()));
  }
}

// The node to blame for a cross-key constraint: the key itself when the user gave it.
core::ConfigNode blame(const core::ConfigNode& node, const std::string& key) {
  if (auto child = node.find(key)) return *child;
  return node;
}

}  // namespace

core::ParamTable common_device_params(const CommonParamOptions& options) {
  core::ParamTable t;
  if (options.conductance_range) {
    // Defaults: NeuroSim MLP's ideal device, 100 nS .. 5 uS (Chen et al., IEEE TCAD 2018).
    t.real("g_min_siemens", 100e-9, "S", core::Range::float_at_least(0),
           "lowest conductance (RESET / fully depressed state)");
    t.real("g_max_siemens", 5e-6, "S", core::Range::float_above(0),
           "highest conductance (SET / fully potentiated state)");
  }
  if (options.analog_noise) {
    t.real("read_noise_std", 0.0, "", core::Range::float_at_least(0),
           "read noise: a read returns g (1 + read_noise_std N(0,1))");
    t.real("program_noise_std", 0.0, "", core::Range::float_at_least(0),
           "write-verify residual sd as a fraction of g_max - g_min");
  }
  // Electrical defaults: NeuroSim MLP RealDevice (2 V, 80 ns write; 0.5 V read).
  t.real("write_voltage_ltp_v", 2.0, "V", core::Range::at_least(0), "potentiation pulse amplitude");
  t.real("write_voltage_ltd_v", 2.0, "V", core::Range::at_least(0), "depression pulse amplitude");
  t.real("pulse_width_s", 80e-9, "s", core::Range::above(0), "programming pulse width");
  t.real("read_voltage_v", 0.5, "V", core::Range::at_least(0), "read voltage across a cell");
  t.real("pulse_energy_j", 0.0, "J", core::Range::at_least(0),
         "energy per pulse on top of the cell's own V^2 G t (e.g. an SRAM write)");
  t.real("stuck_at_g_min_fraction", 0.0, "", core::Range::between(0, 1),
         "fraction of cells stuck at g_min");
  t.real("stuck_at_g_max_fraction", 0.0, "", core::Range::between(0, 1),
         "fraction of cells stuck at g_max");
  t.real("dead_fraction", 0.0, "", core::Range::between(0, 1),
         "fraction of open (dead) cells: conductance 0, never change");
  // The count is compared with CellBlock::wear, an int per cell.
  t.integer("endurance_pulses", 0, core::Range::between(0, std::numeric_limits<int>::max()),
            "pulses after which a cell stops responding; 0 = unlimited");
  return t;
}

CommonParams read_common_params(const core::ConfigNode& node, const core::ParamValues& values,
                                const CommonParamOptions& options) {
  CommonParams c;
  if (options.conductance_range) {
    c.g_min_siemens = values.real("g_min_siemens");
    c.g_max_siemens = values.real("g_max_siemens");
    if (c.g_min_siemens >= c.g_max_siemens) {
      blame(node, "g_min_siemens")
          .fail("a conductance below g_max_siemens (" + core::to_text(c.g_max_siemens) + " S)");
    }
  }
  if (options.analog_noise) {
    c.read_noise_std = values.real("read_noise_std");
    c.program_noise_std = values.real("program_noise_std");
  }
  c.electrical.write_voltage_ltp_v = values.real("write_voltage_ltp_v");
  c.electrical.write_voltage_ltd_v = values.real("write_voltage_ltd_v");
  c.electrical.pulse_width_s = values.real("pulse_width_s");
  c.electrical.read_voltage_v = values.real("read_voltage_v");
  c.electrical.pulse_energy_j = values.real("pulse_energy_j");
  c.stuck_at_g_min_fraction = values.real("stuck_at_g_min_fraction");
  c.stuck_at_g_max_fraction = values.real("stuck_at_g_max_fraction");
  c.dead_fraction = values.real("dead_fraction");
  c.endurance_pulses = values.integer("endurance_pulses");
  if (c.stuck_at_g_min_fraction + c.stuck_at_g_max_fraction + c.dead_fraction > 1.0) {
    blame(node, "dead_fraction")
        .fail_message(
            "stuck_at_g_min_fraction + stuck_at_g_max_fraction + dead_fraction must "
            "not exceed 1");
  }
  return c;
}

DeviceModel::DeviceModel(DeviceInfo info, CommonParams common, YAML::Node resolved)
    : info_(std::move(info)), common_(common), resolved_(std::move(resolved)) {
  info_.electrical = common_.electrical;
}

void DeviceModel::draw_normals(CellBlock& block, core::Rng& rng) {
  block.scratch.resize(block.rows(), block.cols());
  rng.fill_normal(block.scratch, 0.0f, 1.0f);
}

CellBlock DeviceModel::make_block(Eigen::Index rows, Eigen::Index cols, core::Rng& rng) const {
  if (rows < 1 || cols < 1) {
    throw std::invalid_argument("make_block: shape must be positive, got " +
                                shape_text(rows, cols));
  }
  CellBlock block;
  block.g.resize(rows, cols);
  block.g_lo.resize(rows, cols);
  block.g_hi.resize(rows, cols);
  init_cells(block, rng);
  place_faults(block, rng);
  if (common_.endurance_pulses > 0) block.wear = Eigen::ArrayXXi::Zero(rows, cols);
  return block;
}

void DeviceModel::place_faults(CellBlock& block, core::Rng& rng) const {
  const double f_min = common_.stuck_at_g_min_fraction;
  const double f_max = common_.stuck_at_g_max_fraction;
  const double f_dead = common_.dead_fraction;
  if (f_min + f_max + f_dead <= 0) return;
  const auto g_min = static_cast<float>(info_.g_min_siemens);
  const auto g_max = static_cast<float>(info_.g_max_siemens);
  for (Eigen::Index i = 0; i < block.g.size(); ++i) {
    const double u = rng.uniform();
    float value = 0;
    if (u < f_min) {
      value = g_min;
    } else if (u < f_min + f_max) {
      value = g_max;
    } else if (u < f_min + f_max + f_dead) {
      value = 0.0f;
    } else {
      continue;
    }
    block.g(i) = block.g_lo(i) = block.g_hi(i) = value;
    if (block.hidden.size() > 0) block.hidden(i) = value;
    if (block.g_written.size() > 0) block.g_written(i) = value;
    if (block.drift_nu.size() > 0) block.drift_nu(i) = 0.0f;
  }
}

void DeviceModel::apply_pulses(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                               core::Rng& rng) const {
  check_shape(block, pulses.rows(), pulses.cols(), "apply_pulses");
  pulse_cells(block, pulses, rng);
  if (common_.endurance_pulses > 0) {
    block.wear += pulses.abs();
    const auto worn = (block.wear >= common_.endurance_pulses);
    block.g_lo = worn.select(block.g, block.g_lo);
    block.g_hi = worn.select(block.g, block.g_hi);
    if (block.hidden.size() > 0) block.hidden = worn.select(block.g, block.hidden);
  }
}

void DeviceModel::program(CellBlock& block, const Eigen::Ref<const CellArray>& target_siemens,
                          core::Rng& rng) const {
  check_shape(block, target_siemens.rows(), target_siemens.cols(), "program");
  program_cells(block, target_siemens, rng);
}

void DeviceModel::read(const CellBlock& block, CellArray& out, core::Rng& rng) const {
  read_cells(block, out, rng);
}

void DeviceModel::drift(CellBlock& block, double elapsed_s) const {
  if (!(elapsed_s >= 0)) {
    throw std::invalid_argument("drift: elapsed time must be >= 0 s, got " +
                                std::to_string(elapsed_s));
  }
  drift_cells(block, elapsed_s);
}

void DeviceModel::program_cells(CellBlock& block, const Eigen::Ref<const CellArray>& target,
                                core::Rng& rng) const {
  const double sd = common_.program_noise_std * (info_.g_max_siemens - info_.g_min_siemens);
  if (sd > 0) {
    draw_normals(block, rng);
    block.g = (target + static_cast<float>(sd) * block.scratch).max(block.g_lo).min(block.g_hi);
  } else {
    block.g = target.max(block.g_lo).min(block.g_hi);
  }
}

void DeviceModel::read_cells(const CellBlock& block, CellArray& out, core::Rng& rng) const {
  if (common_.read_noise_std > 0) {
    out.resize(block.rows(), block.cols());
    rng.fill_normal(out, 0.0f, 1.0f);
    out = block.g * (1.0f + static_cast<float>(common_.read_noise_std) * out);
  } else {
    out = block.g;
  }
}

void DeviceModel::drift_cells(CellBlock& /*block*/, double /*elapsed_s*/) const {}

}  // namespace cimsim::devices
