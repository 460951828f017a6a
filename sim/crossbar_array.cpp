#include "sim/crossbar_array.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "devices/cell_subset.hpp"
#include "sim/input_planes.hpp"
#include "sim/ir_drop.hpp"
#include "sim/pair_refresh.hpp"
#include "sim/read_events.hpp"
#include "sim/weight_programming.hpp"

namespace cimsim::sim {
namespace {

// Rows of x (inputs x batch: the weight matrix's columns) with at least one nonzero entry,
// found column by column (x is column-major and may have a column per sample and position).
std::vector<Eigen::Index> nonzero_rows(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  Eigen::Array<bool, Eigen::Dynamic, 1> used =
      Eigen::Array<bool, Eigen::Dynamic, 1>::Constant(x.rows(), false);
  for (Eigen::Index b = 0; b < x.cols(); ++b) used = used || (x.col(b).array() != 0.0f);
  std::vector<Eigen::Index> out;
  for (Eigen::Index j = 0; j < x.rows(); ++j) {
    if (used(j)) out.push_back(j);
  }
  return out;
}

// Weight per siemens of signed conductance: differential (G+ - G-) spans +-range; the reference
// mapping G - g_ref spans +-range/2 for the same weights.
double weight_per_siemens(const CrossbarConfig& config) {
  const devices::DeviceInfo& info = config.device->info();
  const bool differential = config.tile.mapping == WeightMapping::kDifferential;
  return config.numerics.weight_range / (info.g_max_siemens - info.g_min_siemens) *
         (differential ? 1.0 : 2.0);
}

// A conductance as a read sees it, through the access resistance in series.
double through_access(double g_siemens, double access_ohm) {
  return g_siemens / (1.0 + g_siemens * access_ohm);
}

AdcRange adc_range(const CrossbarConfig& config) {
  const devices::DeviceInfo& info = config.device->info();
  const double access = config.numerics.access_resistance_ohm;
  return AdcRange(
      config.numerics, static_cast<int>(config.tile.adc_bits),
      through_access(info.g_max_siemens, access) - through_access(info.g_min_siemens, access),
      config.tile.mapping == WeightMapping::kReference);
}

}  // namespace

CrossbarArray::CrossbarArray(Eigen::Index outputs, Eigen::Index inputs, CrossbarConfig config,
                             core::Rng rng)
    : outputs_(outputs),
      inputs_(inputs),
      config_(std::move(config)),
      rng_(rng),
      tile_inputs_(std::min<Eigen::Index>(config_.tile.rows, inputs)),
      tile_outputs_(std::max<Eigen::Index>(
          1, config_.tile.weight_columns() / config_.tile.columns_per_weight())),
      write_events_(outputs, tile_outputs_, config_.tile),
      pulse_update_(outputs, inputs, config_.numerics, config_.gradient_quantizer,
                    config_.device->info(), weight_per_siemens(config_),
                    config_.tile.mapping == WeightMapping::kDifferential &&
                        config_.numerics.pair_update == PairUpdate::kBoth),
      forward_adc_(adc_range(config_)),
      backward_adc_(adc_range(config_)) {
  const TileSpec& tile = config_.tile;
  const devices::DeviceInfo& info = config_.device->info();
  const bool differential = tile.mapping == WeightMapping::kDifferential;
  slices_ = static_cast<int>(tile.cells_per_weight());
  if (config_.trainable && slices_ != 1) {
    throw std::invalid_argument("a trainable crossbar array needs one cell per weight side");
  }
  if (!differential && slices_ != 1) {
    throw std::invalid_argument("the reference-column mapping needs one cell per weight");
  }
  if (differential && config_.numerics.neurosim_initial_conductance) {
    throw std::invalid_argument("initial_conductance: neurosim needs mapping: reference");
  }
  if (differential && config_.numerics.adc &&
      config_.numerics.adc_range == AdcRangeMode::kNeuroSim) {
    throw std::invalid_argument(
        "adc_range: neurosim subtracts a reference column's sum and needs mapping: reference");
  }
  g_min_ = info.g_min_siemens;
  g_max_ = info.g_max_siemens;
  g_ref_ = 0.5 * (g_min_ + g_max_);
  const double range = g_max_ - g_min_;
  const double access = config_.numerics.access_resistance_ohm;
  const double read_g_min = through_access(g_min_, access);
  const double read_g_max = through_access(g_max_, access);
  read_g_ref_ = access > 0.0 ? 0.5 * (read_g_min + read_g_max) : g_ref_;
  read_factor_ = static_cast<float>(range / (read_g_max - read_g_min));
  if (access > 0.0 && config_.numerics.ir_drop == IrDropMode::kSolver) {
    throw std::invalid_argument("access_resistance_ohm is not modelled by ir_drop: solver");
  }
  read_noise_std_ = config_.numerics.read_noise
                        ? static_cast<float>(config_.device->common().read_noise_std)
                        : 0.0f;
  const double per_siemens = weight_per_siemens(config_);
  const double levels = std::ldexp(1.0, static_cast<int>(tile.cell_bits));
  const double full = std::pow(levels, slices_) - 1.0;
  for (int s = 0; s < slices_; ++s) {
    slice_factor_.push_back(static_cast<float>(
        slices_ == 1 ? per_siemens : per_siemens * std::pow(levels, s) * (levels - 1.0) / full));
  }
  for (int s = 0; s < slices_; ++s) {
    plus_.push_back(config_.device->make_block(outputs, inputs, rng_));
    if (differential) minus_.push_back(config_.device->make_block(outputs, inputs, rng_));
  }
  // The solver replaces forward reads; transposed reads and the read-noise variance use the
  // closed form in both modes.
  if (config_.numerics.ir_drop != IrDropMode::kNone) {
    ir_path_ohm_ = ir_drop_path_ohm(outputs, inputs, tile_outputs_, tile_inputs_,
                                    config_.numerics.wire_resistance_ohm,
                                    static_cast<int>(tile.columns_per_weight()));
  }
  g_signed_.assign(static_cast<std::size_t>(slices_), Eigen::MatrixXf(outputs, inputs));
  g_square_.assign(static_cast<std::size_t>(slices_), Eigen::MatrixXf(outputs, inputs));
  refresh_all_derived();
}

void CrossbarArray::refresh_all_derived() {
  std::vector<Eigen::Index> all(static_cast<std::size_t>(inputs_));
  for (Eigen::Index j = 0; j < inputs_; ++j) all[static_cast<std::size_t>(j)] = j;
  refresh_derived(all);
}

void CrossbarArray::refresh_derived(const std::vector<Eigen::Index>& columns) {
  const bool closed_form = ir_path_ohm_.size() > 0;
  const auto access = static_cast<float>(config_.numerics.access_resistance_ohm);
  auto effective = [&](const devices::CellArray& g, Eigen::Index j) -> Eigen::ArrayXf {
    if (!closed_form && access == 0.0f) return g.col(j);
    if (!closed_form) return g.col(j) / (1.0f + g.col(j) * access);
    return g.col(j) / (1.0f + g.col(j) * (ir_path_ohm_.col(j) + access));
  };
  for (int s = 0; s < slices_; ++s) {
    const auto si = static_cast<std::size_t>(s);
    for (const Eigen::Index j : columns) {
      const Eigen::ArrayXf plus = effective(plus_[si].g, j);
      if (minus_.empty()) {
        g_signed_[si].col(j) = (plus - static_cast<float>(read_g_ref_)).matrix();
        g_square_[si].col(j) = plus.square().matrix();
      } else {
        const Eigen::ArrayXf minus = effective(minus_[si].g, j);
        g_signed_[si].col(j) = (plus - minus).matrix();
        g_square_[si].col(j) = (plus.square() + minus.square()).matrix();
      }
    }
  }
}

void CrossbarArray::analog_product(bool transposed, const Eigen::Ref<const Eigen::MatrixXf>& x,
                                   Eigen::MatrixXf& y, core::Rng& rng, AdcRange& adc,
                                   bool calibrating, PhaseCounts* counts) const {
  const Eigen::Index lines = transposed ? outputs_ : inputs_;
  const Eigen::Index outs = transposed ? inputs_ : outputs_;
  const Eigen::Index batch = x.cols();
  if (x.rows() != lines) throw std::invalid_argument("crossbar read: input length mismatch");
  const TileSpec& tile = config_.tile;
  const CrossbarSpec& num = config_.numerics;

  InputPlanes planes;
  encode_inputs(x, tile, num, planes);
  const Eigen::Index plane_count = planes.cycles();
  const Eigen::MatrixXf& stacked = planes.stacked;

  const Eigen::Index line_tile = transposed ? tile_outputs_ : tile_inputs_;
  const Eigen::Index line_tiles = (lines + line_tile - 1) / line_tile;
  y = Eigen::MatrixXf::Zero(outs, batch);
  Eigen::MatrixXf z, variance, noise;
  // A calibrated ADC range still forming, or not formed yet, takes the largest sum of this read.
  const bool observe = adc.observes(calibrating);
  float observed_max = 0.0f;
  const bool neurosim_adc = adc.needs_reference_sums();
  std::vector<Eigen::MatrixXf> sums;  // per slice and line tile, kept for the ADC stage
  std::vector<Eigen::RowVectorXf> reference_sums;  // neurosim ADC: g_ref x the inputs' sum
  for (int s = 0; s < slices_; ++s) {
    const auto si = static_cast<std::size_t>(s);
    for (Eigen::Index t = 0; t < line_tiles; ++t) {
      const Eigen::Index start = t * line_tile;
      const Eigen::Index len = std::min(line_tile, lines - start);
      const auto in = stacked.middleRows(start, len);
      if (transposed) {
        z.noalias() = g_signed_[si].middleRows(start, len).transpose() * in;
      } else if (num.ir_drop == IrDropMode::kSolver) {
        z.resize(outs, in.cols());
        for (Eigen::Index col = 0; col < in.cols(); ++col) {
          for (Eigen::Index o = 0; o < outs; o += tile_outputs_) {
            const Eigen::Index n = std::min(tile_outputs_, outs - o);
            const int pitch = static_cast<int>(tile.columns_per_weight());
            auto solve = [&](const devices::CellBlock& b) {
              return ir_drop_solve(b.g.block(o, start, n, len), in.col(col),
                                   num.wire_resistance_ohm, pitch, num.solver_tolerance,
                                   static_cast<int>(num.solver_max_iterations));
            };
            Eigen::VectorXf current = solve(plus_[si]);
            if (minus_.empty()) {
              current.array() -= static_cast<float>(read_g_ref_) * in.col(col).sum();
            } else {
              current -= solve(minus_[si]);
            }
            z.block(o, col, n, 1) = current;
          }
        }
      } else {
        z.noalias() = g_signed_[si].middleCols(start, len) * in;
      }
      if (read_noise_std_ > 0.0f) {
        // Independent relative noise on every cell: the sum's variance is
        // sigma^2 * sum_k x_k^2 (G+_k^2 + G-_k^2).
        const Eigen::MatrixXf in_square = in.array().square().matrix();
        if (transposed) {
          variance.noalias() = g_square_[si].middleRows(start, len).transpose() * in_square;
        } else {
          variance.noalias() = g_square_[si].middleCols(start, len) * in_square;
        }
        noise.resize(z.rows(), z.cols());
        rng.fill_normal(noise.data(), static_cast<std::size_t>(noise.size()), 0.0f,
                        read_noise_std_);
        z.array() += variance.array().max(0.0f).sqrt() * noise.array();
      }
      if (observe) observed_max = std::max(observed_max, z.cwiseAbs().maxCoeff());
      if (neurosim_adc)
        reference_sums.push_back(static_cast<float>(read_g_ref_) * in.colwise().sum());
      sums.push_back(std::move(z));
    }
  }
  adc.digitize(sums, reference_sums, observed_max, line_tile, calibrating);
  std::size_t index = 0;
  for (int s = 0; s < slices_; ++s) {
    for (Eigen::Index t = 0; t < line_tiles; ++t, ++index) {
      for (Eigen::Index p = 0; p < plane_count; ++p) {
        y.noalias() += (slice_factor_[static_cast<std::size_t>(s)] *
                        planes.coefficients[static_cast<std::size_t>(p)]) *
                       sums[index].middleCols(p * batch, batch);
      }
    }
  }
  for (Eigen::Index b = 0; b < batch; ++b) y.col(b) *= planes.scale(b);
  const float gain = static_cast<float>(num.read_gain) * read_factor_;
  if (gain != 1.0f) y *= gain;

  if (counts != nullptr) {
    count_read({lines, outs, line_tiles, plane_count, batch, planes.active_lines, slices_}, tile,
               *counts);
  }
}

void CrossbarArray::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) {
  analog_product(false, x, y, rng_, forward_adc_, true, &counts_[Phase::kForward]);
  counts_[Phase::kForward].activation_ops += static_cast<double>(outputs_ * x.cols());
}

