// The circuits of one tile and of the digital periphery, built once per hardware point from
// the tile spec, the cost spec and the node; the floorplan takes their areas, the event prices
// their energies and latencies.
#pragma once

#include <array>
#include <cstdint>

#include "sim/cost/circuits.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/technology.hpp"
#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim::cost {

struct TileCircuits {
  Technology tech;
  GateModel gates;
  // Array geometry.
  double cell_area_um2 = 0;
  double access_width_um = 0;  // 1T1R access transistor width (0 for other cells)
  double cell_leakage_w = 0;   // 1T1R: off access transistor under the read voltage
  Wire row_wire;               // one row across the tile
  Wire column_wire;            // one column down the tile
  Wire gate_line;              // 1T1R wordline: row wire plus access-transistor gates
  double gate_open_j = 0;      // 1T1R: one gate line charged to VDD (0 for other cells)
  // A column line's whole capacitance: its wire plus, 1T1R, the drains of its access
  // transistors (what the integrate-and-fire circuit integrates on and a write inhibit charges).
  double column_load_f = 0;
  std::int64_t adcs_per_tile = 0;             // forward read: cols / cols_per_adc
  std::int64_t transposed_adcs_per_tile = 0;  // transposed read: rows / cols_per_adc (rounded up)
  std::int64_t accumulate_bits = 0;           // partial-sum width after shift-add
  // Circuits (area per instance, energy and latency per operation).
  CircuitCost row_driver;     // decoder + driver, forward (rows side)
  CircuitCost column_driver;  // decoder + driver, transposed read (columns side)
  CircuitCost input_driver;   // per row: DAC or bit-serial register (input_bits)
  CircuitCost error_driver;   // per column, transposed read: DAC or register (error_bits)
  CircuitCost mux;            // per column
  std::array<CircuitCost, kMaxAdcBits + 1> adc_by_bits{};  // [b]: the tile's ADC type at b bits
  CircuitCost shift_add;            // per ADC, forward read (empty where nothing is shifted)
  CircuitCost error_shift_add;      // per ADC, reads with error-precision inputs (transposed, B)
  CircuitCost adder;                // adder-tree / accumulator lane
  CircuitCost activation;           // piecewise-linear neuron: multiply + add
  CircuitCost mac;                  // error x activation multiply-accumulate (f', outer product)
  CircuitCost feedback_mac;         // error x B entry multiply-accumulate
  CircuitCost pooling;              // pooling lane: one comparison (max) or addition (avg)
  CircuitCost row_write_driver;     // per row
  CircuitCost column_write_driver;  // per cols_per_write_driver columns; energy of one LTP pulse
  double column_write_ltd_j = 0;    // energy of one LTD pulse through the column driver
  // Per written batch (TileSpec::cols_per_write_driver > 1): the column lines outside the batch
  // held at the LTP write voltage (NeuroSim V3 Train.cpp, "Unselected SLs (LTP phase)").
  double write_inhibit_j = 0;
  // Energies of the analog array (J per event).
  double cell_read_j = 0;    // one cell conducting for one read step (with the series resistance)
  double ltp_cell_j = 0;     // one potentiating pulse in the cell
  double ltd_cell_j = 0;     // one depressing pulse in the cell
  double half_select_j = 0;  // crossbar only: V/2 on the other cells of the column per pulse
  double read_step_s = 0;    // one read step (drive, integrate, convert)
  double transposed_read_step_s = 0;
};

TileCircuits build_tile_circuits(const TileSpec& tile, const CostSpec& cost);

}  // namespace cimsim::sim::cost
