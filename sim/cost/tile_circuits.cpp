#include "sim/cost/tile_circuits.hpp"

#include <algorithm>
#include <cmath>

namespace cimsim::sim::cost {
namespace {

AdcKind adc_kind(AdcType type) {
  switch (type) {
    case AdcType::kFlash:
      return AdcKind::kFlash;
    case AdcType::kSenseAmp:
      return AdcKind::kSenseAmp;
    case AdcType::kSar:
    case AdcType::kIntegrateFire:  // priced by integrate_fire(), not adc()
      return AdcKind::kSar;
  }
  return AdcKind::kSar;
}

// Resistance in series with a cell on its line: the 1T1R access transistor, nothing otherwise.
double access_ohm(const CostSpec& cost) {
  return cost.cell_type == CellType::k1T1R ? cost.access_resistance_ohm : 0.0;
}

// Integrate-and-fire conversion on a sensed line of `cells` cells and capacitance `line_f`: the
// largest current is every cell at G_max through its access transistor (NeuroSim.cpp: Imax =
// numRow V_read / resMemCellOn), the integrating node the line plus the drains of the
// multiplexer's transmission gates and the read circuit's input, about a unit inverter each
// (modelling choice; NeuroSim: capTgDrain (numColMuxed + 1) + capTgDrain + capPmosGate, i.e.
// cols_per_adc + 3 units).
CircuitCost integrate_fire_on(const TileCircuits& c, const TileSpec& tile, const CostSpec& cost,
                              int bits, double cells, double line_f) {
  const DeviceElectricals& dev = cost.electricals;
  const double c_in_f =
      line_f + (static_cast<double>(tile.cols_per_adc) + 3) * c.gates.inverter_cap_f;
  const double i_max_a = cells * dev.read_voltage_v / (1 / dev.g_on_siemens + access_ohm(cost));
  return integrate_fire(c.tech, c.gates, bits, cost.clock_hz, c_in_f, dev.read_voltage_v, i_max_a,
                        cost.integrate_fire_energy == IntegrateFireEnergy::kNodeScaled);
}

// Settling of a sensed line of `cells` cells before the integrate-and-fire read (NeuroSim.cpp
// NeuroSimSubArrayReadLatency: tau = C_col R_avg / (numRow / 2), R_avg = the mean of the on and
// off resistance plus the access resistance; 0.2 tau, "the 15~20% voltage drop is enough for
// sensing"), once per multiplexer position.
double line_settle_s(const CostSpec& cost, double cells, double line_f) {
  const DeviceElectricals& dev = cost.electricals;
  const double r_avg_ohm = 0.5 * (1 / dev.g_on_siemens + 1 / dev.g_off_siemens) + access_ohm(cost);
  return 0.2 * line_f * r_avg_ohm / (cells / 2);
}

// Whether the bit-serial stages of a read with `bits`-bit inputs are built (see the next two).
bool serializes(const TileSpec& tile, const CostSpec& cost, std::int64_t bits) {
  return cost.serial_periphery == SerialPeriphery::kAlways ||
         (tile.input_mode == InputMode::kBitSerial && bits > 1) || tile.cells_per_weight() > 1;
}

// The input stage of a row. Under serial_periphery: when_serial a 1-bit input has no register
// stage: its row is gated straight from the latch that holds the bit (the input buffer or the
// previous layer's neurons), as NeuroSim's WL decoder output gates each row with its input
// (NeuroSim/WLDecoderOutput.cpp); only the row gate is left.
CircuitCost input_stage(const GateModel& g, const TileSpec& tile, const CostSpec& cost, int bits,
                        double clock_hz) {
  if (tile.input_mode == InputMode::kDac) {
    return input_dac(g, bits, cost.electricals.read_voltage_v, clock_hz);
  }
  const bool registered = cost.serial_periphery == SerialPeriphery::kAlways || bits > 1;
  return bit_serial_driver(g, registered ? bits : 0, clock_hz);
}

// The shift-adder behind a read circuit, or nothing where a read has one input cycle and one
// weight slice under serial_periphery: when_serial (NeuroSim.cpp NeuroSimSubArrayInitialize
// enables shift-add only for more than one read pulse).
CircuitCost shift_adder(const GateModel& g, const TileSpec& tile, const CostSpec& cost,
                        std::int64_t bits, std::int64_t accumulate_bits) {
  return serializes(tile, cost, bits) ? accumulator(g, static_cast<double>(accumulate_bits))
                                      : CircuitCost{};
}

// The array: cell footprint, row, column and gate lines, and the 1T1R access transistor.
void array_geometry(TileCircuits& c, const TileSpec& tile, const CostSpec& cost) {
  const Technology& t = c.tech;
  const double f_um = t.feature_size_um();
  const double rows = static_cast<double>(tile.rows);
  const double cols = static_cast<double>(tile.cols);
  c.cell_area_um2 = cost.cell_width_f * cost.cell_height_f * f_um * f_um;
  const double wire_width_m =
      cost.array_wire_width_m > 0 ? cost.array_wire_width_m : t.wire_width_m;
  const double r_per_um = t.wire_res_ohm_per_um_at(wire_width_m);
  c.row_wire = make_wire(cols * cost.cell_width_f * f_um, r_per_um, t.wire_cap_f_per_um);
  c.column_wire = make_wire(rows * cost.cell_height_f * f_um, r_per_um, t.wire_cap_f_per_um);
  c.gate_line = c.row_wire;
  if (cost.cell_type == CellType::k1T1R) {
    // Access transistor wide enough for the requested on-resistance (NeuroSim sizes it the
    // same way from resistanceAccess).
    c.access_width_um = t.nmos_resistance_ohm(1.0) / cost.access_resistance_ohm;
    c.gate_line.capacitance_f += cols * c.access_width_um * t.gate_cap_f_per_um;
    c.cell_leakage_w = c.access_width_um * t.ioff_a_per_um * cost.electricals.read_voltage_v;
  }
  // A contacted drain has about the capacitance of its gate per unit width (Weste and Harris,
  // "CMOS VLSI Design", 4th ed., sec. 2.3.3; NeuroSim SubArray.cpp adds numRow drain caps to
  // capCol). The SAR, flash and sense-amp paths use the wire alone (unchanged defaults).
  c.column_load_f = c.column_wire.capacitance_f + rows * c.access_width_um * t.gate_cap_f_per_um;
}

// Row and column drivers, input stages, multiplexers, ADCs and the shift-add behind them.
void read_periphery(TileCircuits& c, const TileSpec& tile, const CostSpec& cost) {
  const Technology& t = c.tech;
  const GateModel& g = c.gates;
  const double rows = static_cast<double>(tile.rows);
  const double cols = static_cast<double>(tile.cols);
  c.adcs_per_tile = tile.cols / tile.cols_per_adc;
  c.transposed_adcs_per_tile = (tile.rows + tile.cols_per_adc - 1) / tile.cols_per_adc;
  // Partial sum: ADC bits + input bits + growth over tile rows and slices (1 bit per doubling).
  const std::int64_t slices = tile.cells_per_weight();
  c.accumulate_bits = tile.adc_bits + tile.input_bits + (slices - 1) * tile.cell_bits +
                      static_cast<std::int64_t>(std::ceil(std::log2(std::max(rows, 2.0))));

  // A forward row activation enables the access gates (1T1R: VDD on the gate line) and drives
  // the row to the read voltage; crossbar and SRAM rows carry only one of the two.
  const double v_read = cost.electricals.read_voltage_v;
  c.row_driver = row_decoder_driver(t, g, rows, c.row_wire, v_read);
  c.column_driver = row_decoder_driver(t, g, cols, c.column_wire, v_read);
  if (cost.cell_type == CellType::k1T1R) {
    // The same decoder output also swings the gate line to VDD (NeuroSim: "all WLs open"): with
    // each row activation, or with each conversion for every row (CostSpec::read_gate_lines).
    const CircuitCost gate = row_decoder_driver(t, g, rows, c.gate_line, t.vdd_v);
    c.gate_open_j = c.gate_line.capacitance_f * t.vdd_v * t.vdd_v;
    if (cost.read_gate_lines == ReadGateLines::kActiveRows) c.row_driver.energy_j += c.gate_open_j;
    c.row_driver.latency_s = std::max(c.row_driver.latency_s, gate.latency_s);
  }
  c.input_driver = input_stage(g, tile, cost, static_cast<int>(tile.input_bits), cost.clock_hz);
  c.error_driver = input_stage(g, tile, cost, static_cast<int>(cost.error_bits), cost.clock_hz);
  c.mux = column_mux(g, static_cast<double>(tile.cols_per_adc));
  for (int b = 1; b <= static_cast<int>(kMaxAdcBits); ++b) {
    c.adc_by_bits[b] = tile.adc_type == AdcType::kIntegrateFire
                           ? integrate_fire_on(c, tile, cost, b, rows, c.column_load_f)
                           : adc(t, g, adc_kind(tile.adc_type), b, cost.clock_hz);
  }
  c.shift_add = shift_adder(g, tile, cost, tile.input_bits, c.accumulate_bits);
  c.error_shift_add = shift_adder(g, tile, cost, cost.error_bits, c.accumulate_bits);
}

// The digital units of the neurons and of the training step.
void digital_units(TileCircuits& c, const TileSpec& tile, const CostSpec& cost) {
  const GateModel& g = c.gates;
  c.adder = accumulator(g, static_cast<double>(c.accumulate_bits));
  const double in_bits = static_cast<double>(tile.input_bits);
  const double err_bits = static_cast<double>(cost.error_bits);
  c.activation = multiplier(g, in_bits, in_bits);
  c.mac = multiplier(g, err_bits, in_bits);
  c.feedback_mac = multiplier(g, err_bits, static_cast<double>(cost.feedback_bits));
  const CircuitCost acc = accumulator(g, err_bits + in_bits);
  for (CircuitCost* m : {&c.activation, &c.mac, &c.feedback_mac}) {
    m->area_um2 += acc.area_um2;
    m->energy_j += acc.energy_j;
    m->latency_s += acc.latency_s;
    m->leakage_w += acc.leakage_w;
  }
  // A max-pooling comparison is an in_bits subtraction, the running maximum a register: an
  // accumulator of in_bits (modelling choice; an average's sum grows by log2 of the window, which
  // is not modelled).
  c.pooling = accumulator(g, in_bits);
}

// Write drivers and the energies of the cells themselves.
void write_and_cell_energies(TileCircuits& c, const TileSpec& tile, const CostSpec& cost) {
  const GateModel& g = c.gates;
  const DeviceElectricals& dev = cost.electricals;
  c.row_write_driver = write_driver(g, c.row_wire, dev.write_voltage_ltp_v);
  c.column_write_driver = write_driver(g, c.column_wire, dev.write_voltage_ltp_v);
  c.column_write_ltd_j = write_driver(g, c.column_wire, dev.write_voltage_ltd_v).energy_j;
  c.write_inhibit_j = static_cast<double>(tile.cols - tile.cells_per_write_batch()) *
                      c.column_load_f * dev.write_voltage_ltp_v * dev.write_voltage_ltp_v;

  // Cell energies: V^2 G t at the mean conductance; a read through a series resistance R draws
  // V^2 t / (1/G + R) (NeuroSim Array::ReadCell: I = V / (1/G + R_access)).
  const double v_read = dev.read_voltage_v;
  const double g_mean = dev.mean_conductance_siemens();
  c.cell_read_j = cost.read_series_resistance_ohm > 0
                      ? v_read * v_read * dev.read_pulse_width_s /
                            (1 / g_mean + cost.read_series_resistance_ohm)
                      : v_read * v_read * g_mean * dev.read_pulse_width_s;
  c.ltp_cell_j =
      dev.write_voltage_ltp_v * dev.write_voltage_ltp_v * g_mean * dev.write_pulse_width_s;
  c.ltd_cell_j =
      dev.write_voltage_ltd_v * dev.write_voltage_ltd_v * g_mean * dev.write_pulse_width_s;
  if (cost.cell_type == CellType::kCrossbar) {
    // V/2 scheme: the other cells of the pulsed column see half the write voltage.
    const double v_half = 0.5 * std::max(dev.write_voltage_ltp_v, dev.write_voltage_ltd_v);
    c.half_select_j =
        (static_cast<double>(tile.rows) - 1) * v_half * v_half * g_mean * dev.write_pulse_width_s;
  }
}

// A read step: drive the rows, let the cells integrate for the read pulse, settle the column
// through the mux, convert. (Shift-add runs in the shadow of the next step.) An
// integrate-and-fire circuit integrates the cell current itself: its step is the line's
// settling, the mux and the conversion; a transposed read integrates a row line of cols cells.
void read_step_times(TileCircuits& c, const TileSpec& tile, const CostSpec& cost) {
  const double pulse_s = cost.electricals.read_pulse_width_s;
  const double convert_s = c.adc_by_bits[static_cast<std::size_t>(tile.adc_bits)].latency_s;
  const double rows = static_cast<double>(tile.rows);
  const double cols = static_cast<double>(tile.cols);
  if (tile.adc_type == AdcType::kIntegrateFire) {
    const int bits = static_cast<int>(tile.adc_bits);
    const double row_f = c.row_wire.capacitance_f;
    c.read_step_s = c.row_driver.latency_s + line_settle_s(cost, rows, c.column_load_f) +
                    c.mux.latency_s + convert_s;
    c.transposed_read_step_s = c.column_driver.latency_s + line_settle_s(cost, cols, row_f) +
                               c.mux.latency_s +
                               integrate_fire_on(c, tile, cost, bits, cols, row_f).latency_s;
    return;
  }
  c.read_step_s = c.row_driver.latency_s + std::max(pulse_s, c.column_wire.delay_s()) +
                  c.mux.latency_s + convert_s;
  c.transposed_read_step_s = c.column_driver.latency_s + std::max(pulse_s, c.row_wire.delay_s()) +
                             c.mux.latency_s + convert_s;
}

}  // namespace

TileCircuits build_tile_circuits(const TileSpec& tile, const CostSpec& cost) {
  TileCircuits c;
  c.tech = technology_for_node(cost.node_nm);
  c.gates = gate_model(c.tech);
  array_geometry(c, tile, cost);
  read_periphery(c, tile, cost);
  digital_units(c, tile, cost);
  write_and_cell_energies(c, tile, cost);
  read_step_times(c, tile, cost);
  return c;
}

}  // namespace cimsim::sim::cost
