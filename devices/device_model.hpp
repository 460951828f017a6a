// The device-model interface: how a block of cells answers programming pulses, target writes,
// reads and the passage of time.
//
// A DeviceModel is an immutable object holding one device type's parameters (built from a
// config by make_device in device_factory.hpp). It never stores per-cell state: that lives in a
// CellBlock the caller owns, so one model serves every tile and every G+/G- array. All
// operations work on whole blocks with Eigen array expressions; there is no per-cell virtual
// call. Randomness comes only from the core::Rng the caller passes, so the same seed and the
// same call sequence give bit-identical blocks.
//
// Typical use by a tile:
//   auto model = devices::make_device(config_node);            // once
//   devices::CellBlock gp = model->make_block(128, 128, rng);  // d2d variation + faults, once
//   model->program(gp, targets_siemens, rng);                  // write-verify mapping
//   model->apply_pulses(gp, pulse_counts, rng);                // in-situ training update
//   model->read(gp, g_read, rng);                              // conductances seen by a read
//   model->drift(gp, 3600.0);                                  // retention (PCM-like models)
// and info() gives the nominal range, levels, step size and electrical programming parameters
// that the weight mapping and the cost model need.
#pragma once

#include <yaml-cpp/yaml.h>

#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "devices/cell_block.hpp"
#include "sim/core/config.hpp"
#include "sim/core/params.hpp"
#include "sim/core/rng.hpp"

namespace cimsim::devices {

// Programming and read conditions the cost model prices a pulse and a read with.
struct ElectricalParams {
  double write_voltage_ltp_v = 0;  // amplitude of a potentiation (SET) pulse (V)
  double write_voltage_ltd_v = 0;  // amplitude of a depression (RESET) pulse (V)
  double pulse_width_s = 0;        // width of one programming pulse (s)
  double read_voltage_v = 0;       // read voltage across a cell (V)
  double pulse_energy_j = 0;       // energy per pulse beyond V^2 G t of the cell (J), e.g. SRAM
};

// Nominal (variation-free) description of a device type.
struct DeviceInfo {
  std::string type;                // registry name, e.g. "neurosim_nonlinear"
  double g_min_siemens = 0;        // nominal lowest conductance (S)
  double g_max_siemens = 0;        // nominal highest conductance (S)
  std::int64_t levels = 0;         // distinct conductance states from g_min to g_max; 0: continuous
  std::int64_t levels_ltd = 0;     // states on the depression branch where it differs; 0: levels
  double dw_min_siemens = 0;       // mean conductance change of one potentiation pulse at g_min (S)
  bool potentiation_only = false;  // true: any depression pulse count is one abrupt RESET (PCM)
  ElectricalParams electrical;
};

// Parameters shared by every model (see common_device_params for keys, units and ranges).
struct CommonParams {
  double g_min_siemens = 0;
  double g_max_siemens = 0;
  double read_noise_std = 0;     // relative: a read returns g (1 + read_noise_std xi)
  double program_noise_std = 0;  // write-verify residual, as a fraction of g_max - g_min
  ElectricalParams electrical;
  double stuck_at_g_min_fraction = 0;
  double stuck_at_g_max_fraction = 0;
  double dead_fraction = 0;           // open cells: conductance 0, never change
  std::int64_t endurance_pulses = 0;  // a cell freezes after this many pulses; 0: unlimited
};

// Which common parameter groups a model accepts.
struct CommonParamOptions {
  bool conductance_range = true;  // g_min_siemens / g_max_siemens (lookup reads them from its CSV)
  bool analog_noise = true;       // read_noise_std / program_noise_std (an SRAM cell is exact)
};

// Declares the common keys (conductance range, noise, electrical, faults) in a new table; each
// model appends its own keys to it.
core::ParamTable common_device_params(const CommonParamOptions& options = {});
// Reads the common keys from validated `values`; checks constraints that span keys (g_min below
// g_max, fault fractions summing to at most 1) and reports them at the offending key of `node`.
CommonParams read_common_params(const core::ConfigNode& node, const core::ParamValues& values,
                                const CommonParamOptions& options = {});

class DeviceModel {
 public:
  virtual ~DeviceModel() = default;
  DeviceModel(const DeviceModel&) = delete;
  DeviceModel& operator=(const DeviceModel&) = delete;

  const DeviceInfo& info() const { return info_; }
  const CommonParams& common() const { return common_; }
  // The fully resolved configuration (type and every parameter), for saving beside results.
  const YAML::Node& resolved_config() const { return resolved_; }

  // A fresh rows x cols block: per-cell (device-to-device) parameters drawn from `rng`, faults
  // placed, every healthy cell at its initial conductance (documented per model; g_lo for most).
  CellBlock make_block(Eigen::Index rows, Eigen::Index cols, core::Rng& rng) const;

  // Applies `pulses` (same shape as the block; > 0 potentiation, < 0 depression, 0 untouched)
  // with cycle-to-cycle noise; every cell ends within its own [g_lo, g_hi]. Cells with 0 pulses
  // keep their conductance bit for bit. Throws std::invalid_argument on a shape mismatch.
  void apply_pulses(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                    core::Rng& rng) const;

  // Write-verify programming to `target_siemens` (same shape): the cell lands at the target plus
  // the model's programming noise, clipped to its own bounds. Frozen cells do not change.
  void program(CellBlock& block, const Eigen::Ref<const CellArray>& target_siemens,
               core::Rng& rng) const;

  // Conductances a read sees (read noise included) into `out` (resized to the block's shape).
  void read(const CellBlock& block, CellArray& out, core::Rng& rng) const;

  // Advances the block's time by `elapsed_s` seconds (>= 0): conductance drift and the growth
  // of 1/f noise for models that have them; a no-op for the others.
  void drift(CellBlock& block, double elapsed_s) const;

 protected:
  DeviceModel(DeviceInfo info, CommonParams common, YAML::Node resolved);

  // Sets g, g_lo, g_hi and the model's per-cell arrays of a block already sized rows x cols.
  virtual void init_cells(CellBlock& block, core::Rng& rng) const = 0;
  // Applies non-zero pulse counts; must leave cells with 0 pulses untouched and clip to bounds.
  virtual void pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                           core::Rng& rng) const = 0;
  // Default: target + N(0, program_noise_std (g_max - g_min)), clipped to [g_lo, g_hi].
  virtual void program_cells(CellBlock& block, const Eigen::Ref<const CellArray>& target,
                             core::Rng& rng) const;
  // Default: g (1 + read_noise_std xi) (NeuroSim MLP convention, Chen et al. TCAD 2018).
  virtual void read_cells(const CellBlock& block, CellArray& out, core::Rng& rng) const;
  // Default: nothing drifts.
  virtual void drift_cells(CellBlock& block, double elapsed_s) const;

  // Fills block.scratch (resized to the block) with N(0, 1) samples.
  static void draw_normals(CellBlock& block, core::Rng& rng);

 private:
  void place_faults(CellBlock& block, core::Rng& rng) const;

  DeviceInfo info_;
  CommonParams common_;
  YAML::Node resolved_;
};

}  // namespace cimsim::devices
