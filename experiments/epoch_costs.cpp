#include "experiments/epoch_costs.hpp"

#include <sstream>

#include "experiments/run_cost.hpp"

namespace cimsim::experiments {

EpochCosts::EpochCosts(const ExperimentSpec& spec, const DatasetGeometry& geometry,
                       double test_samples)
    : spec_(spec), geometry_(geometry), test_samples_(test_samples) {}

void EpochCosts::record(const RecordedEvents& cumulative) {
  RecordedEvents epoch = cumulative;
  for (std::size_t l = 0; l < previous_.training.layers.size(); ++l) {
    sim::LayerCounts before = previous_.training.layers[l];
    before *= -1.0;  // counters are exact integers in doubles: the difference is exact
    epoch.training.layers.at(l) += before;
  }
  epoch.training.samples = static_cast<double>(geometry_.epoch_samples);
  views_.push_back(
      sim::cost::neurosim_view(price_recorded(spec_, geometry_, epoch).report, test_samples_));
  previous_ = cumulative;
}

std::string EpochCosts::csv() const {
  std::ostringstream out;
  out.precision(17);
  out << "epoch,read_latency_s,read_energy_j,write_latency_s,write_energy_j,"
         "outside_scope_energy_j\n";
  for (std::size_t e = 0; e < views_.size(); ++e) {
    const sim::cost::NeuroSimView& v = views_[e];
    out << e + 1 << ',' << v.read_latency_per_epoch_s << ',' << v.read_energy_per_epoch_j << ','
        << v.write_latency_per_epoch_s << ',' << v.write_energy_per_epoch_j << ','
        << v.outside_scope_energy_per_epoch_j << '\n';
  }
  return out.str();
}

}  // namespace cimsim::experiments
