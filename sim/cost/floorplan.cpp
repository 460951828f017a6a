#include "sim/cost/floorplan.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/cost/array_footprint.hpp"

namespace cimsim::sim::cost {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

void add(ComponentValues& area, double& leakage_w, Component c, double count,
         const CircuitCost& circuit) {
  area[c] += count * circuit.area_um2;
  leakage_w += count * circuit.leakage_w;
}

// The arrays holding a layer's weights: cells, forward periphery, write drivers, outer-product
// lanes and, for BP with transposed reads, the transposed-read periphery.
void add_weight_arrays(ComponentValues& area, double& leak, const ArrayFootprint& f,
                       const TileSpec& tile, const TileCircuits& c, bool transposed) {
  const double adcs = static_cast<double>(f.read_circuits);
  const CircuitCost& adc = c.adc_by_bits[static_cast<int>(tile.adc_bits)];
  area[Component::kCellArray] += f.cells * c.cell_area_um2;
  // 1T1R access transistors leak while their gate is off and the row is at the read voltage.
  leak += f.cells * c.cell_leakage_w;
  add(area, leak, Component::kRowDriver, 1, f.row_decoders);
  add(area, leak, Component::kInputDriver, f.rows, c.input_driver);
  add(area, leak, Component::kColumnMux, f.cols, c.mux);
  add(area, leak, Component::kAdc, adcs, adc);
  add(area, leak, Component::kShiftAdd, adcs, c.shift_add);
  add(area, leak, Component::kWriteDriver, f.rows, c.row_write_driver);
  add(area, leak, Component::kWriteDriver, f.column_write_drivers, c.column_write_driver);
  add(area, leak, Component::kOuterProduct, adcs, c.mac);
  if (transposed) {
    const double t_adcs = static_cast<double>(f.transposed_read_circuits);
    add(area, leak, Component::kRowDriver, 1, f.column_decoders);
    add(area, leak, Component::kInputDriver, f.cols, c.error_driver);
    add(area, leak, Component::kColumnMux, f.rows, c.mux);
    add(area, leak, Component::kAdc, t_adcs, adc);
    add(area, leak, Component::kShiftAdd, t_adcs, c.error_shift_add);
  }
}

// The arrays holding a fixed B matrix: cells, a read path with error-precision inputs, and write
// drivers to program it once. Everything is booked under the feedback path.
void add_feedback_arrays(ComponentValues& area, double& leak, const ArrayFootprint& f,
                         const TileSpec& tile, const TileCircuits& c) {
  ComponentValues part;
  double part_leak = 0;
  const double adcs = static_cast<double>(f.read_circuits);
  part[Component::kFeedbackPath] += f.cells * c.cell_area_um2;
  for (const auto& [count, circuit] :
       {std::pair{1.0, f.row_decoders}, std::pair{f.rows, c.error_driver}, std::pair{f.cols, c.mux},
        std::pair{adcs, c.adc_by_bits[static_cast<int>(tile.adc_bits)]},
        std::pair{adcs, c.error_shift_add}, std::pair{f.rows, c.row_write_driver},
        std::pair{f.column_write_drivers, c.column_write_driver}}) {
    add(part, part_leak, Component::kFeedbackPath, count, circuit);
  }
  area += part;
  leak += part_leak;
}

void check_layer(const LayerShape& s, std::size_t index) {
  const auto fail = [index](const std::string& what) {
    throw std::invalid_argument("cost model: layer " + std::to_string(index + 1) + " " + what);
  };
  if (s.inputs < 1 || s.outputs < 1) fail("has no inputs or no outputs");
  if (s.patch_values() < 1) fail("has only a bias row");
  if (s.positions < 1 || s.input_values < 1) fail("has no output positions or no input values");
  if (s.pooled_values < 1 || s.pooled_values > s.output_values() || s.pool_ops < 0) {
    fail("has a pooling that passes on no values, more values than it gets, or negative work");
  }
}

}  // namespace

ArrayMapping map_array(std::int64_t inputs, std::int64_t outputs, const TileSpec& tile) {
  ArrayMapping m;
  m.inputs = inputs;
  m.outputs = outputs;
  const std::int64_t outputs_per_tile = tile.weight_columns() / tile.columns_per_weight();
  m.tile_rows = ceil_div(inputs, tile.rows);
  m.tile_cols = ceil_div(outputs, outputs_per_tile);
  m.tiles = m.tile_rows * m.tile_cols;
  m.physical_columns = outputs * tile.columns_per_weight() +
                       (tile.mapping == WeightMapping::kReference ? m.tile_cols : 0);
  return m;
}

std::optional<LayerShape> feedback_shape(const NetworkShape& shape, std::size_t index) {
  const std::size_t last = shape.layers.size() - 1;
  const LayerShape& layer = shape.layers[index];
  LayerShape b;
  switch (shape.rule.path.source) {
    case SignalSource::kChainTransposed:
      return std::nullopt;
    case SignalSource::kChainFeedback:
      // B_l stands in for W_l^T: it carries delta_l back to layer l-1, read once per output
      // position of a conv layer as W_l^T is in BP.
      if (index == 0) return std::nullopt;
      b.inputs = layer.outputs;
      b.outputs = layer.inputs;
      b.positions = layer.positions;
      return b;
    case SignalSource::kProjectOutputError:
    case SignalSource::kProjectTarget:
      // B_l maps the output error (or the target) to layer l's whole output map at once (a conv
      // layer's channels x positions): the teaching signal of every unit.
      if (index == last) return std::nullopt;
      b.inputs = shape.layers[last].output_values();
      b.outputs = layer.output_values();
      return b;
  }
  return std::nullopt;
}

