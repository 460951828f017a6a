// The cost model: prices event counts with the circuits of a hardware point and schedules them.
//
//   CostModel model(shape, tile, cost);          // floorplan + circuits, once per hardware point
//   CostReport r = model.evaluate(training_counts, inference_counts);  // counts of a run
//   CostReport r = evaluate(shape, tile, cost);  // `cimsim cost`: analytic counts
//
// Energy = sum over events of count x energy per event, plus leakage x time. Latency: each layer
// phase lasts (read steps x read-step time) + (pulse slots x pulse width) + digital work over
// its parallel lanes; the phases are placed by the training rule's schedule (schedule.hpp). A
// conv layer's counts hold one read per output position, one after another on its one set of
// tiles, so its read phases last `positions` times those of the same matrix in a dense layer.
#pragma once

#include "sim/cost/cost_report.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/floorplan.hpp"
#include "sim/cost/network_shape.hpp"
#include "sim/cost/tile_circuits.hpp"
#include "sim/event_counts.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::sim::cost {

class CostModel {
 public:
  // Throws std::invalid_argument for an empty network, a layer without inputs/outputs or a
  // batch size below 1.
  CostModel(NetworkShape shape, TileSpec tile, CostSpec cost);

  const Floorplan& floorplan() const { return floorplan_; }
  const TileCircuits& circuits() const { return circuits_; }

  // Prices `training` (counts over training.samples samples) and `inference` (over
  // inference.samples inferences). Both need one LayerCounts per layer; throws
  // std::invalid_argument otherwise.
  CostReport evaluate(const EventCounts& training, const EventCounts& inference) const;

 private:
  NetworkShape shape_;
  TileSpec tile_;
  CostSpec cost_;
  TileCircuits circuits_;
  Floorplan floorplan_;
};

// The analytic report of `cimsim cost`: estimate_counts() priced by a CostModel.
CostReport evaluate(const NetworkShape& shape, const TileSpec& tile, const CostSpec& cost);

}  // namespace cimsim::sim::cost