void CrossbarArray::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                          core::Rng& noise) const {
  AdcRange adc = forward_adc_;
  analog_product(false, x, y, noise, adc, false, nullptr);
}

void CrossbarArray::backward(const Eigen::Ref<const Eigen::MatrixXf>& y_error,
                             Eigen::MatrixXf& x_error) {
  if (config_.numerics.backward == BackwardMode::kDigital) {
    // The weights the cells hold, read out (NeuroSim V3's ConductanceToWeight after each write),
    // times the error in digital multiply-accumulate units.
    x_error.noalias() = read_weights().transpose() * y_error;
    counts_[Phase::kErrorPropagation].digital_macs += static_cast<double>(outputs_) *
                                                      static_cast<double>(inputs_) *
                                                      static_cast<double>(y_error.cols());
    return;
  }
  analog_product(true, y_error, x_error, rng_, backward_adc_, true,
                 &counts_[Phase::kErrorPropagation]);
}

void CrossbarArray::update(const Eigen::Ref<const Eigen::MatrixXf>& delta,
                           const Eigen::Ref<const Eigen::MatrixXf>& x, float learning_rate) {
  const CrossbarSpec& num = config_.numerics;
  std::vector<Eigen::Index> columns = nonzero_rows(x);
  if (columns.empty()) return;
  // The inputs that carry a signal (|J| x batch); all of them, usually, for a convolution.
  Eigen::MatrixXf gathered;
  if (static_cast<Eigen::Index>(columns.size()) < x.rows()) {
    gathered.resize(static_cast<Eigen::Index>(columns.size()), x.cols());
    for (std::size_t k = 0; k < columns.size(); ++k)
      gathered.row(static_cast<Eigen::Index>(k)) = x.row(columns[k]);
  }
  const Eigen::Ref<const Eigen::MatrixXf> x_active =
      gathered.size() > 0 ? Eigen::Ref<const Eigen::MatrixXf>(gathered) : x;
  const Eigen::MatrixXf pulses_f = pulse_update_.pulses(delta, x_active, columns, learning_rate,
                                                        rng_, counts_[Phase::kWeightGradient]);
  // Keep only the physical rows that receive a pulse.
  std::vector<Eigen::Index> fired;
  std::vector<Eigen::Index> kept;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if ((pulses_f.col(static_cast<Eigen::Index>(k)).array() != 0.0f).any()) {
      fired.push_back(columns[k]);
      kept.push_back(static_cast<Eigen::Index>(k));
    }
  }
  ++updates_;
  if (!fired.empty()) {
    Eigen::MatrixXi pulses(outputs_, static_cast<Eigen::Index>(kept.size()));
    for (std::size_t k = 0; k < kept.size(); ++k)
      pulses.col(static_cast<Eigen::Index>(k)) = pulses_f.col(kept[k]).cast<int>();
    apply_pulse_matrix(pulses, fired);
  }
  if (!minus_.empty() && num.pair_update == PairUpdate::kOneSide && num.refresh_every > 0 &&
      updates_ % num.refresh_every == 0) {
    const auto threshold = g_min_ + num.refresh_threshold * (g_max_ - g_min_);
    const std::vector<Eigen::Index> rows = refresh_saturated_pairs(
        plus_[0], minus_[0], *config_.device, threshold, rng_, counts_[Phase::kWeightUpdate]);
    if (!rows.empty()) refresh_derived(rows);
  }
}

