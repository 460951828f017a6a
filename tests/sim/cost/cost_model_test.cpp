#include "sim/cost/cost_model.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

#include "sim/cost/estimate_counts.hpp"
#include "sim/cost/tile_circuits.hpp"

#include "rule_paths.hpp"

namespace cimsim::sim::cost {
namespace {

NetworkShape mlp(std::vector<std::int64_t> sizes, TrainingRule trainer = bp_path()) {
  return mlp_shape(sizes, true, trainer, 1, 1000);
}

NetworkShape lenet(TrainingRule trainer) { return lenet5_shape(trainer, 1, 60000); }

NetworkShape one_layer(const LayerShape& layer) {
  NetworkShape shape;
  shape.layers = {layer};
  return shape;
}

TEST(CostModel, TotalsAreSumsOfTheBreakdowns) {
  const CostReport r = evaluate(mlp({784, 256, 128, 10}), TileSpec{}, CostSpec{});
  ASSERT_EQ(r.status, FitStatus::kFits);
  ASSERT_EQ(r.layers.size(), 3u);
  double phases = 0, layers = 0;
  for (const double e : r.training_energy_by_phase_j) phases += e;
  for (const LayerReport& l : r.layers) {
    for (const double e : l.training_energy_j) layers += e;
  }
  EXPECT_NEAR(phases, r.training_dynamic_energy_j, 1e-12 * phases);
  EXPECT_NEAR(layers, r.training_dynamic_energy_j, 1e-12 * layers);
  EXPECT_NEAR(r.energy_per_training_sample_j,
              r.training_dynamic_energy_j + r.leakage_power_w * r.latency_per_training_sample_s,
              1e-12 * r.energy_per_training_sample_j);
  EXPECT_NEAR(r.chip_area_mm2 * 1e6, r.area_um2.total(), 1e-6 * r.area_um2.total());
  EXPECT_NEAR(r.latency_per_epoch_s, 1000 * r.latency_per_training_sample_s, 1e-9);
  EXPECT_DOUBLE_EQ(r.ops_per_inference, 2.0 * (785 * 256 + 257 * 128 + 129 * 10));
  EXPECT_NEAR(r.tops, r.ops_per_inference / r.inference_interval_s * 1e-12, 1e-9 * r.tops);
  EXPECT_GT(r.tops_per_w, 0);
}

TEST(CostModel, PricesCountsPerSample) {
  const NetworkShape shape = mlp({100, 50, 10});
  const TileSpec tile;
  const CostSpec cost;
  const CostModel model(shape, tile, cost);
  const EstimatedCounts one = estimate_counts(shape, tile, cost);
  EventCounts three = one.training;
  three += one.training;
  three += one.training;
  const CostReport a = model.evaluate(one.training, one.inference);
  const CostReport b = model.evaluate(three, one.inference);
  EXPECT_NEAR(a.energy_per_training_sample_j, b.energy_per_training_sample_j,
              1e-12 * a.energy_per_training_sample_j);
  EXPECT_THROW(model.evaluate(EventCounts(3), one.inference), std::invalid_argument);
  EXPECT_THROW(model.evaluate(EventCounts(2), one.inference), std::invalid_argument);  // 0 samples
}

TEST(CostModel, UpdateEnergyIsLinearInPulses) {
  const NetworkShape shape = mlp({100, 50, 10});
  const TileSpec tile;
  CostSpec cost;
  const auto update_energy = [&](double pulses) {
    cost.mean_pulses_per_update = pulses;
    return evaluate(shape, tile, cost).training_energy_by_phase_j[3];
  };
  const double e1 = update_energy(1), e2 = update_energy(2), e4 = update_energy(4);
  // The row selections are the same; each extra pulse costs the same.
  EXPECT_NEAR(e4 - e2, 2 * (e2 - e1), 1e-9 * e4);
  EXPECT_GT(e1, 0);
}

TEST(CostModel, EnergyPerInferenceFallsWithTheNode) {
  double previous = 1;
  for (const int node : known_nodes_nm()) {
    CostSpec cost;
    cost.node_nm = node;
    cost.array_wire_width_m = technology_for_node(node).wire_width_m;
    const CostReport r = evaluate(mlp({256, 256, 10}), TileSpec{}, cost);
    EXPECT_LT(r.inference_dynamic_energy_j, previous) << node;
    previous = r.inference_dynamic_energy_j;
  }
}

TEST(CostModel, DfaSpeedsUpTheErrorPhaseMoreWithDepth) {
  CostSpec cost;
  cost.electricals.write_pulse_width_s = 10e-9;
  double previous_ratio = 0;
  for (const int depth : {2, 4, 8}) {
    std::vector<std::int64_t> sizes{784};
    for (int i = 0; i + 1 < depth; ++i) sizes.push_back(256);
    sizes.push_back(10);
    const CostReport bp = evaluate(mlp(sizes, bp_path()), TileSpec{}, cost);
    const CostReport dfa = evaluate(mlp(sizes, dfa_path()), TileSpec{}, cost);
    const double ratio = bp.error_phase_latency_s / dfa.error_phase_latency_s;
    EXPECT_GT(ratio, previous_ratio) << depth;
    EXPECT_GT(bp.latency_per_training_sample_s, dfa.latency_per_training_sample_s) << depth;
    previous_ratio = ratio;
  }
}

TEST(CostModel, LayerBeyondTheChipBudgetDoesNotFit) {
  CostSpec cost;
  cost.chip_area_budget_mm2 = 1;
  const CostReport r = evaluate(mlp({4096, 4096, 10}), TileSpec{}, cost);
  EXPECT_EQ(r.status, FitStatus::kDoesNotFit);
  EXPECT_NE(r.status_message.find("layer 1 (4097 x 4096"), std::string::npos) << r.status_message;
  EXPECT_NE(r.status_message.find("more than the chip budget of 1 mm^2"), std::string::npos);
  const std::string json = cost_report_json(r);
  EXPECT_NE(json.find("\"status\": \"does_not_fit\""), std::string::npos);
  EXPECT_NE(format_cost_table(r).find("DOES NOT FIT"), std::string::npos);
  cost.chip_area_budget_mm2 = 858;
  EXPECT_EQ(evaluate(mlp({4096, 4096, 10}), TileSpec{}, cost).status, FitStatus::kFits);
}

TEST(CostModel, PricesOnePulseAndOneWriteSlotByHand) {
  const NetworkShape shape = mlp({128, 32});
  const TileSpec tile;
  const CostSpec cost;  // Ag:a-Si: 3.2 V LTP, 300 us pulses, mean G = (38.462 + 3.0769) / 2 nS
  const CostModel model(shape, tile, cost);
  EventCounts training(1), inference(1);
  training.samples = inference.samples = 1;
  PhaseCounts& update = training.layers[0][Phase::kWeightUpdate];
  update.ltp_pulses = 1;
  update.write_slots = 10;
  const CostReport r = model.evaluate(training, inference);
  const double g_mean = 0.5 * (38.462e-9 + 3.0769e-9);
  EXPECT_NEAR(r.training_energy_by_component_j[Component::kCellArray], 3.2 * 3.2 * g_mean * 300e-6,
              1e-18);
  EXPECT_GT(r.training_energy_by_component_j[Component::kWriteDriver], 0);
  // Ten slots of one pulse width (plus nanoseconds of drivers), nothing else in the step.
  EXPECT_NEAR(r.layers[0].training_latency_s[3], 10 * 300e-6, 1e-7);
  EXPECT_NEAR(r.latency_per_training_sample_s, 10 * 300e-6, 1e-7);
}

TEST(CostModel, AllRowsPerConversionChargesEveryGateLineForEachSensedColumn) {
  const NetworkShape shape = mlp_shape({400, 100}, false, bp_path(), 1, 1000);
  TileSpec tile;
  tile.rows = 400;
  tile.cols = 128;
  CostSpec cost;  // 1T1R
  EventCounts training(1), inference(1);
  training.samples = inference.samples = 1;
  PhaseCounts& forward = training.layers[0][Phase::kForward];
  forward.row_activations = 30;  // 30 rows driven with a 1 bit
  forward.adc_conversions_by_bits[static_cast<std::size_t>(tile.adc_bits)] = 100;
  const auto row_driver_j = [&](const CostSpec& c) {
    return CostModel(shape, tile, c)
        .evaluate(training, inference)
        .training_energy_by_component_j[Component::kRowDriver];
  };
  const TileCircuits circuits = build_tile_circuits(tile, cost);
  const double active_j = row_driver_j(cost);
  cost.read_gate_lines = ReadGateLines::kAllRowsPerConversion;
  // The 30 activations no longer charge their gates; each of the 100 conversions charges all 400.
  EXPECT_NEAR(row_driver_j(cost),
              active_j - 30 * circuits.gate_open_j + 100 * 400 * circuits.gate_open_j,
              1e-9 * active_j);
}

TEST(CostModel, RejectsShapesItCannotPrice) {
  EXPECT_THROW(CostModel(NetworkShape{}, TileSpec{}, CostSpec{}), std::invalid_argument);
  NetworkShape zero_batch = mlp({10, 10});
  zero_batch.batch_size = 0;
  EXPECT_THROW(CostModel(zero_batch, TileSpec{}, CostSpec{}), std::invalid_argument);
}

TEST(CostModel, BatchesShareTheUpdateAndPipeliningShortensThem) {
  CostSpec cost;
  NetworkShape shape = mlp({784, 256, 256, 10}, dfa_path());
  const double single = evaluate(shape, TileSpec{}, cost).latency_per_training_sample_s;
  shape.batch_size = 32;
  const CostReport batched = evaluate(shape, TileSpec{}, cost);
  EXPECT_LT(batched.latency_per_training_sample_s, single);
  cost.schedule = ScheduleMode::kPipelined;
  const CostReport piped = evaluate(shape, TileSpec{}, cost);
  EXPECT_LT(piped.latency_per_training_sample_s, batched.latency_per_training_sample_s);
  EXPECT_LT(piped.inference_interval_s, piped.latency_per_inference_s);
}

TEST(CostModel, ConvLayerReadsPositionsTimesLongerThanTheSameDenseMatrix) {
  // A 10 x 4 matrix (1 x 3 x 3 kernels + bias): over a 10 x 10 map, 8 x 8 = 64 positions.
  const LayerShape conv =
      conv_layer_shape({.height = 10, .width = 10, .channels_out = 4, .kernel = 3});
  ASSERT_EQ(conv.positions, 64);
  const CostReport c = evaluate(one_layer(conv), TileSpec{}, CostSpec{});
  const CostReport d = evaluate(one_layer(dense_layer_shape(9, 4, true)), TileSpec{}, CostSpec{});
  EXPECT_EQ(c.tiles, d.tiles);
  // The array's read energy scales exactly; the latency within the H-tree's wire delay (the
  // conv chip's larger buffers make it a little longer).
  for (const Component part : {Component::kCellArray, Component::kAdc, Component::kRowDriver}) {
    EXPECT_NEAR(c.inference_energy_by_component_j[part],
                64 * d.inference_energy_by_component_j[part],
                1e-12 * c.inference_energy_by_component_j[part]);
  }
  EXPECT_NEAR(c.latency_per_inference_s / d.latency_per_inference_s, 64, 64 * 1e-3);
  EXPECT_NEAR(c.layers[0].training_latency_s[0] / d.layers[0].training_latency_s[0], 64, 64 * 1e-3);
  EXPECT_DOUBLE_EQ(c.ops_per_inference, 64 * d.ops_per_inference);
}

TEST(CostModel, PoolingIsPricedInItsOwnComponent) {
  // LeNet's first conv and its pooling (1176 windows, 3528 comparisons), then a dense layer.
  NetworkShape shape = lenet(bp_path());
  shape.layers = {shape.layers[0], dense_layer_shape(1176, 10, true)};
  const CostModel model(shape, TileSpec{}, CostSpec{});
  const EstimatedCounts counts = estimate_counts(shape, TileSpec{}, CostSpec{});
  const CostReport bp = model.evaluate(counts.training, counts.inference);
  const double per_op_j = model.circuits().pooling.energy_j;
  EXPECT_NEAR(bp.inference_energy_by_component_j[Component::kPooling], 3528 * per_op_j,
              1e-9 * 3528 * per_op_j);
  // Training adds BP's unpooling: the error goes back to all 6 x 28 x 28 values.
  EXPECT_NEAR(bp.training_energy_by_component_j[Component::kPooling], (3528 + 4704) * per_op_j,
              1e-9 * 8232 * per_op_j);
  EXPECT_GT(bp.area_um2[Component::kPooling], 0);
  const std::string json = cost_report_json(bp);
  EXPECT_NE(json.find("\"pooling\""), std::string::npos);
  EXPECT_NE(format_cost_table(bp).find("pooling"), std::string::npos);
  // DFA projects to the whole map before the pooling: no unpooling.
  shape.rule = dfa_path();
  const CostReport dfa = evaluate(shape, TileSpec{}, CostSpec{});
  EXPECT_NEAR(dfa.training_energy_by_component_j[Component::kPooling], 3528 * per_op_j,
              1e-9 * 3528 * per_op_j);
}

TEST(CostModel, LeNetUnderEveryRule) {
  CostSpec cost;
  cost.electricals.write_pulse_width_s = 10e-9;  // fast writes: reads and errors show
  std::map<std::string, CostReport> reports;
  for (const TrainingRule& trainer : {bp_path(), fa_path(), dfa_path(), drtp_path()}) {
    const CostReport r = evaluate(lenet(trainer), TileSpec{}, cost);
    EXPECT_EQ(r.status, FitStatus::kFits) << r.status_message;
    ASSERT_EQ(r.layers.size(), 5u);
    EXPECT_EQ(r.layers[0].positions, 784);
    EXPECT_EQ(r.layers[1].positions, 100);
    // The convolutions, read at 784 and 100 positions, dominate the forward pass.
    for (std::size_t l = 2; l < 5; ++l) {
      EXPECT_GT(r.layers[1].training_latency_s[0], r.layers[l].training_latency_s[0]);
    }
    EXPECT_GT(r.layers[0].training_latency_s[0], r.layers[1].training_latency_s[0]);
    EXPECT_GT(r.training_energy_by_component_j[Component::kPooling], 0);
    EXPECT_DOUBLE_EQ(r.ops_per_inference,
                     2.0 * (26 * 6 * 784 + 151 * 16 * 100 + 401 * 120 + 121 * 84 + 85 * 10));
    reports[trainer.name] = r;
  }
  // Tiles: 1 (26 x 6) + 2 (151 x 16) + 16 (401 x 120) + 3 (121 x 84) + 1 (85 x 10).
  EXPECT_EQ(reports["bp"].tiles, 23);
  // BP hands the error down through the 100 transposed reads of conv 2; DFA projects the output
  // error onto every map at once.
  const CostReport& bp = reports["bp"];
  const CostReport& dfa = reports["dfa"];
  EXPECT_LT(dfa.error_phase_latency_s, bp.error_phase_latency_s);
  EXPECT_LT(dfa.latency_per_training_sample_s, bp.latency_per_training_sample_s);
  EXPECT_LT(reports["drtp"].error_phase_latency_s, bp.error_phase_latency_s);
}

}  // namespace
}  // namespace cimsim::sim::cost
