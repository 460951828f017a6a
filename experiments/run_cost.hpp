// The hardware cost of an experiment: the network as the cost model sees it, priced either from
// analytic event counts (`cimsim cost`, no training) or from the events a run's arrays recorded
// (at the end of the run, or later from its events.json with `cimsim cost --events`).
#pragma once

#include <map>
#include <string>

#include "algorithms/network.hpp"
#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"
#include "experiments/run_events.hpp"
#include "sim/cost/cost_report.hpp"
#include "sim/cost/network_shape.hpp"

namespace cimsim::experiments {

sim::cost::NetworkShape network_shape(const ExperimentSpec& spec, const DatasetGeometry& geometry);

// `cimsim cost`: the analytic report.
sim::cost::CostReport analytic_cost(const ExperimentSpec& spec, const DatasetGeometry& geometry);

// The training events of a finished run over `samples` training samples, before pricing: what
// its layer arrays recorded, and the feedback arrays that served each layer (`feedback[l]`) when
// B is analog, plus the digital work no array records (error units, pooling), which the shape
// fixes; and the identity of the network and tiles that made them. The runner prices them
// (price_recorded) and writes them to events.json.
RecordedEvents recorded_counts(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                               const algorithms::Network& net,
                               const std::map<std::string, const sim::WeightArray*>& feedback,
                               double samples);

struct PricedEvents {
  sim::cost::CostReport report;
  // The spec puts B on analog tiles but the run kept it digital, so no B array recorded events:
  // the B arrays are priced from estimate_counts' analytic counts times the recorded samples.
  bool feedback_estimated = false;
};

// Prices recorded training events with the hardware of `spec` (events of the network of `spec`
// on `geometry`; check_recorded_matches tells): training energy from the pulses actually fired
// and conversions actually made, inference from the analytic forward counts. B is priced from
// the recorded B arrays' events when both the run and `spec` keep B on analog tiles, and from
// the analytic counts of `spec`'s B path otherwise (a digital B does the same work every sample,
// so those counts are exact; an analog B the run did not have is estimated).
PricedEvents price_recorded(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                            const RecordedEvents& recorded);

}  // namespace cimsim::experiments