void CrossbarArray::apply_pulse_matrix(const Eigen::MatrixXi& pulses,
                                       const std::vector<Eigen::Index>& columns) {
  // Which pulses each conductance array gets for a signed count p: one cell per weight takes p;
  // a pair moving both sides takes (p, -p); a potentiation-only pair takes (p+, p-).
  const bool one_side = config_.numerics.pair_update == PairUpdate::kOneSide;
  struct Side {
    devices::CellBlock* block;
    int sign;   // +1 or -1 applied to p
    bool clip;  // keep only positive results (potentiation only)
  };
  std::vector<Side> sides{{&plus_[0], 1, one_side && !minus_.empty()}};
  if (!minus_.empty()) sides.push_back({&minus_[0], -1, one_side});

  PhaseCounts& write = counts_[Phase::kWeightUpdate];
  const auto active = static_cast<std::size_t>(pulses.cols());
  write_events_.start(active);
  std::vector<Eigen::Index> cells;
  std::vector<int> cell_pulses;
  Eigen::VectorXi v(outputs_);
  for (const Side& side : sides) {
    // Pulse patterns are sparse and irregular: compact the nonzero counts without branches.
    cells.resize(static_cast<std::size_t>(pulses.size()));
    cell_pulses.resize(cells.size());
    std::size_t n = 0;
    for (std::size_t k = 0; k < active; ++k) {
      v = side.sign * pulses.col(static_cast<Eigen::Index>(k));
      if (side.clip) v = v.cwiseMax(0);
      write_events_.add_row(k, v, write);
      const Eigen::Index base = columns[k] * outputs_;
      for (Eigen::Index i = 0; i < outputs_; ++i) {
        cells[n] = base + i;
        cell_pulses[n] = v[i];
        n += v[i] != 0 ? 1 : 0;
      }
    }
    cells.resize(n);
    cell_pulses.resize(n);
    if (cells.empty()) continue;
    write.cells_programmed += static_cast<double>(cells.size());
    const devices::PulseArray counts = Eigen::Map<const devices::PulseArray>(
        cell_pulses.data(), static_cast<Eigen::Index>(cell_pulses.size()), 1);
    devices::CellBlock part = devices::gather_cells(*side.block, cells);
    config_.device->apply_pulses(part, counts, rng_);
    devices::scatter_cells(part, cells, *side.block);
  }
  write_events_.finish(columns, inputs_, tile_inputs_, write);
  refresh_derived(columns);
}

