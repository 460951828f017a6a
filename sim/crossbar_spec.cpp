#include "sim/crossbar_spec.hpp"

namespace cimsim::sim {

using core::Range;

const core::ParamTable& crossbar_params() {
  static const core::ParamTable table = [] {
    // The numeric and on/off defaults are the struct's; a choice states its default by name.
    const CrossbarSpec d;
    core::ParamTable t;
    t.real("weight_range", d.weight_range, "", Range::float_above(0),
           "|w| mapped onto the whole conductance range")
        .flag("quantize_inputs", d.quantize_inputs,
              "inputs through the DAC / bit-serial driver of input_bits")
        .flag("adc", d.adc, "column outputs through an ADC of adc_bits")
        .choice("adc_range", std::string("calibrated"), {"max", "calibrated", "fixed", "neurosim"},
                "ADC full scale: largest possible sum, calibrated on the first reads, a fixed "
                "fraction, or "
                "NeuroSim V3's fixed range (rows x G range over 2^bits - 1 steps, cell and "
                "reference sums truncated)")
        .real("adc_range_fraction", d.adc_range_fraction, "", Range{0.0, 1.0, true, false},
              "adc_range fixed: full scale as a fraction of the largest possible sum")
        .integer("calibration_reads", d.calibration_reads, Range::at_least(1),
                 "adc_range calibrated: reads observed")
        .choice(
            "input_scale", std::string("sample_max"), {"sample_max", "unit"},
            "inputs quantized against each sample's largest magnitude, or against 1 (NeuroSim V3: "
            "1-bit inputs are 1 where the value is >= 0.5)")
        // NeuroSim V3's Mapping.cpp DigitsToAlgorithm maps a difference current of rows x
        // (G_max - G_min) to rows, i.e. a cell at G_max against the mid-range reference reads as
        // weight 0.5: its hardware forward computes 0.5 W x. read_gain: 0.5 reproduces it.
        .real("read_gain", d.read_gain, "", Range::float_above(0),
              "multiplies every analog read's result (0.5: NeuroSim V3's partial-sum mapping)")
        .choice("initial_conductance", std::string("exact"), {"exact", "neurosim"},
                "reference mapping: initial weights programmed exactly, or as NeuroSim V3's ideal "
                "write "
                "(w + 1) / 2 x (g_max - g_min) without the g_min offset")
        .choice("backward", std::string("analog"), {"analog", "digital"},
                "BP's W^T delta: transposed analog reads, or digital on the weights the cells hold "
                "(NeuroSim V3)")
        .flag("read_noise", d.read_noise, "add the device's read noise to every analog sum")
        .choice("ir_drop", std::string("none"), {"none", "closed_form", "solver"},
                "wire resistance: off, first-order series model, or full mesh solve (slow)")
        .real("wire_resistance_ohm", d.wire_resistance_ohm, "ohm", Range::float_at_least(0),
              "wire resistance per cell pitch")
        .real("access_resistance_ohm", d.access_resistance_ohm, "ohm", Range::float_at_least(0),
              "in series with every cell in reads (NeuroSim V3 1T1R: 15e3); 0: none")
        .real("solver_tolerance", d.solver_tolerance, "", Range::above(0),
              "ir_drop solver: relative voltage tolerance")
        .integer("solver_max_iterations", d.solver_max_iterations, Range::at_least(1),
                 "ir_drop solver: iteration limit")
        .choice(
            "update", std::string("pulse"), {"pulse", "stochastic", "mixed_precision"},
            "how dW becomes pulses: quantized counts, stochastic trains, or digital accumulation")
        .integer("max_pulses", d.max_pulses, Range::between(1, 1 << 20),
                 "pulses per cell per update, either polarity")
        .choice(
            "pulse_step", std::string("first_pulse"), {"first_pulse", "nominal"},
            "update: pulse: dW per pulse = the device's first LTP step at g_min, or the range over "
            "the levels of each branch (NeuroSim V3)")
        .choice("pulse_rounding", std::string("nearest"), {"nearest", "stochastic"},
                "update: pulse: dW / step to the nearest count (NeuroSim), or stochastically "
                "(unbiased)")
        .choice(
            "pair_update", std::string("both"), {"both", "one_side"},
            "differential pairs: move both sides, or potentiate one side only (PCM) with refresh")
        .integer("refresh_every", d.refresh_every, Range::at_least(0),
                 "one_side: refresh saturated pairs every N updates (0: never)")
        .real("refresh_threshold", d.refresh_threshold, "", Range{0.0, 1.0, true, true},
              "a side above g_min + threshold x range counts as saturated")
        .integer("bit_length", d.bit_length, Range::between(1, 4096),
                 "stochastic update: pulse-train length");
    return t;
  }();
  return table;
}

CrossbarSpec crossbar_spec_from_values(const core::ParamValues& v) {
  CrossbarSpec s;
  s.weight_range = v.real("weight_range");
  s.quantize_inputs = v.flag("quantize_inputs");
  s.adc = v.flag("adc");
  const std::string range = v.text("adc_range");
  s.adc_range = range == "max"        ? AdcRangeMode::kMax
                : range == "fixed"    ? AdcRangeMode::kFixed
                : range == "neurosim" ? AdcRangeMode::kNeuroSim
                                      : AdcRangeMode::kCalibrated;
  s.adc_range_fraction = v.real("adc_range_fraction");
  s.calibration_reads = v.integer("calibration_reads");
  s.input_scale = v.text("input_scale") == "unit" ? InputScale::kUnit : InputScale::kSampleMax;
  s.read_gain = v.real("read_gain");
  s.backward = v.text("backward") == "digital" ? BackwardMode::kDigital : BackwardMode::kAnalog;
  s.neurosim_initial_conductance = v.text("initial_conductance") == "neurosim";
  s.read_noise = v.flag("read_noise");
  const std::string ir = v.text("ir_drop");
  s.ir_drop = ir == "closed_form" ? IrDropMode::kClosedForm
              : ir == "solver"    ? IrDropMode::kSolver
                                  : IrDropMode::kNone;
  s.wire_resistance_ohm = v.real("wire_resistance_ohm");
  s.access_resistance_ohm = v.real("access_resistance_ohm");
  s.solver_tolerance = v.real("solver_tolerance");
  s.solver_max_iterations = v.integer("solver_max_iterations");
  const std::string update = v.text("update");
  s.update = update == "stochastic"        ? UpdateMode::kStochastic
             : update == "mixed_precision" ? UpdateMode::kMixedPrecision
                                           : UpdateMode::kPulse;
  s.max_pulses = v.integer("max_pulses");
  s.nominal_pulse_step = v.text("pulse_step") == "nominal";
  s.stochastic_rounding = v.text("pulse_rounding") == "stochastic";
  s.pair_update = v.text("pair_update") == "one_side" ? PairUpdate::kOneSide : PairUpdate::kBoth;
  s.refresh_every = v.integer("refresh_every");
  s.refresh_threshold = v.real("refresh_threshold");
  s.bit_length = v.integer("bit_length");
  return s;
}

}  // namespace cimsim::sim
