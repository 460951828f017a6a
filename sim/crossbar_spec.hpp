// Numerics of crossbar tiles: how weights map onto conductances, which nonidealities of a read are
// simulated, and how an update becomes programming pulses (`hardware.crossbar`). The geometry and
// periphery precisions shared with the cost model are in tile_spec.hpp (`hardware.tile`).
#pragma once

#include <cstdint>

#include "sim/core/config.hpp"
#include "sim/core/params.hpp"

namespace cimsim::sim {

enum class AdcRangeMode {
  kMax,         // full scale = the largest sum the tile could produce (rows x full input x G range)
  kCalibrated,  // full scale = largest |sum| seen in the first calibration_reads reads, then fixed
  kFixed,       // full scale = adc_range_fraction x the largest possible sum
};
enum class IrDropMode { kNone, kClosedForm, kSolver };
enum class UpdateMode {
  kPulse,           // NeuroSim: dW quantized to a signed pulse count per cell (Chen et al. 2018)
  kStochastic,      // coincidence of stochastic row/column pulse trains (Gokmen & Vlasov 2016)
  kMixedPrecision,  // digital accumulator fires pulses past one device step (Nandakumar 2020)
};
enum class PairUpdate {
  kBoth,     // a differential pair moves both sides (G+ up, G- down for a positive change)
  kOneSide,  // potentiation only (G+ for positive, G- for negative changes), with refresh
};

struct CrossbarSpec {
  double weight_range = 1.0;  // |w| that maps onto the whole conductance range g_max - g_min
  bool quantize_inputs = true;
  bool adc = true;
  AdcRangeMode adc_range = AdcRangeMode::kCalibrated;
  double adc_range_fraction = 0.25;  // for kFixed
  std::int64_t calibration_reads = 16;
  bool read_noise = true;
  IrDropMode ir_drop = IrDropMode::kNone;
  double wire_resistance_ohm = 1.0;  // wire resistance of one cell pitch
  double solver_tolerance = 1e-6;    // relative, for kSolver
  std::int64_t solver_max_iterations = 2000;
  UpdateMode update = UpdateMode::kPulse;
  std::int64_t max_pulses = 16;      // per cell per update, either polarity
  bool stochastic_rounding = false;  // pulse update: round dW / step up with probability of the
                                     // remainder (unbiased) instead of to the nearest count
  PairUpdate pair_update = PairUpdate::kBoth;
  std::int64_t refresh_every = 0;    // one_side: check for saturated pairs every N updates (0: never)
  double refresh_threshold = 0.9;    // a side above g_min + threshold x (g_max - g_min) saturates
  std::int64_t bit_length = 31;      // stochastic pulse-train length
};

const core::ParamTable& crossbar_params();
// Builds the spec from values read through crossbar_params() (the `hardware.crossbar` map).
CrossbarSpec crossbar_spec_from_values(const core::ParamValues& values);

}  // namespace cimsim::sim
