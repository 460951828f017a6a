// The hardware cost of an experiment: the network as the cost model sees it, priced either from
// analytic event counts (`cimsim cost`, no training) or from the events a run's arrays recorded.
#pragma once

#include <map>
#include <string>

#include "algorithms/network.hpp"
#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"
#include "sim/cost/cost_report.hpp"
#include "sim/cost/network_shape.hpp"

namespace cimsim::experiments {

sim::cost::NetworkShape network_shape(const ExperimentSpec& spec, const DatasetGeometry& geometry);

// `cimsim cost`: the analytic report.
sim::cost::CostReport analytic_cost(const ExperimentSpec& spec, const DatasetGeometry& geometry);

// The report of a finished run: training energy from the pulses actually fired and conversions
// actually made over `samples` training samples (layer arrays plus the feedback arrays that
// served each layer, `feedback[l]`); inference from the analytic forward counts.
sim::cost::CostReport measured_cost(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                                    const algorithms::Network& net,
                                    const std::map<std::string, const sim::WeightArray*>& feedback,
                                    double samples);

}  // namespace cimsim::experiments