Eigen::MatrixXf CrossbarArray::read_weights() const {
  if (config_.numerics.access_resistance_ohm == 0.0 && ir_path_ohm_.size() == 0) return weights();
  // The cells as a read sees them (NeuroSim's ConductanceToWeight reads through ReadCell).
  Eigen::MatrixXf w = Eigen::MatrixXf::Zero(outputs_, inputs_);
  for (int s = 0; s < slices_; ++s) {
    w += (slice_factor_[static_cast<std::size_t>(s)] * read_factor_) *
         g_signed_[static_cast<std::size_t>(s)];
  }
  return w;
}

Eigen::MatrixXf CrossbarArray::weights() const {
  Eigen::MatrixXf w = Eigen::MatrixXf::Zero(outputs_, inputs_);
  for (int s = 0; s < slices_; ++s) {
    const auto si = static_cast<std::size_t>(s);
    const devices::CellArray diff = minus_.empty()
                                        ? (plus_[si].g - static_cast<float>(g_ref_)).eval()
                                        : (plus_[si].g - minus_[si].g).eval();
    w += slice_factor_[si] * diff.matrix();
  }
  return w;
}

void CrossbarArray::set_weights(const Eigen::Ref<const Eigen::MatrixXf>& w_in) {
  if (w_in.rows() != outputs_ || w_in.cols() != inputs_) {
    throw std::invalid_argument("CrossbarArray::set_weights: shape mismatch");
  }
  const auto range = static_cast<float>(config_.numerics.weight_range);
  const Eigen::ArrayXXf w = w_in.array().max(-range).min(range) / range;  // in [-1, 1]
  program_weights(w, config_.tile, config_.numerics, *config_.device, plus_, minus_, rng_);
  pulse_update_.reset();
  refresh_all_derived();
}

}  // namespace cimsim::sim
