#include "sim/cost/estimate_counts.hpp"

#include <algorithm>
#include <cmath>

#include "sim/cost/floorplan.hpp"

namespace cimsim::sim::cost {
namespace {

// Partial-sum width after shift-add (same rule as the circuits' accumulators).
double accumulate_bits(const TileSpec& tile) {
  return static_cast<double>(tile.adc_bits + tile.input_bits +
                             (tile.cells_per_weight() - 1) * tile.cell_bits) +
         std::ceil(std::log2(std::max(static_cast<double>(tile.rows), 2.0)));
}

// Probability that a value of `bits` bits with independent bits of density d is nonzero.
double nonzero_fraction(double density, double bits) { return 1 - std::pow(1 - density, bits); }

// One vector of `bits`-bit values (bit density `density`) into the rows of `m` (forward
// direction): rows driven, every physical column sensed once per input cycle.
PhaseCounts forward_vmm(const ArrayMapping& m, const TileSpec& tile, double bits, double density) {
  const bool serial = tile.input_mode == InputMode::kBitSerial;
  const double cycles = serial ? bits : 1;
  const double active = serial ? density : nonzero_fraction(density, bits);
  const double n = static_cast<double>(m.inputs);
  const double cols = static_cast<double>(m.physical_columns);
  PhaseCounts p;
  p.row_activations = n * static_cast<double>(m.tile_cols) * cycles * active;
  p.input_bit_cycles = n * static_cast<double>(m.tile_cols) * cycles;
  p.cell_reads = n * cycles * active * cols;
  p.column_reads = cols * static_cast<double>(m.tile_rows) * cycles;
  p.adc_conversions_by_bits[static_cast<std::size_t>(tile.adc_bits)] = p.column_reads;
  p.shift_add_ops = p.column_reads;
  p.read_steps = cycles * static_cast<double>(tile.cols_per_adc);
  const double merged = static_cast<double>(m.tile_rows * tile.columns_per_weight()) +
                        (tile.mapping == WeightMapping::kReference ? 1 : 0);
  p.adder_ops = static_cast<double>(m.outputs) * (merged - 1);
  p.interconnect_bits =
      n * bits * static_cast<double>(m.tile_cols) +
      static_cast<double>(m.outputs) * accumulate_bits(tile) * static_cast<double>(m.tile_rows);
  return p;
}

// One error vector (m.outputs values of `bits` bits) driven on the columns of `m`, sensed on its
// rows: W^T delta. Slices of different significance are read in separate passes.
PhaseCounts transposed_vmm(const ArrayMapping& m, const TileSpec& tile, double bits,
                           double density) {
  const bool serial = tile.input_mode == InputMode::kBitSerial;
  const double cycles = serial ? bits : 1;
  const double active = serial ? density : nonzero_fraction(density, bits);
  const double passes = static_cast<double>(tile.cells_per_weight());
  const double n = static_cast<double>(m.inputs);
  const double cols = static_cast<double>(m.physical_columns);
  PhaseCounts p;
  p.row_activations = cols * static_cast<double>(m.tile_rows) * cycles * active;
  p.input_bit_cycles = cols * static_cast<double>(m.tile_rows) * cycles;
  p.cell_reads = cols * cycles * active * n;
  p.column_reads = n * static_cast<double>(m.tile_cols) * cycles * passes;
  p.adc_conversions_by_bits[static_cast<std::size_t>(tile.adc_bits)] = p.column_reads;
  p.shift_add_ops = p.column_reads;
  p.read_steps = cycles * passes * static_cast<double>(tile.cols_per_adc);
  p.adder_ops = n * (static_cast<double>(m.tile_cols) * passes - 1);
  p.interconnect_bits = static_cast<double>(m.outputs) * bits * static_cast<double>(m.tile_rows) +
                        n * accumulate_bits(tile) * static_cast<double>(m.tile_cols);
  return p;
}

// Programming `m` from the outer products of `vectors` vectors (a batch's samples times a conv
// layer's positions) whose row-side factor is nonzero with probability `row_nonzero`: rows with
// a nonzero value in any of them get programmed row by row, batch by batch, one polarity phase
// after the other (NeuroSim's scheme). Counts of one whole update.
PhaseCounts update_counts(const ArrayMapping& m, const TileSpec& tile, const CostSpec& cost,
                          double row_nonzero, double vectors) {
  PhaseCounts upd;
  if (cost.mean_pulses_per_update == 0 || cost.update_cell_fraction == 0) return upd;
  const double n = static_cast<double>(m.inputs);
  const double rows_nonzero = 1 - std::pow(1 - row_nonzero, vectors);
  const double active_rows = n * rows_nonzero;
  upd.cells_programmed = active_rows * static_cast<double>(m.outputs) *
                         static_cast<double>(tile.cells_per_weight()) * cost.update_cell_fraction;
  const double pulses = upd.cells_programmed * cost.mean_pulses_per_update;
  upd.ltp_pulses = 0.5 * pulses;
  upd.ltd_pulses = 0.5 * pulses;
  // Every write batch of an active row (TileSpec::cols_per_write_driver per row) is assumed to
  // hold a programmed cell.
  const double batches = static_cast<double>(tile.cols_per_write_driver);
  upd.write_batches = active_rows * static_cast<double>(m.tile_cols) * batches;
  upd.write_row_selects = 2 * upd.write_batches;
  const double rows_per_tile = std::min(static_cast<double>(tile.rows), n) * rows_nonzero;
  upd.write_slots =
      rows_per_tile * batches * 2 * std::max(1.0, std::ceil(cost.mean_pulses_per_update));
  return upd;
}

}  // namespace

PhaseCounts error_unit_counts(const NetworkShape& shape, std::size_t index, const TileSpec& tile,
                              const CostSpec& cost) {
  const double in_bits = static_cast<double>(tile.input_bits);
  const double err_bits = static_cast<double>(cost.error_bits);
  const LayerShape& s = shape.layers[index];
  const double o = static_cast<double>(s.output_values());
  PhaseCounts err;
  if (index + 1 == shape.layers.size()) {
    // Output error e = y - target, times f'(h).
    err.digital_macs += o;
    err.buffer_read_bits += 2 * o * in_bits;
    err.buffer_write_bits += o * err_bits;
  }
  const bool carries_error_down = shape.rule.path.chained() && index > 0;
  if (carries_error_down) {
    // col2im: a conv layer's reads give one patch of errors per position; the overlapping
    // patches are summed into the input map, each addition a read-modify-write of the map in
    // the buffer. K patch values merge into M map values in K - M additions (contributions that
    // fall on the padding are not subtracted); a dense layer has nothing to merge.
    const double col2im_adds =
        std::max(0.0, static_cast<double>(s.patch_values() * s.positions - s.input_values));
    err.adder_ops += col2im_adds;
    err.buffer_read_bits += col2im_adds * err_bits;
    err.buffer_write_bits += col2im_adds * err_bits;
    // The error at this layer's input, through the pooling after layer l-1 back to that layer's
    // whole output map: every value of the map is compared with its window's maximum (max
    // pooling; average pooling: given its share of the error), one pooling operation each.
    double n = static_cast<double>(s.input_side_values());
    const LayerShape& below = shape.layers[index - 1];
    if (below.pooled()) {
      const double unpooled = static_cast<double>(below.output_values());
      err.pooling_ops += unpooled;
      err.buffer_read_bits += static_cast<double>(below.pooled_values) * in_bits;
      n += unpooled - static_cast<double>(below.pooled_values);
    }
    // delta_{l-1} = f'(h_{l-1}) * (W_l^T or B_l) delta_l: n products with the derivative.
    err.digital_macs += n;
    err.buffer_read_bits += o * err_bits + n * in_bits;
    err.buffer_write_bits += n * err_bits;
  } else if (feedback_shape(shape, index)) {
    // delta_l = f'(h_l) * B_l e (output error) or B_l target over the whole output map: o
    // products with the derivative.
    err.digital_macs += o;
    err.buffer_read_bits += o * in_bits;
    err.buffer_write_bits += o * err_bits;
  }
  return err;
}

PhaseCounts pooling_counts(const NetworkShape& shape, std::size_t index, const TileSpec& tile) {
  const LayerShape& s = shape.layers[index];
  PhaseCounts pool;
  if (!s.pooled()) return pool;
  // The pooling unit reads the layer's output map back from the buffer (a window spans rows of
  // the map) and writes the pooled map, the next layer's input.
  const double in_bits = static_cast<double>(tile.input_bits);
  pool.pooling_ops = s.pool_ops;
  pool.buffer_read_bits = static_cast<double>(s.output_values()) * in_bits;
  pool.buffer_write_bits = static_cast<double>(s.pooled_values) * in_bits;
  return pool;
}

EstimatedCounts estimate_counts(const NetworkShape& shape, const TileSpec& tile,
                                const CostSpec& cost) {
  const std::size_t layers = shape.layers.size();
  EstimatedCounts out{EventCounts(layers), EventCounts(layers)};
  out.training.samples = 1;
  out.inference.samples = 1;
  const double in_bits = static_cast<double>(tile.input_bits);
  const double err_bits = static_cast<double>(cost.error_bits);
  const double batch = static_cast<double>(shape.batch_size);
  const double last_outputs = static_cast<double>(shape.layers.back().outputs);

  for (std::size_t i = 0; i < layers; ++i) {
    const LayerShape& s = shape.layers[i];
    const ArrayMapping m = map_array(s.inputs, s.outputs, tile);
    const double n = static_cast<double>(s.inputs);
    const double o = static_cast<double>(s.outputs);
    // A conv layer reads its one set of tiles once per output position, one after another.
    const double positions = static_cast<double>(s.positions);
    const double density = i == 0 ? cost.input_bit_density : cost.hidden_bit_density;
    LayerCounts& layer = out.training.layers[i];

    // Forward, per position: the VMM, the neuron function, the patch in and the outputs out of
    // the buffers (the patches are read from the input map, not stored as im2col copies); then
    // the pooling, if any.
    PhaseCounts& fwd = layer[Phase::kForward];
    fwd = forward_vmm(m, tile, in_bits, density);
    fwd.activation_ops = o;
    fwd.buffer_read_bits = n * in_bits;
    fwd.buffer_write_bits = o * in_bits;
    fwd *= positions;
    fwd += pooling_counts(shape, i, tile);
    out.inference.layers[i][Phase::kForward] = fwd;

    // Error propagation: the work done with this layer's resources.
    PhaseCounts& err = layer[Phase::kErrorPropagation];
    err = error_unit_counts(shape, i, tile, cost);
    const RulePath& path = shape.rule.path;
    const std::optional<LayerShape> b = feedback_shape(shape, i);
    if (path.source == SignalSource::kChainTransposed && i > 0 && !cost.transposed_reads) {
      // backward: digital: W^T delta in digital MACs on the held weights, per position (what
      // CrossbarArray::backward records).
      err.digital_macs += n * o * positions;
    } else if (path.source == SignalSource::kChainTransposed && i > 0) {
      PhaseCounts transposed = transposed_vmm(m, tile, err_bits, cost.error_bit_density);
      transposed *= positions;
      err += transposed;
    } else if (b) {
      const bool target = path.source == SignalSource::kProjectTarget;
      // A projected one-hot target: one active line, one bit.
      const double b_bits = target ? 1 : err_bits;
      const double b_density = target ? 1 / last_outputs : cost.error_bit_density;
      const ArrayMapping b_map = map_array(b->inputs, b->outputs, tile);
      if (cost.feedback_storage == FeedbackStorage::kAnalog) {
        layer.feedback = forward_vmm(b_map, tile, b_bits, b_density);
      } else {
        const double entries =
            static_cast<double>(b->inputs * b->outputs) * path.feedback_density(b->inputs);
        // A target selects one column of B (no multiplications); an error multiplies every
        // (nonzero) entry.
        layer.feedback.digital_macs = target ? 0 : entries;
        layer.feedback.buffer_read_bits =
            target
                ? feedback_sram_bits(*b, path, cost.feedback_bits) / static_cast<double>(b->inputs)
                : feedback_sram_bits(*b, path, cost.feedback_bits);
        layer.feedback.buffer_read_bits += static_cast<double>(b->inputs) * b_bits;
      }
      // A chained B_l of a conv layer is read once per position, as W_l^T is in BP.
      layer.feedback *= static_cast<double>(b->positions);
      if (path.feedback_learned) {
        // B_l gets the transpose of W_l's update: rows of B are driven by delta_l.
        const double delta_nonzero = nonzero_fraction(cost.error_bit_density, err_bits);
        if (cost.feedback_storage == FeedbackStorage::kAnalog) {
          layer.feedback_update =
              update_counts(b_map, tile, cost, delta_nonzero, batch * positions);
        } else {
          // Read-modify-write of every stored entry once per batch.
          const double bits = feedback_sram_bits(*b, path, cost.feedback_bits);
          layer.feedback_update.digital_macs =
              static_cast<double>(b->inputs * b->outputs) * path.feedback_density(b->inputs);
          layer.feedback_update.buffer_read_bits = bits;
          layer.feedback_update.buffer_write_bits = bits;
        }
        layer.feedback_update *= 1 / batch;
      }
    }

    // Weight gradient: delta x^T for the nonzero inputs, turned into pulse counts; a conv
    // layer's gradient is the sum of the outer products of all positions (weight sharing).
    const double x_nonzero = nonzero_fraction(density, in_bits);
    PhaseCounts& grad = layer[Phase::kWeightGradient];
    grad.digital_macs = o * n * x_nonzero * positions;
    grad.buffer_read_bits = (n * in_bits + o * err_bits) * positions;
    // The gradient is accumulated in the buffer until the update: each position after a sample's
    // first and, in a batch, each sample add their products to it (read-modify-write).
    const double accumulations = positions - 1 + (shape.batch_size > 1 ? 1 : 0);
    grad.buffer_read_bits += o * n * err_bits * accumulations;
    grad.buffer_write_bits += o * n * err_bits * accumulations;

    // Weight update, once per batch: rows with a nonzero input (in any position of any sample of
    // the batch) get programmed.
    PhaseCounts& upd = layer[Phase::kWeightUpdate];
    upd = update_counts(m, tile, cost, x_nonzero, batch * positions);
    upd *= 1 / batch;
  }
  return out;
}

}  // namespace cimsim::sim::cost
