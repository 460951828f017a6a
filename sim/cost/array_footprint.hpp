// What the floorplan builds for one mapped matrix: its cells, rows and columns summed over its
// arrays, read circuits, column write drivers and decoders. Under array_shape: fixed every
// array is a whole rows x cols tile; under fit_layer each array is cut to the rows and columns
// the matrix puts in it (MLP+NeuroSim V3.0 main.cpp sizes arrayIH 400 x 100 and arrayHO
// 100 x 10 to their weight matrices), and its per-row and per-column periphery with it.
#pragma once

#include <cstdint>

#include "sim/cost/circuits.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/floorplan.hpp"
#include "sim/cost/tile_circuits.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim::cost {

struct ArrayFootprint {
  double cells = 0;
  double rows = 0;  // rows of all arrays: row drivers, input stages, transposed muxes
  double cols = 0;  // physical columns of all arrays: muxes, transposed input stages
  std::int64_t read_circuits = 0;               // forward read: one per cols_per_adc columns
  std::int64_t read_circuits_per_tile_row = 0;  // neuron lanes: one tile row's read circuits
  std::int64_t transposed_read_circuits = 0;    // transposed read: one per cols_per_adc rows
  double column_write_drivers = 0;              // one per cols_per_write_driver columns
  CircuitCost row_decoders;                     // all forward row decoders (area and leakage)
  CircuitCost column_decoders;  // all transposed-read column decoders (area and leakage)
};

ArrayFootprint array_footprint(const ArrayMapping& m, const TileSpec& tile, const CostSpec& cost,
                               const TileCircuits& c);

}  // namespace cimsim::sim::cost
