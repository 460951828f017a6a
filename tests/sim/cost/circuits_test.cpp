#include "sim/cost/circuits.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace cimsim::sim::cost {
namespace {

class Circuits : public ::testing::Test {
 protected:
  Technology tech = technology_for_node(32);
  GateModel gates = gate_model(tech);
};

TEST_F(Circuits, WireRcOfAKnownLength) {
  // 100 um of minimum-width 32 nm wire: R = 100 * 6.5548 ohm, C = 100 * 0.2 fF,
  // Elmore delay of a distributed line 0.38 R C.
  const Wire w = make_wire(100, tech.wire_res_ohm_per_um, tech.wire_cap_f_per_um);
  EXPECT_NEAR(w.resistance_ohm, 655.48, 0.01);
  EXPECT_NEAR(w.capacitance_f, 20e-15, 1e-20);
  EXPECT_NEAR(w.delay_s(), 0.38 * 655.48 * 20e-15, 1e-16);
}

TEST_F(Circuits, FlashEnergyDoublesWithEachBit) {
  // Every part of a flash converter scales with its 2^b - 1 comparators.
  for (int b = 1; b < 8; ++b) {
    const double e1 = adc(tech, gates, AdcKind::kFlash, b, 1e9).energy_j;
    const double e2 = adc(tech, gates, AdcKind::kFlash, b + 1, 1e9).energy_j;
    EXPECT_NEAR(e2 / e1, (std::pow(2.0, b + 1) - 1) / (std::pow(2.0, b) - 1), 1e-9) << b;
  }
}

TEST_F(Circuits, SarEnergyApproachesDoublingAsTheDacDominates) {
  // The comparator and SAR-register terms grow like b and b^2, the DAC like 2^b.
  double previous_ratio = 0;
  for (int b = 8; b < 16; ++b) {
    const double ratio = adc(tech, gates, AdcKind::kSar, b + 1, 1e9).energy_j /
                         adc(tech, gates, AdcKind::kSar, b, 1e9).energy_j;
    EXPECT_GT(ratio, previous_ratio) << b;
    EXPECT_LT(ratio, 2.0) << b;
    previous_ratio = ratio;
  }
  EXPECT_NEAR(previous_ratio, 2.0, 0.05);
  // At 1 bit: one comparator decision, one bit of SAR logic, two unit capacitors.
  const CircuitCost comp = comparator(tech, gates);
  const double logic = kActivity * (kFlipFlopGe + 3) * gates.ge_energy_j;
  EXPECT_NEAR(adc(tech, gates, AdcKind::kSar, 1, 1e9).energy_j,
              comp.energy_j + logic + 0.5 * 2 * kUnitCapF * 0.81, 1e-20);
  // A SAR converts one bit per clock.
  EXPECT_NEAR(adc(tech, gates, AdcKind::kSar, 8, 2e9).latency_s, 4e-9, 1e-15);
}

TEST_F(Circuits, AdcAreaGrowsWithBitsForEveryType) {
  for (const AdcKind kind : {AdcKind::kSar, AdcKind::kFlash, AdcKind::kSenseAmp}) {
    for (int b = 1; b < 8; ++b) {
      EXPECT_LT(adc(tech, gates, kind, b, 1e9).area_um2,
                adc(tech, gates, kind, b + 1, 1e9).area_um2);
    }
  }
}

TEST_F(Circuits, DigitalBlocksScaleWithWidth) {
  EXPECT_NEAR(adder(gates, 16).energy_j, 2 * adder(gates, 8).energy_j, 1e-24);
  EXPECT_NEAR(multiplier(gates, 8, 8).area_um2, 4 * multiplier(gates, 4, 4).area_um2, 1e-9);
  EXPECT_GT(accumulator(gates, 8).area_um2, adder(gates, 8).area_um2);
}

TEST_F(Circuits, EnergyPerOperationFallsWithTheNode) {
  double previous_adc = 1, previous_adder = 1;
  for (const int node : known_nodes_nm()) {
    const Technology t = technology_for_node(node);
    const GateModel g = gate_model(t);
    const double e_adc = adc(t, g, AdcKind::kFlash, 5, 1e9).energy_j;
    const double e_add = adder(g, 16).energy_j;
    EXPECT_LT(e_adc, previous_adc) << node;
    EXPECT_LT(e_add, previous_adder) << node;
    previous_adc = e_adc;
    previous_adder = e_add;
  }
}

TEST_F(Circuits, SramBufferAreaIsCellsPlusBankPeriphery) {
  const SramBuffer one_bank = sram_buffer(tech, gates, 128 * 128, 1e9);
  const SramBuffer two_banks = sram_buffer(tech, gates, 2 * 128 * 128, 1e9);
  const double cell_um2 = 28 * 10 * 0.032 * 0.032;
  EXPECT_NEAR(two_banks.read.area_um2 - one_bank.read.area_um2, one_bank.read.area_um2,
              1e-6);  // a second identical bank
  EXPECT_GT(one_bank.read.area_um2, 128 * 128 * cell_um2);
  EXPECT_GT(one_bank.write_energy_j, one_bank.read.energy_j - comparator(tech, gates).energy_j);
}

}  // namespace
}  // namespace cimsim::sim::cost
