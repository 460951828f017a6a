// Event counts of one update's programming pulses under row-by-row programming (NeuroSim V3
// Train.cpp): each write batch of a physical row (the columns that share no write driver) takes
// its longest LTP train, then its longest LTD train; batches and rows of one tile are
// sequential, tiles work in parallel.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim {

class WriteEvents {
 public:
  // outputs: weights along a physical row; tile_outputs: of them in one tile.
  WriteEvents(Eigen::Index outputs, Eigen::Index tile_outputs, const TileSpec& tile);

  // Starts an update that programs `rows` physical rows.
  void start(std::size_t rows);
  // The signed pulse counts (outputs long) of the update's row k on one conductance array:
  // counts its LTP and LTD pulses into `write` and keeps each batch's longest trains.
  void add_row(std::size_t k, const Eigen::VectorXi& pulses, PhaseCounts& write);
  // Adds the update's row selects, write batches and critical-path slots; rows[k] is the input
  // (physical row) of the update's row k, tile_inputs the physical rows per tile.
  void finish(const std::vector<Eigen::Index>& rows, Eigen::Index inputs, Eigen::Index tile_inputs,
              PhaseCounts& write) const;

 private:
  // The outputs of one batch in one tile column are contiguous: one segment each.
  struct Segment {
    Eigen::Index start, length;
    std::size_t batch;
  };
  std::vector<Segment> segments_;
  std::size_t batches_;  // write batches per physical row of a tile
  // [k * batches_ + b]: the longest LTP / LTD train of the update's row k in batch b.
  std::vector<int> ltp_max_, ltd_max_;
};

}  // namespace cimsim::sim
