#include "sim/cost/circuits.hpp"

#include <algorithm>
#include <cmath>

namespace cimsim::sim::cost {
namespace {

// NAND2_X1 of the NanGate 45 nm library: 0.798 um^2 = 394 F^2 at F = 45 nm.
constexpr double kGeAreaF2 = 394;
// Minimum NMOS width 2 F, PMOS twice as wide for equal drive (modelling choice, CACTI-like).
constexpr double kMinNmosWidthF = 2;
constexpr double kPmosToNmos = 2;
// ln 2: 50 % delay of an RC step response.
constexpr double kLn2 = 0.69;

double log2_at_least_1(double x) { return std::max(1.0, std::ceil(std::log2(std::max(x, 1.0)))); }

}  // namespace

Wire make_wire(double length_um, double res_ohm_per_um, double cap_f_per_um) {
  return {length_um, length_um * res_ohm_per_um, length_um * cap_f_per_um};
}

GateModel gate_model(const Technology& t) {
  GateModel g;
  const double f_um = t.feature_size_um();
  const double wn_um = kMinNmosWidthF * f_um;
  g.ge_area_um2 = kGeAreaF2 * f_um * f_um;
  g.inverter_cap_f = t.gate_cap_f_per_um * wn_um * (1 + kPmosToNmos);
  // Load of a fan-out-of-4 gate: four inverter inputs plus its own drain (about one more).
  const double load_f = 5 * g.inverter_cap_f;
  // A 0->1 transition draws C V^2 from the supply; averaged over both edges: 0.5 C V^2.
  g.ge_energy_j = 0.5 * load_f * t.vdd_v * t.vdd_v;
  g.fo4_delay_s = kLn2 * t.nmos_resistance_ohm(wn_um) * load_f;
  // On average one minimum NMOS-width path is off and leaking per gate.
  g.ge_leakage_w = t.ioff_a_per_um * wn_um * t.vdd_v;
  return g;
}

CircuitCost logic_block(const GateModel& g, double ge, double logic_depth) {
  return {ge * g.ge_area_um2, kActivity * ge * g.ge_energy_j, logic_depth * g.fo4_delay_s,
          ge * g.ge_leakage_w};
}

CircuitCost adder(const GateModel& g, double bits) {
  // Ripple carry: two gate delays per bit.
  return logic_block(g, kFullAdderGe * bits, 2 * bits);
}

CircuitCost accumulator(const GateModel& g, double bits) {
  CircuitCost c = adder(g, bits);
  const CircuitCost reg = logic_block(g, kFlipFlopGe * bits, 2);
  c.area_um2 += reg.area_um2;
  c.energy_j += reg.energy_j;
  c.latency_s += reg.latency_s;
  c.leakage_w += reg.leakage_w;
  return c;
}

CircuitCost multiplier(const GateModel& g, double a_bits, double b_bits) {
  const double partial_products = a_bits * b_bits;
  return logic_block(g, partial_products * (kFullAdderGe + 1), 2 * (a_bits + b_bits));
}

CircuitCost comparator(const Technology& t, const GateModel& g) {
  const double width_um = 4 * kMinNmosWidthF * t.feature_size_um();
  const double cap_f = 11 * width_um * t.gate_cap_f_per_um;
  // Area ~ 11 transistors at 4x width ~ 11 GE; both latch nodes swing fully every decision.
  return {11 * g.ge_area_um2, cap_f * t.vdd_v * t.vdd_v, 4 * g.fo4_delay_s, 11 * g.ge_leakage_w};
}

CircuitCost adc(const Technology& t, const GateModel& g, AdcKind kind, int bits, double clock_hz) {
  const CircuitCost comp = comparator(t, g);
  const double levels = std::pow(2.0, bits);
  CircuitCost c;
  switch (kind) {
    case AdcKind::kSar: {
      // Capacitive DAC: 2^bits unit caps; a conversion moves about C_total V^2 / 2.
      const double cdac_f = levels * kUnitCapF;
      const CircuitCost logic = logic_block(g, bits * (kFlipFlopGe + 3), 2);  // SAR register
      c.area_um2 = comp.area_um2 + logic.area_um2 + cdac_f / kCapDensityFPerUm2;
      c.energy_j = bits * comp.energy_j + logic.energy_j * bits + 0.5 * cdac_f * t.vdd_v * t.vdd_v;
      c.latency_s = bits * std::max(1.0 / clock_hz, comp.latency_s);
      c.leakage_w = comp.leakage_w + logic.leakage_w;
      break;
    }
    case AdcKind::kFlash:
    case AdcKind::kSenseAmp: {
      const double units = levels - 1;
      // Sense amplifiers are current-mode latches of about half a comparator (NeuroSim MLSA).
      const double share = kind == AdcKind::kFlash ? 1.0 : 0.5;
      const CircuitCost encoder = logic_block(g, units, log2_at_least_1(units));
      c.area_um2 = units * share * comp.area_um2 + encoder.area_um2;
      c.energy_j = units * share * comp.energy_j + encoder.energy_j;
      c.latency_s = comp.latency_s + encoder.latency_s;
      c.leakage_w = units * share * comp.leakage_w + encoder.leakage_w;
      break;
    }
  }
  return c;
}

CircuitCost integrate_fire(const Technology& t, const GateModel& g, int bits, double clock_hz,
                           double c_in_f, double v_read, double i_max_a, bool scale_to_node) {
  constexpr double kThresholdOfReadVoltage = 0.2;
  constexpr double kBodyHeightF = 28;
  constexpr double kBodyWidthF = 20 * (1 + 2.8);
  constexpr double kSpiceEnergyJ = 1.346e-12;  // at 65 nm, VDD 1.1 V (the node table's)
  constexpr double kSpiceNodeNm = 65;
  constexpr double kSpiceVddV = 1.1;
  const double f_um = t.feature_size_um();
  const double body_ge = kBodyHeightF * kBodyWidthF * f_um * f_um / g.ge_area_um2;
  const double counter_ge = bits * kFlipFlopGe;
  const double t_int_s = c_in_f * kThresholdOfReadVoltage * v_read / i_max_a * std::pow(2.0, bits);
  const double scale =
      scale_to_node ? t.node_nm / kSpiceNodeNm * (t.vdd_v * t.vdd_v) / (kSpiceVddV * kSpiceVddV)
                    : 1.0;
  return {(body_ge + counter_ge) * g.ge_area_um2, kSpiceEnergyJ * scale, t_int_s + 1.0 / clock_hz,
          (body_ge + counter_ge) * g.ge_leakage_w};
}

CircuitCost input_dac(const GateModel& g, int bits, double v_read, double clock_hz) {
  const double cap_f = std::pow(2.0, bits) * kUnitCapF;
  const CircuitCost sw = logic_block(g, 2.0 * bits, 2);
  return {cap_f / kCapDensityFPerUm2 + sw.area_um2, 0.5 * cap_f * v_read * v_read + sw.energy_j,
          1.0 / clock_hz, sw.leakage_w};
}

CircuitCost bit_serial_driver(const GateModel& g, int bits, double clock_hz) {
  const CircuitCost reg = logic_block(g, bits * kFlipFlopGe + 2, 2);
  // One shift per bit cycle: the register toggles, not all of it is read out.
  return {reg.area_um2, reg.energy_j, 1.0 / clock_hz, reg.leakage_w};
}

CircuitCost row_decoder_driver(const Technology& t, const GateModel& g, double rows,
                               const Wire& load, double drive_v) {
  const double address_bits = log2_at_least_1(rows);
  // Per row: a NAND of the predecoded address (~address_bits / 2 GE) and a 3-GE driver.
  const double ge_per_row = address_bits / 2 + 3;
  CircuitCost c = logic_block(g, rows * ge_per_row, address_bits);
  // A row activation toggles one decoder path and charges the line through a driver of 8x
  // minimum width (modelling choice), then the line's own RC.
  constexpr double kDriverWidthMultiple = 8;
  const double driver_ohm =
      t.nmos_resistance_ohm(kDriverWidthMultiple * kMinNmosWidthF * t.feature_size_um());
  c.energy_j = kActivity * address_bits * g.ge_energy_j + load.capacitance_f * drive_v * drive_v;
  c.latency_s =
      address_bits * g.fo4_delay_s + kLn2 * driver_ohm * load.capacitance_f + load.delay_s();
  return c;
}

CircuitCost column_mux(const GateModel& g, double ways) {
  // Transmission gate ~ 1 GE per column; a shared decoder of log2(ways) bits per group.
  const double select_bits = log2_at_least_1(ways);
  return {g.ge_area_um2 * (1 + select_bits / ways), kActivity * g.ge_energy_j,
          select_bits * g.fo4_delay_s, g.ge_leakage_w};
}

SramBuffer sram_buffer(const Technology& t, const GateModel& g, double bits, double clock_hz) {
  const double f_um = t.feature_size_um();
  constexpr double kBankRows = 128, kBankCols = 128;
  constexpr double kCellWidthF = 28, kCellHeightF = 10;  // NeuroSim SRAM cell
  const double banks = std::max(1.0, std::ceil(bits / (kBankRows * kBankCols)));
  const double cell_area_um2 = kCellWidthF * kCellHeightF * f_um * f_um;
  const CircuitCost comp = comparator(t, g);
  // Per bank: a sense amplifier and a 2-GE write driver per column, a decoder-driver per row.
  const double periphery_um2 =
      kBankCols * (comp.area_um2 + 2 * g.ge_area_um2) + kBankRows * 5 * g.ge_area_um2;
  // Bitline: 128 cells of wire plus the drain of a minimum access transistor each.
  const double bitline_f = kBankRows * (kCellHeightF * f_um * t.wire_cap_f_per_um +
                                        kMinNmosWidthF * f_um * t.gate_cap_f_per_um);
  // Reads swing the bitline by the 0.1 V a sense amplifier needs (NeuroSim minSenseVoltage);
  // writes swing it fully.
  constexpr double kSenseSwingV = 0.1;
  SramBuffer b;
  b.read.area_um2 = bits * cell_area_um2 + banks * periphery_um2;
  b.read.energy_j = bitline_f * t.vdd_v * kSenseSwingV + comp.energy_j;
  b.read.latency_s = 1.0 / clock_hz;
  // Cell leakage: two off transistors of minimum width per 6T cell.
  b.read.leakage_w =
      bits * 2 * t.ioff_a_per_um * kMinNmosWidthF * f_um * t.vdd_v +
      banks * (kBankCols * (comp.leakage_w + 2 * g.ge_leakage_w) + kBankRows * 5 * g.ge_leakage_w);
  b.write_energy_j = bitline_f * t.vdd_v * t.vdd_v;
  return b;
}

CircuitCost repeated_wire_bit(const Technology& t, const GateModel& g, double length_um) {
  const double r = t.wire_res_ohm_per_um;
  const double c = t.wire_cap_f_per_um;
  const double r0c0 = g.fo4_delay_s / 5;
  return {0, c * length_um * t.vdd_v * t.vdd_v, 2 * std::sqrt(r0c0 * r * c) * length_um, 0};
}

CircuitCost write_driver(const GateModel& g, const Wire& line, double write_v) {
  constexpr double kLevelShifterGe = 8;
  const CircuitCost shifter = logic_block(g, kLevelShifterGe, 3);
  return {shifter.area_um2, shifter.energy_j + line.capacitance_f * write_v * write_v,
          shifter.latency_s + line.delay_s(), shifter.leakage_w};
}

}  // namespace cimsim::sim::cost
