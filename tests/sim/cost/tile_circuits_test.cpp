// The circuits of a tile: the integrate-and-fire read circuit, the series resistance of reads
// and the write batches, each against its equation and against the default it leaves alone.
#include "sim/cost/tile_circuits.hpp"

#include <gtest/gtest.h>

#include "rule_paths.hpp"
#include "sim/cost/floorplan.hpp"
#include "sim/cost/technology.hpp"

namespace cimsim::sim::cost {
namespace {

TileSpec neurosim_tile() {
  TileSpec tile;
  tile.rows = 400;
  tile.cols = 128;
  tile.cols_per_adc = 16;
  tile.adc_bits = 8;
  tile.adc_type = AdcType::kIntegrateFire;
  return tile;
}

// The conversion without its one-clock latch: the integration time t_int.
double integration_s(const TileCircuits& c, const TileSpec& tile, const CostSpec& cost) {
  return c.adc_by_bits[static_cast<std::size_t>(tile.adc_bits)].latency_s - 1 / cost.clock_hz;
}

TEST(TileCircuits, IntegrateFireTimeIsChargeOverTheLargestColumnCurrent) {
  const TileSpec tile = neurosim_tile();
  CostSpec cost;
  cost.cell_type = CellType::kCrossbar;  // no access transistor: I_max = rows V / R_on
  const TileCircuits c = build_tile_circuits(tile, cost);
  const double c_in_f = c.column_load_f + (16 + 3) * c.gates.inverter_cap_f;
  const double i_max_a = 400 * 0.5 * cost.electricals.g_on_siemens;
  EXPECT_NEAR(integration_s(c, tile, cost), c_in_f * 0.1 / i_max_a * 256, 1e-15);
  // Half the on-resistance, twice the current: half the integration time.
  CostSpec faster = cost;
  faster.electricals.g_on_siemens *= 2;
  EXPECT_NEAR(integration_s(build_tile_circuits(tile, faster), tile, faster),
              0.5 * integration_s(c, tile, cost), 1e-15);
  // One bit less, half the firings to count.
  TileSpec seven = tile;
  seven.adc_bits = 7;
  EXPECT_NEAR(integration_s(build_tile_circuits(seven, cost), seven, cost),
              0.5 * integration_s(c, tile, cost), 1e-15);
}

TEST(TileCircuits, IntegrateFireStepSettlesTheColumnThenIntegrates) {
  const TileSpec tile = neurosim_tile();
  CostSpec cost;  // 1T1R, 15 kOhm access transistor
  const TileCircuits c = build_tile_circuits(tile, cost);
  EXPECT_GT(c.column_load_f, c.column_wire.capacitance_f);  // the access transistors' drains
  const DeviceElectricals& dev = cost.electricals;
  const double r_avg = 0.5 * (1 / dev.g_on_siemens + 1 / dev.g_off_siemens) + 15e3;
  const double settle_s = 0.2 * c.column_load_f * r_avg / 200;
  EXPECT_NEAR(c.read_step_s,
              c.row_driver.latency_s + settle_s + c.mux.latency_s + c.adc_by_bits[8].latency_s,
              1e-15);
  // The SAR step does not depend on the cell current.
  TileSpec sar = tile;
  sar.adc_type = AdcType::kSar;
  CostSpec faster = cost;
  faster.electricals.g_on_siemens *= 2;
  EXPECT_EQ(build_tile_circuits(sar, cost).read_step_s,
            build_tile_circuits(sar, faster).read_step_s);
  EXPECT_LT(build_tile_circuits(tile, faster).read_step_s, c.read_step_s);
}

TEST(TileCircuits, IntegrateFireCircuitsAreSharedByTheirMultiplexedColumns) {
  TileSpec tile = neurosim_tile();
  const CostSpec cost;
  const NetworkShape shape = mlp_shape({400, 100}, false, dfa_path(), 1, 1000);
  const auto adc_area = [&](const TileSpec& t) {
    return build_floorplan(shape, t, cost, build_tile_circuits(t, cost)).area_um2[Component::kAdc];
  };
  const double shared = adc_area(tile);
  tile.cols_per_adc = 1;
  EXPECT_NEAR(adc_area(tile), 16 * shared, 1e-9 * shared);
  // Smaller than the SAR converter of the same bits.
  TileSpec sar = neurosim_tile();
  sar.adc_type = AdcType::kSar;
  EXPECT_LT(shared, adc_area(sar));
}

TEST(TileCircuits, IntegrateFireEnergyIsScaledToTheNodeOrNeuroSimsSpiceFigure) {
  const TileSpec tile = neurosim_tile();
  CostSpec cost;  // 32 nm
  const Technology t = technology_for_node(32);
  const double scaled_j = 1.346e-12 * 32.0 / 65 * t.vdd_v * t.vdd_v / (1.1 * 1.1);
  EXPECT_NEAR(build_tile_circuits(tile, cost).adc_by_bits[8].energy_j, scaled_j, 1e-18);
  cost.integrate_fire_energy = IntegrateFireEnergy::kSpice65nm;
  const TileCircuits spice = build_tile_circuits(tile, cost);
  EXPECT_DOUBLE_EQ(spice.adc_by_bits[8].energy_j, 1.346e-12);  // NeuroSim/ReadCircuit.cpp
  // Only the energy changes.
  EXPECT_EQ(spice.adc_by_bits[8].latency_s,
            build_tile_circuits(tile, CostSpec{}).adc_by_bits[8].latency_s);
}

TEST(TileCircuits, GateLinesLeaveTheRowDriverWhenChargedPerConversion) {
  const TileSpec tile = neurosim_tile();
  CostSpec cost;  // 1T1R
  const TileCircuits active = build_tile_circuits(tile, cost);
  const Technology t = technology_for_node(32);
  EXPECT_DOUBLE_EQ(active.gate_open_j, active.gate_line.capacitance_f * t.vdd_v * t.vdd_v);
  cost.read_gate_lines = ReadGateLines::kAllRowsPerConversion;
  const TileCircuits all = build_tile_circuits(tile, cost);
  EXPECT_DOUBLE_EQ(all.gate_open_j, active.gate_open_j);
  EXPECT_NEAR(all.row_driver.energy_j, active.row_driver.energy_j - active.gate_open_j, 1e-24);
  // No access transistor, no gate line.
  cost.cell_type = CellType::kCrossbar;
  EXPECT_EQ(build_tile_circuits(tile, cost).gate_open_j, 0);
}

TEST(TileCircuits, SeriesResistanceLowersTheCellReadEnergy) {
  const TileSpec tile;
  CostSpec cost;
  const DeviceElectricals& dev = cost.electricals;
  const double g = dev.mean_conductance_siemens();
  EXPECT_DOUBLE_EQ(build_tile_circuits(tile, cost).cell_read_j, 0.25 * g * 5e-9);
  cost.read_series_resistance_ohm = 1 / g;  // as large as the cell: half the current
  EXPECT_DOUBLE_EQ(build_tile_circuits(tile, cost).cell_read_j, 0.25 * g * 5e-9 / 2);
}

TEST(TileCircuits, WriteInhibitChargesTheColumnsOutsideTheBatch) {
  TileSpec tile;  // 128 columns
  const CostSpec cost;
  const TileCircuits one_driver_per_column = build_tile_circuits(tile, cost);
  EXPECT_EQ(one_driver_per_column.write_inhibit_j, 0.0);  // a row is written at once
  tile.cols_per_write_driver = 16;                        // batches of 8 cells
  const TileCircuits c16 = build_tile_circuits(tile, cost);
  const double v = cost.electricals.write_voltage_ltp_v;
  EXPECT_DOUBLE_EQ(c16.write_inhibit_j, (128 - 8) * c16.column_load_f * v * v);
  tile.cols_per_write_driver = 4;  // batches of 32 cells
  EXPECT_DOUBLE_EQ(build_tile_circuits(tile, cost).write_inhibit_j / c16.write_inhibit_j,
                   (128.0 - 32) / (128 - 8));
}

TEST(TileCircuits, SharedWriteDriversShrinkTheirArea) {
  TileSpec tile;
  const CostSpec cost;
  const NetworkShape shape = mlp_shape({128, 32}, false, dfa_path(), 1, 1000);
  const auto driver_area = [&](const TileSpec& t) {
    return build_floorplan(shape, t, cost, build_tile_circuits(t, cost))
        .area_um2[Component::kWriteDriver];
  };
  const TileCircuits c = build_tile_circuits(tile, cost);
  const double rows_um2 = 128 * c.row_write_driver.area_um2;
  const double all = driver_area(tile);
  tile.cols_per_write_driver = 16;
  EXPECT_NEAR(driver_area(tile) - rows_um2, (all - rows_um2) / 16, 1e-9 * all);
}

TEST(TileCircuits, SerialStagesAreBuiltOnlyWhereSomethingIsSerialized) {
  TileSpec tile = neurosim_tile();
  tile.input_bits = 1;
  tile.cell_bits = 7;
  tile.weight_bits = 7;
  CostSpec cost;
  const TileCircuits always = build_tile_circuits(tile, cost);
  cost.serial_periphery = SerialPeriphery::kWhenSerial;
  const TileCircuits when = build_tile_circuits(tile, cost);
  // One input cycle, one slice: no shift-adder and no register stage, the row gate is left.
  EXPECT_DOUBLE_EQ(when.shift_add.area_um2, 0);
  EXPECT_DOUBLE_EQ(when.shift_add.energy_j, 0);
  EXPECT_GT(when.input_driver.area_um2, 0);
  EXPECT_LT(when.input_driver.area_um2, always.input_driver.area_um2);
  // Reads with 8-bit error inputs still shift and add, and register their inputs.
  EXPECT_DOUBLE_EQ(when.error_shift_add.area_um2, always.shift_add.area_um2);
  EXPECT_DOUBLE_EQ(when.error_driver.area_um2, always.error_driver.area_um2);
  // Two input bits, or two slices per weight, bring the shift-adder back.
  tile.input_bits = 2;
  EXPECT_GT(build_tile_circuits(tile, cost).shift_add.area_um2, 0);
  tile.input_bits = 1;
  tile.cell_bits = 4;
  tile.weight_bits = 8;
  EXPECT_GT(build_tile_circuits(tile, cost).shift_add.area_um2, 0);
}

}  // namespace
}  // namespace cimsim::sim::cost