double feedback_sram_bits(const LayerShape& b, const RulePath& path, std::int64_t entry_bits) {
  const double entries = static_cast<double>(b.inputs * b.outputs);
  const double density = path.feedback_density(b.inputs);
  if (density >= 1) return entries * static_cast<double>(entry_bits);
  // A sparse B keeps each nonzero entry with the index of its input (column).
  const double index_bits = std::ceil(std::log2(std::max(2.0, static_cast<double>(b.inputs))));
  return entries * density * (static_cast<double>(entry_bits) + index_bits);
}

Floorplan build_floorplan(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost,
                          const TileCircuits& c) {
  if (shape.layers.empty()) throw std::invalid_argument("cost model: the network has no layers");
  Floorplan plan;
  const double in_bits = static_cast<double>(tile.input_bits);
  const double err_bits = static_cast<double>(cost.error_bits);
  for (std::size_t i = 0; i < shape.layers.size(); ++i) {
    const LayerShape& s = shape.layers[i];
    check_layer(s, i);
    LayerFloorplan layer;
    layer.weights = map_array(s.inputs, s.outputs, tile);
    // A digital backward pass (hardware.crossbar.backward: digital) never reads W^T from the
    // arrays, so their transposed-read periphery is not built.
    layer.transposed_periphery =
        shape.rule.path.source == SignalSource::kChainTransposed && i > 0 && cost.transposed_reads;
    const ArrayFootprint weights = array_footprint(layer.weights, tile, cost, c);
    layer.adc_lanes = weights.read_circuits;
    layer.neuron_lanes = weights.read_circuits_per_tile_row;
    ComponentValues& area = layer.area_um2;
    double& leak = layer.leakage_w;
    add_weight_arrays(area, leak, weights, tile, c, layer.transposed_periphery);
    const double lanes = static_cast<double>(layer.neuron_lanes);
    add(area, leak, Component::kAdderTree, lanes, c.adder);
    add(area, leak, Component::kActivation, lanes, c.activation);
    add(area, leak, Component::kErrorUnit, lanes, c.mac);
    // A pooling unit takes the activations as the neuron lanes produce them: one lane each.
    if (s.pooled()) add(area, leak, Component::kPooling, lanes, c.pooling);
    // Buffers hold whole maps: the input map double-buffered, the output map, the input map kept
    // for the update (a conv layer keeps its input map, not im2col copies), and the error maps
    // of both sides.
    const double n = static_cast<double>(s.input_side_values());
    const double m = static_cast<double>(s.output_values());
    layer.buffer_bits = in_bits * (3 * n + m) + err_bits * (n + m);
    const SramBuffer buffer = sram_buffer(c.tech, c.gates, layer.buffer_bits, cost.clock_hz);
    add(area, leak, Component::kBuffer, 1, buffer.read);

    if (const std::optional<LayerShape> b = feedback_shape(shape, i)) {
      if (cost.feedback_storage == FeedbackStorage::kAnalog) {
        layer.feedback_array = map_array(b->inputs, b->outputs, tile);
        const ArrayFootprint feedback = array_footprint(*layer.feedback_array, tile, cost, c);
        layer.feedback_lanes = feedback.read_circuits;
        add_feedback_arrays(area, leak, feedback, tile, c);
      } else {
        layer.feedback_sram_bits = feedback_sram_bits(*b, shape.rule.path, cost.feedback_bits);
        layer.feedback_lanes = layer.neuron_lanes;
        const SramBuffer store =
            sram_buffer(c.tech, c.gates, layer.feedback_sram_bits, cost.clock_hz);
        add(area, leak, Component::kFeedbackPath, 1, store.read);
        add(area, leak, Component::kFeedbackPath, static_cast<double>(layer.feedback_lanes),
            c.feedback_mac);
      }
    }
    plan.tiles += layer.weights.tiles + (layer.feedback_array ? layer.feedback_array->tiles : 0);
    plan.area_um2 += layer.area_um2;
    plan.leakage_w += layer.leakage_w;
    plan.layers.push_back(layer);
  }
  // H-tree over all tiles of a square chip of side S: level j of an H-tree with 4^k leaves has
  // 4^j H shapes of three segments of S / 2^(j+1), in total 1.5 S (sqrt(T) - 1). Wire pitch is
  // twice the minimum width.
  const double side_um = std::sqrt(plan.area_um2.total());
  plan.htree_length_um = 1.5 * side_um * (std::sqrt(static_cast<double>(plan.tiles)) - 1);
  plan.area_um2[Component::kInterconnect] =
      static_cast<double>(cost.bus_bits) * 2 * c.tech.wire_width_m * 1e6 * plan.htree_length_um;
  plan.chip_area_um2 = plan.area_um2.total();
  plan.chip_side_um = std::sqrt(plan.chip_area_um2);
  return plan;
}

}  // namespace cimsim::sim::cost
