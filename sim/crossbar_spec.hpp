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
  // MLP+NeuroSim V3.0 (Train.cpp / Test.cpp with Mapping.cpp's CurrentToDigits): the cell sum and
  // the reference column's sum are each truncated to whole steps of rows x (g_max - g_min) /
  // (2^adc_bits - 1) and subtracted; the count does not saturate. Reference mapping only.
  kNeuroSim,
};
// How a read's input vector is scaled before it is quantized to input_bits.
enum class InputScale {
  kSampleMax,  // by each sample's largest magnitude (a digital factor applied after the read)
  kUnit,       // against a fixed full scale of 1: a 1-bit input is 1 where the value is >= 0.5
          // (NeuroSim V3's fixed Hthreshold = 0.5 for the hidden layer, BWthreshold for pixels)
};
// Where BP's error passes back through a layer.
enum class BackwardMode {
  kAnalog,   // transposed reads of the same cells, quantized like any read
  kDigital,  // W^T delta in digital logic on the weights the cells hold (NeuroSim V3 computes its
             // hidden delta from weight2, the weights read back from the conductances)
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
  InputScale input_scale = InputScale::kSampleMax;
  double read_gain = 1.0;  // multiplies every analog read's result
  BackwardMode backward = BackwardMode::kAnalog;
  // set_weights on the reference mapping: false: g = g_ref + w (g_max - g_min) / 2; true:
  // NeuroSim V3's ideal write (Array.cpp WriteCell, regular = false), g = (w + 1) / 2 x
  // (g_max - g_min) without the g_min offset, clipped to [g_min, g_max]: initial weights read
  // back 2 g_min / (g_max - g_min) lower.
  bool neurosim_initial_conductance = false;
  bool read_noise = true;
  IrDropMode ir_drop = IrDropMode::kNone;
  double wire_resistance_ohm = 1.0;  // wire resistance of one cell pitch
  // In series with every cell in every read (a 1T1R access transistor; NeuroSim V3 Array.cpp
  // ReadCell adds resistanceAccess = 15 kOhm): a cell conducts G / (1 + G R). The reference
  // column, the range of adc_range: neurosim and the scale of a read follow NeuroSim's
  // GetMax/Min/MediumCellReadCurrent, which see the same resistor. 0: none.
  double access_resistance_ohm = 0.0;
  double solver_tolerance = 1e-6;  // relative, for kSolver
  std::int64_t solver_max_iterations = 2000;
  UpdateMode update = UpdateMode::kPulse;
  std::int64_t max_pulses = 16;  // per cell per update, either polarity
  // pulse update: the weight change one pulse stands for. false: the device's first potentiation
  // step at g_min (dw_min); true: the nominal step, the range over the branch's levels, LTP and
  // LTD apart (NeuroSim V3 RealDevice::Write: numPulse = dW / (w_max - w_min) x maxNumLevel).
  bool nominal_pulse_step = false;
  bool stochastic_rounding = false;  // pulse update: round dW / step up with probability of the
                                     // remainder (unbiased) instead of to the nearest count
  PairUpdate pair_update = PairUpdate::kBoth;
  std::int64_t refresh_every = 0;  // one_side: check for saturated pairs every N updates (0: never)
  double refresh_threshold = 0.9;  // a side above g_min + threshold x (g_max - g_min) saturates
  std::int64_t bit_length = 31;    // stochastic pulse-train length
};

const core::ParamTable& crossbar_params();
// Builds the spec from values read through crossbar_params() (the `hardware.crossbar` map).
CrossbarSpec crossbar_spec_from_values(const core::ParamValues& values);

}  // namespace cimsim::sim
