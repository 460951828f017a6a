// Circuit models of the CIM periphery: area (um^2), energy per operation (J), latency per
// operation (s) and leakage (W) of each block, as functions of its parameters and the node.
//
// Digital logic is costed in NAND2 gate equivalents (GE) of a standard-cell library; analog
// blocks from their capacitances and currents. Every constant cites its source; where a value
// is a modelling choice (not a measurement) the comment says so.
#pragma once

#include "sim/cost/technology.hpp"

namespace cimsim::sim::cost {

struct CircuitCost {
  double area_um2 = 0;
  double energy_j = 0;   // per operation
  double latency_s = 0;  // per operation
  double leakage_w = 0;  // static power
};

// Distributed RC line. Elmore delay of a distributed line: 0.38 R C (Rabaey, Chandrakasan,
// Nikolic, "Digital Integrated Circuits", 2nd ed., sec. 4.4).
struct Wire {
  double length_um = 0;
  double resistance_ohm = 0;
  double capacitance_f = 0;
  double delay_s() const { return 0.38 * resistance_ohm * capacitance_f; }
};
Wire make_wire(double length_um, double res_ohm_per_um, double cap_f_per_um);

// Primitive gate figures of a node.
struct GateModel {
  double ge_area_um2 = 0;     // one NAND2 gate equivalent
  double inverter_cap_f = 0;  // input capacitance of a unit inverter
  double ge_energy_j = 0;     // energy of one GE output transition (fan-out-of-4 load)
  double fo4_delay_s = 0;     // fan-out-of-4 inverter delay
  double ge_leakage_w = 0;    // static power of one GE
};
GateModel gate_model(const Technology& tech);

// Gate-equivalent counts of standard cells (NanGate 45 nm Open Cell Library, area ratio to
// NAND2_X1 = 0.798 um^2: FA_X1 4.256 um^2, DFF_X1 4.522 um^2).
inline constexpr double kFullAdderGe = 5.3;
inline constexpr double kFlipFlopGe = 5.7;
// Fraction of gates toggling per operation of a datapath block (the usual activity 0.5 of
// random data; Rabaey et al., sec. 5.5).
inline constexpr double kActivity = 0.5;

// A block of `ge` gate equivalents doing one operation in `logic_depth` FO4 delays.
CircuitCost logic_block(const GateModel& g, double ge, double logic_depth);
// Ripple-carry adder of `bits` bits.
CircuitCost adder(const GateModel& g, double bits);
// Adder plus a `bits`-wide register: shift-and-add or accumulator.
CircuitCost accumulator(const GateModel& g, double bits);
// Array multiplier a x b bits (a*b AND gates and full adders).
CircuitCost multiplier(const GateModel& g, double a_bits, double b_bits);

// StrongARM latch comparator: 11 transistors at 4x minimum width for offset (Razavi, "The
// StrongARM latch", IEEE Solid-State Circuits Mag. 7(2), 2015); regeneration ~4 FO4.
CircuitCost comparator(const Technology& tech, const GateModel& g);

enum class AdcKind { kSar, kFlash, kSenseAmp };
// One conversion of `bits` bits. SAR: `bits` comparator decisions, one per clock, and a binary
// capacitive DAC of 2^bits unit capacitors (energy doubles per added bit, Walden's rule).
// Flash: 2^bits - 1 comparators and a thermometer encoder, one comparator delay. Sense amp:
// NeuroSim's multilevel current sense amplifier, 2^bits - 1 current-mode sense amplifiers (half
// a comparator each) in one cycle.
CircuitCost adc(const Technology& tech, const GateModel& g, AdcKind kind, int bits,
                double clock_hz);
// Integrate-and-fire read circuit, one per group of multiplexed columns (MLP+NeuroSim V3.0,
// NeuroSim/ReadCircuit.cpp, CMOS mode; NeuroSim.cpp NeuroSimSubArrayReadLatency). The sensed
// line's current charges the input capacitance `c_in_f` to V_th = 0.2 V_read
// (RATIO_READ_THRESHOLD_VS_VOLTAGE), each crossing fires, resets and increments a `bits`-bit
// counter; the circuit integrates for the 2^bits firings of the largest current `i_max_a`:
// t_int = C_in V_th / I_max 2^bits, then latches the count in one clock. Area: NeuroSim's layout
// of the integrator, 28 F high and 20 poly pitches of (1 + 2.8) F wide (MAX_TRANSISTOR_HEIGHT,
// POLY_WIDTH, MIN_GAP_BET_GATE_POLY), plus `bits` flip-flops of the counter. Energy per
// conversion: NeuroSim's SPICE figure, 1.346 pJ at 65 nm, scaled to the node as C V^2 (F VDD^2)
// when `scale_to_node`, else the 65 nm figure itself, as NeuroSim applies it at every node.
CircuitCost integrate_fire(const Technology& tech, const GateModel& g, int bits, double clock_hz,
                           double c_in_f, double v_read, double i_max_a, bool scale_to_node);
// Unit capacitor of capacitive DACs: 1 fF, near the matching limit of MOM capacitors
// (Murmann, ADC performance survey; a modelling choice), at a density of 2 fF/um^2.
inline constexpr double kUnitCapF = 1e-15;
inline constexpr double kCapDensityFPerUm2 = 2e-15;
// Capacitive input DAC of `bits` bits driving a row to `v_read` (one conversion).
CircuitCost input_dac(const GateModel& g, int bits, double v_read, double clock_hz);
// Bit-serial input driver: a `bits`-stage shift register and a row driver (one bit cycle).
CircuitCost bit_serial_driver(const GateModel& g, int bits, double clock_hz);

// Row decoder for `rows` rows plus its driver charging `load`: one row activation.
CircuitCost row_decoder_driver(const Technology& tech, const GateModel& g, double rows,
                               const Wire& load, double drive_v);
// Column multiplexer: a transmission gate per column plus a decoder of log2(ways) bits.
CircuitCost column_mux(const GateModel& g, double ways);

// SRAM buffer of `bits` bits in 128 x 128 banks (NeuroSim 6T cell, 28 x 10 F); energy_j is
// per bit read, write_energy_j per bit written.
struct SramBuffer {
  CircuitCost read;       // area/leakage of the whole buffer, energy and latency per bit read
  double write_energy_j;  // per bit written
};
SramBuffer sram_buffer(const Technology& tech, const GateModel& g, double bits, double clock_hz);

// A repeated global wire of `length_um` carrying one bit: energy c L VDD^2 (wire plus about as
// much repeater capacitance), delay 2 sqrt(R0 C0 r c) L for optimal repeaters (Bakoglu and
// Meindl, IEEE T-ED 32(5), 1985) with R0 C0 = FO4 / 5.
CircuitCost repeated_wire_bit(const Technology& tech, const GateModel& g, double length_um);

// Write driver of one array line: a level shifter to the write voltage (8 GE, modelling choice)
// and a driver; energy per pulse charging `line` to `write_v`.
CircuitCost write_driver(const GateModel& g, const Wire& line, double write_v);

}  // namespace cimsim::sim::cost
