// A layer's weight matrix on simulated crossbar tiles.
//
// Orientation: matrices here are outputs x inputs like W. Physically, input k drives row k of a
// tile and output c is read on its column (two columns for a differential pair); a transposed
// read drives the columns and senses the rows. The matrix is cut into tiles of tile.rows inputs x
// (weight columns / columns per weight) outputs; tiles sum in parallel and their partial sums are
// digitized separately, then added digitally.
//
// A read: each sample's input vector is scaled to [-1, 1] by its largest magnitude (a digital
// factor), quantized to input_bits and applied through a DAC or bit-serially (one bit plane per
// cycle, shift-added after the ADC), positive and negative parts in separate cycles. Each tile's
// analog sums get the device's read noise (exact column-sum variance of independent relative cell
// noise) and optional IR drop, then go through the ADC. With every stage off a read is the float
// product of the conductance-encoded weights.
//
// An update: dW = -lr / batch * delta x^T becomes programming pulses (NeuroSim quantized counts,
// stochastic pulse trains or mixed-precision accumulation) that the device model applies with
// its own nonlinearity and noise, only to the physical rows (inputs) that carry a signal.
#pragma once

#include <memory>
#include <vector>

#include "devices/cell_block.hpp"
#include "devices/device_model.hpp"
#include "sim/adc_range.hpp"
#include "sim/core/quantizer.hpp"
#include "sim/crossbar_spec.hpp"
#include "sim/pulse_update.hpp"
#include "sim/tile_spec.hpp"
#include "sim/weight_array.hpp"
#include "sim/write_events.hpp"

namespace cimsim::sim {

struct CrossbarConfig {
  TileSpec tile;
  CrossbarSpec numerics;
  std::shared_ptr<const devices::DeviceModel> device;
  // False for fixed matrices (DFA/FA feedback), which may be bit-sliced; trainable arrays need one
  // cell per weight side (cells_per_weight() == 1). Checked by the caller that knows the keys.
  bool trainable = true;
  // WAGE-style gradient quantization of dW before it becomes pulses (pulse and mixed-precision
  // updates; stochastic trains are quantized by construction).
  core::QuantizerSpec gradient_quantizer;
};

class CrossbarArray final : public WeightArray {
 public:
  CrossbarArray(Eigen::Index outputs, Eigen::Index inputs, CrossbarConfig config, core::Rng rng);

  Eigen::Index outputs() const override { return outputs_; }
  Eigen::Index inputs() const override { return inputs_; }
  void forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) override;
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
             core::Rng& noise) const override;
  void backward(const Eigen::Ref<const Eigen::MatrixXf>& y_error,
                Eigen::MatrixXf& x_error) override;
  void update(const Eigen::Ref<const Eigen::MatrixXf>& delta,
              const Eigen::Ref<const Eigen::MatrixXf>& x, float learning_rate) override;
  Eigen::MatrixXf weights() const override;
  void set_weights(const Eigen::Ref<const Eigen::MatrixXf>& w) override;
  const LayerCounts& counts() const override { return counts_; }

  // The weights as a read sees them: weights() through the access resistance and IR drop, on
  // the read scale (what backward: digital multiplies by).
  Eigen::MatrixXf read_weights() const;

  // The weight change one pulse makes (in weight units, at g_min, nominal device).
  float weight_per_pulse() const { return pulse_update_.weight_per_pulse(); }

 private:
  // The read pipeline shared by forward (transposed = false), backward and infer. `adc` holds the
  // ADC range; with `calibrating` the read may widen a calibrated range. Events go to `counts`
  // when it is not null.
  void analog_product(bool transposed, const Eigen::Ref<const Eigen::MatrixXf>& x,
                      Eigen::MatrixXf& y, core::Rng& rng, AdcRange& adc, bool calibrating,
                      PhaseCounts* counts) const;
  void apply_pulse_matrix(const Eigen::MatrixXi& pulses, const std::vector<Eigen::Index>& columns);
  void refresh_derived(const std::vector<Eigen::Index>& columns);
  void refresh_all_derived();

  Eigen::Index outputs_;
  Eigen::Index inputs_;
  CrossbarConfig config_;
  core::Rng rng_;
  int slices_;
  Eigen::Index tile_inputs_;   // inputs per tile (physical rows)
  Eigen::Index tile_outputs_;  // outputs per tile (weights along a row)
  WriteEvents write_events_;   // the programming schedule's event counts
  PulseUpdate pulse_update_;   // dW -> pulse counts
  double g_min_, g_max_, g_ref_;
  // What a read sees of the reference (through access_resistance_ohm; g_ref without it), and the
  // factor that maps a read's siemens back onto the weight scale.
  double read_g_ref_;
  float read_factor_ = 1.0f;
  float read_noise_std_;
  std::vector<float> slice_factor_;        // weight per siemens of (G+ - G-) for each slice
  std::vector<devices::CellBlock> plus_;   // per slice
  std::vector<devices::CellBlock> minus_;  // per slice; empty with the reference mapping
  // Derived per slice, refreshed whenever conductances change: the signed conductance the sum
  // sees (G+ - G-, or G - g_ref; IR drop applied) and G+^2 + G-^2 for the read-noise variance.
  std::vector<Eigen::MatrixXf> g_signed_;  // (G - read_g_ref with the reference mapping)
  std::vector<Eigen::MatrixXf> g_square_;
  Eigen::ArrayXXf ir_path_ohm_;  // closed-form IR drop: wire resistance in series with each cell
  std::int64_t updates_ = 0;
  AdcRange forward_adc_, backward_adc_;  // the ADC range of each read direction
  LayerCounts counts_;
};

}  // namespace cimsim::sim
