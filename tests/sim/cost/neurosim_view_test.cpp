// NeuroSim's per-epoch view of a cost report: which phases and components it takes, and how.
#include "sim/cost/neurosim_view.hpp"

#include <gtest/gtest.h>

namespace cimsim::sim::cost {
namespace {

TEST(NeuroSimView, ReadsAreTrainingForwardTestReadsApartWritesAreTheUpdatePhase) {
  CostReport r;
  r.epoch_samples = 8000;
  r.training_latency_by_phase_s = {2e-6, 3e-6, 5e-7, 0.1};
  r.training_energy_by_phase_j = {4e-10, 6e-10, 1e-10, 3e-8};
  r.latency_per_inference_s = 1.5e-6;
  r.inference_dynamic_energy_j = 3.5e-10;
  r.area_um2[Component::kCellArray] = 100;
  r.area_um2[Component::kAdc] = 40;
  r.area_um2[Component::kWriteDriver] = 10;
  r.area_um2[Component::kAdderTree] = 7;
  r.area_um2[Component::kActivation] = 3;
  r.area_um2[Component::kBuffer] = 50;
  r.area_um2[Component::kOuterProduct] = 20;
  const NeuroSimView v = neurosim_view(r, 10000);
  // NeuroSim prints the training forward reads only; the test reads are a figure of their own.
  EXPECT_DOUBLE_EQ(v.read_latency_per_epoch_s, 8000 * 2e-6);
  EXPECT_DOUBLE_EQ(v.read_energy_per_epoch_j, 8000 * 4e-10);
  EXPECT_DOUBLE_EQ(v.test_read_latency_per_epoch_s, 10000 * 1.5e-6);
  EXPECT_DOUBLE_EQ(v.test_read_energy_per_epoch_j, 10000 * 3.5e-10);
  EXPECT_DOUBLE_EQ(v.write_latency_per_epoch_s, 8000 * 0.1);
  EXPECT_DOUBLE_EQ(v.write_energy_per_epoch_j, 8000 * 3e-8);
  EXPECT_DOUBLE_EQ(v.outside_scope_energy_per_epoch_j, 8000 * (6e-10 + 1e-10));
  EXPECT_DOUBLE_EQ(v.synaptic_core_area_um2, 150);
  EXPECT_DOUBLE_EQ(v.neuron_periphery_area_um2, 10);
  EXPECT_DOUBLE_EQ(v.outside_scope_area_um2, 70);
  EXPECT_DOUBLE_EQ(neurosim_view(r, 0).test_read_latency_per_epoch_s, 0);
  const std::string json = neurosim_view_to_json(v).dump();
  EXPECT_NE(json.find("\"synaptic_core_area_m2\""), std::string::npos);
  EXPECT_NE(json.find("\"test_read_energy_per_epoch_j\""), std::string::npos);
  EXPECT_NE(format_neurosim_view(v).find("write latency 800 s"), std::string::npos);
}

}  // namespace
}  // namespace cimsim::sim::cost
