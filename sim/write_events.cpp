#include "sim/write_events.hpp"

#include <algorithm>

namespace cimsim::sim {

WriteEvents::WriteEvents(Eigen::Index outputs, Eigen::Index tile_outputs, const TileSpec& tile)
    : batches_(static_cast<std::size_t>(tile.cols_per_write_driver)) {
  for (Eigen::Index i = 0; i < outputs; ++i) {
    const std::int64_t column = (i % tile_outputs) * tile.columns_per_weight();
    const auto batch = static_cast<std::size_t>(column / tile.cells_per_write_batch());
    if (i % tile_outputs == 0 || segments_.back().batch != batch) {
      segments_.push_back({i, 0, batch});
    }
    ++segments_.back().length;
  }
}

void WriteEvents::start(std::size_t rows) {
  ltp_max_.assign(rows * batches_, 0);
  ltd_max_.assign(rows * batches_, 0);
}

void WriteEvents::add_row(std::size_t k, const Eigen::VectorXi& pulses, PhaseCounts& write) {
  write.ltp_pulses += pulses.cwiseMax(0).sum();
  write.ltd_pulses += (-pulses).cwiseMax(0).sum();
  for (const Segment& g : segments_) {
    const std::size_t slot = k * batches_ + g.batch;
    ltp_max_[slot] = std::max(ltp_max_[slot], pulses.segment(g.start, g.length).maxCoeff());
    ltd_max_[slot] = std::max(ltd_max_[slot], -pulses.segment(g.start, g.length).minCoeff());
  }
}

void WriteEvents::finish(const std::vector<Eigen::Index>& rows, Eigen::Index inputs,
                         Eigen::Index tile_inputs, PhaseCounts& write) const {
  std::vector<double> slots_per_tile(
      static_cast<std::size_t>((inputs + tile_inputs - 1) / tile_inputs), 0.0);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    for (std::size_t slot = k * batches_; slot < (k + 1) * batches_; ++slot) {
      write.write_row_selects +=
          (ltp_max_[slot] > 0 ? 1.0 : 0.0) + (ltd_max_[slot] > 0 ? 1.0 : 0.0);
      write.write_batches += ltp_max_[slot] > 0 || ltd_max_[slot] > 0 ? 1.0 : 0.0;
      slots_per_tile[static_cast<std::size_t>(rows[k] / tile_inputs)] +=
          ltp_max_[slot] + ltd_max_[slot];
    }
  }
  write.write_slots += *std::max_element(slots_per_tile.begin(), slots_per_tile.end());
}

}  // namespace cimsim::sim
