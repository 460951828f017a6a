// Floorplan: how many tiles each layer (and each analog feedback matrix) occupies, the
// periphery and buffers around them, the H-tree connecting them, and the chip area and leakage
// with a breakdown by component.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/cost/component.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/network_shape.hpp"
#include "sim/cost/tile_circuits.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim::cost {

// A matrix of inputs x outputs cut into tiles: tile_rows blocks of TileSpec::rows inputs,
// tile_cols blocks of floor(weight_columns / columns_per_weight) outputs.
struct ArrayMapping {
  std::int64_t inputs = 0;
  std::int64_t outputs = 0;
  std::int64_t tile_rows = 0;
  std::int64_t tile_cols = 0;
  std::int64_t tiles = 0;
  std::int64_t physical_columns = 0;  // per tile row: outputs x columns_per_weight (+ references)
};
ArrayMapping map_array(std::int64_t inputs, std::int64_t outputs, const TileSpec& tile);

struct LayerFloorplan {
  ArrayMapping weights;
  bool transposed_periphery = false;           // BP reads W^T: row-side ADCs, column drivers
  std::optional<ArrayMapping> feedback_array;  // analog B_l
  double feedback_sram_bits = 0;               // digital B_l
  double buffer_bits = 0;
  std::int64_t adc_lanes = 0;       // ADCs of the forward read (all tiles)
  std::int64_t neuron_lanes = 0;    // adder-tree / activation / error-unit lanes
  std::int64_t feedback_lanes = 0;  // digital B MAC lanes (or ADCs of analog B tiles)
  ComponentValues area_um2;
  double leakage_w = 0;
};

struct Floorplan {
  std::vector<LayerFloorplan> layers;
  ComponentValues area_um2;  // chip, by component (H-tree included)
  double chip_area_um2 = 0;
  double chip_side_um = 0;     // side of a square chip of that area
  double htree_length_um = 0;  // total H-tree wire length
  std::int64_t tiles = 0;      // weight tiles plus analog B tiles
  double leakage_w = 0;
};

// Throws std::invalid_argument for an empty network, a layer with no inputs, outputs, positions
// or input values, or a pooling that passes on no values or more than its layer's output map.
Floorplan build_floorplan(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost,
                          const TileCircuits& circuits);

// The shape (inputs, outputs; positions: reads per sample) of the feedback matrix that layer
// `index` owns under the network's rule path, or nullopt if it owns none (no feedback; the last
// layer of a projecting rule; the first layer of a chained one). Chained through B: W_l^T's
// shape, read once per output position; projected: the network's outputs to layer l's whole
// output map, read once.
std::optional<LayerShape> feedback_shape(const NetworkShape& shape, std::size_t index);

// Bits of a digital B of shape `b`: every entry at `entry_bits`, or, for a sparse B, the nonzero
// entries with the index of their input.
double feedback_sram_bits(const LayerShape& b, const RulePath& path, std::int64_t entry_bits);

}  // namespace cimsim::sim::cost
