#include "sim/cost/technology.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/cost/circuits.hpp"

namespace cimsim::sim::cost {
namespace {

TEST(Technology, AllNodesFromThePtmTable) {
  EXPECT_EQ(known_nodes_nm(), (std::vector<int>{130, 90, 65, 45, 32, 22, 14, 10, 7}));
  const Technology t = technology_for_node(32);
  EXPECT_DOUBLE_EQ(t.vdd_v, 0.9);
  EXPECT_DOUBLE_EQ(t.ion_a_per_um, 1410e-6);
  EXPECT_NEAR(t.gate_cap_f_per_um, 0.8481483e-15, 1e-21);
  // rho / (w^2 AR) = 3.7e-8 / (56e-9^2 * 1.8) ohm/m = 6.555 ohm/um.
  EXPECT_NEAR(t.wire_res_ohm_per_um, 6.5548, 1e-3);
  // A 100 nm wire of the same metal: (56/100)^2 of that.
  EXPECT_NEAR(t.wire_res_ohm_per_um_at(100e-9), 6.5548 * 0.56 * 0.56, 1e-3);
  EXPECT_THROW(technology_for_node(33), std::out_of_range);
  EXPECT_FALSE(is_known_node(5));
}

TEST(Technology, SupplyAndGateEnergyFallWithTheNode) {
  double previous_vdd = 1e9, previous_energy = 1e9, previous_area = 1e9;
  for (const int node : known_nodes_nm()) {
    const Technology t = technology_for_node(node);
    const GateModel g = gate_model(t);
    EXPECT_LE(t.vdd_v, previous_vdd) << node;
    EXPECT_LT(g.ge_energy_j, previous_energy) << node;
    EXPECT_LT(g.ge_area_um2, previous_area) << node;
    previous_vdd = t.vdd_v;
    previous_energy = g.ge_energy_j;
    previous_area = g.ge_area_um2;
  }
}

}  // namespace
}  // namespace cimsim::sim::cost
