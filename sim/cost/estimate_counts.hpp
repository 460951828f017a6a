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

EstimatedCounts estimate_counts(const NetworkShape& shape, const TileSpec& tile,
                                const CostSpec& cost);

}  // namespace cimsim::sim::cost
