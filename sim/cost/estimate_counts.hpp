// Analytic expected event counts of one training sample and one inference, for `cimsim cost`
// (no training run). Activity comes from the cost spec's assumptions: bit densities of inputs,
// activations and errors, the fraction of cells pulsed per update and the mean pulses per
// programmed cell. A training run replaces these with the counts its tiles recorded.
#pragma once

#include "sim/cost/cost_spec.hpp"
#include "sim/cost/network_shape.hpp"
#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim::cost {

struct EstimatedCounts {
  EventCounts training;   // one training sample (update events divided by the batch size)
  EventCounts inference;  // one inference (forward phase only)
};

// The error unit's digital work for layer `index` in one training sample: the output error, the
// products with f' over whole maps, a conv layer's col2im sums and the unpooling of the pooling
// below it (BP/FA), and the buffer traffic of the teaching signal (not the array reads or the B
// product, counted apart). It depends on the shape alone, so a training run, whose tiles record
// only their own events, adds it from here.
PhaseCounts error_unit_counts(const NetworkShape& shape, std::size_t index, const TileSpec& tile,
                              const CostSpec& cost);

// The forward work of the pooling after layer `index` in one sample or inference (nothing when
// no pooling follows it): its comparisons or additions and its buffer traffic. No array records
// it, so a training run adds it to the forward phase from here.
PhaseCounts pooling_counts(const NetworkShape& shape, std::size_t index, const TileSpec& tile);

EstimatedCounts estimate_counts(const NetworkShape& shape, const TileSpec& tile,
                                const CostSpec& cost);

}  // namespace cimsim::sim::cost
