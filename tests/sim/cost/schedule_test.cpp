#include "sim/cost/schedule.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "rule_paths.hpp"

namespace cimsim::sim::cost {
namespace {

TEST(Schedule, TasksWaitForDependenciesAndTheirResource) {
  // a (1 s, r0) -> b (2 s, r1); c (1 s, r0) free of deps but behind a on r0; d after b and c.
  const std::vector<Task> tasks{{1, 0, {}}, {2, 1, {0}}, {1, 0, {}}, {0.5, 2, {1, 2}}};
  const std::vector<double> finish = schedule_tasks(tasks);
  EXPECT_DOUBLE_EQ(finish[0], 1);
  EXPECT_DOUBLE_EQ(finish[1], 3);
  EXPECT_DOUBLE_EQ(finish[2], 2);
  EXPECT_DOUBLE_EQ(finish[3], 3.5);
  EXPECT_THROW(schedule_tasks({{1, 0, {0}}}), std::invalid_argument);
}

// Every layer does the same work; the error step is what differs between the rules.
std::vector<LayerWork> uniform(int layers, double forward, double error, double update) {
  std::vector<LayerWork> w(static_cast<std::size_t>(layers));
  for (LayerWork& l : w) {
    l.forward_s = forward;
    l.error_s = error;
    l.feedback_s = error;
    l.update_s = update;
  }
  return w;
}

TEST(Schedule, BpErrorPhaseIsSequentialDfaIsParallel) {
  for (const int layers : {2, 3, 4, 6, 8}) {
    const std::vector<LayerWork> w = uniform(layers, 0, 1, 0);
    const StepTiming bp = schedule_training_step(bp_path().path, w, false);
    const StepTiming fa = schedule_training_step(fa_path().path, w, false);
    const StepTiming dfa = schedule_training_step(dfa_path().path, w, false);
    // BP: the last layer's step, then layers L-1 .. 2 one after another: L - 1 steps.
    EXPECT_DOUBLE_EQ(bp.errors_ready_s - bp.forward_end_s, layers - 1);
    // FA: the same chain through B_l (error and B work on one resource each step).
    EXPECT_DOUBLE_EQ(fa.errors_ready_s - fa.forward_end_s, 2 * (layers - 1));
    // DFA: the output error, then every projection at once.
    EXPECT_DOUBLE_EQ(dfa.errors_ready_s - dfa.forward_end_s, 1 + 2);
  }
}

TEST(Schedule, SpeedUpApproachesTheDepthWhenTheErrorPhaseDominates) {
  // Output error free, per-layer error work 1, forward and update negligible.
  for (const int layers : {2, 4, 8, 16}) {
    std::vector<LayerWork> bp_work = uniform(layers, 1e-6, 1, 1e-6);
    std::vector<LayerWork> dfa_work = bp_work;
    for (LayerWork& w : bp_work) w.feedback_s = 0;
    for (LayerWork& w : dfa_work) w.error_s = 0;
    dfa_work.back().error_s = 1e-6;  // the output error itself
    const double bp = schedule_training_step(bp_path().path, bp_work, false).makespan_s;
    const double dfa = schedule_training_step(dfa_path().path, dfa_work, false).makespan_s;
    EXPECT_NEAR(bp / dfa, layers - 1, 1e-3 * layers) << layers;
  }
}

TEST(Schedule, LongUpdatesOverlapAcrossLayers) {
  // Programming dominates: BP updates layer l as soon as delta_l is known, so both rules take
  // about one update time.
  const std::vector<LayerWork> w = uniform(6, 1e-6, 1e-6, 1);
  const double bp = schedule_training_step(bp_path().path, w, false).makespan_s;
  const double dfa = schedule_training_step(dfa_path().path, w, false).makespan_s;
  EXPECT_NEAR(bp, 1, 1e-4);
  EXPECT_NEAR(dfa, 1, 1e-4);
}

TEST(Schedule, DrtpTeachingSignalsCanPrecedeTheOutput) {
  std::vector<LayerWork> w = uniform(4, 1, 0.5, 0);
  const StepTiming drtp = schedule_training_step(drtp_path().path, w, false);
  // Layer 1's projection runs while layers 2..4 compute forward; only the output error is left.
  EXPECT_DOUBLE_EQ(drtp.forward_end_s, 4);
  EXPECT_DOUBLE_EQ(drtp.errors_ready_s, 4.5);
  // Busiest resource outside the update: a layer's arrays (forward) or its B path, 1 s each.
  EXPECT_DOUBLE_EQ(drtp.bottleneck_s, 1);
}

TEST(Schedule, LayerSerialSumsAChainedRulesBackwardWorkAndOverlapsAProjectingOnes) {
  // Forward f per layer; backward b per layer = error + gradient + update. The DNN+NeuroSim
  // accounting (shared/reference/dnn_neurosim_training_accounting.md): BP takes N (f + b), DFA
  // N f + b (+ the output error), so the speed-up is N (1 + r) / (N + r), r = b / f.
  for (const int layers : {2, 3, 5, 8}) {
    std::vector<LayerWork> w = uniform(layers, 1, 0.5, 2);
    for (LayerWork& l : w) {
      l.gradient_s = 0.5;
      l.feedback_s = 0;
    }
    const double n = layers;
    const StepTiming bp = schedule_training_step(bp_path().path, w, true);
    // BP: output error + W^T reads of layers L..2 (each 0.5) and every gradient and update,
    // one after another; layer 1 reads nothing.
    EXPECT_DOUBLE_EQ(bp.makespan_s, n * 1 + (n - 1) * 0.5 + n * 2.5);
    std::vector<LayerWork> d = w;
    for (LayerWork& l : d) l.error_s = 0;
    d.back().error_s = 0.5;  // the output error
    const StepTiming dfa = schedule_training_step(dfa_path().path, d, true);
    EXPECT_DOUBLE_EQ(dfa.makespan_s, n * 1 + 0.5 + 2.5);
    // The dependency schedule lets BP program layer l while the error moves on: shorter.
    EXPECT_LT(schedule_training_step(bp_path().path, w, false).makespan_s, bp.makespan_s);
    // A projecting rule is scheduled alike in both modes.
    EXPECT_DOUBLE_EQ(schedule_training_step(dfa_path().path, d, false).makespan_s, dfa.makespan_s);
  }
}

TEST(Schedule, LearnedFeedbackIsProgrammedOnItsOwnResourceAfterItsRead) {
  // A chained rule that programs B_l: B's update waits for the layer's gradient and B's read,
  // runs beside W's update in the dependency schedule, and ends the layer's work in the
  // layer-serial one. It stays out of the pipelining bound, as W's update does.
  std::vector<LayerWork> w = uniform(3, 1, 0.5, 2);
  w[1].feedback_update_s = w[2].feedback_update_s = 3;  // B_2 and B_3 (layer 1 owns none)
  RulePath learned = fa_path().path;
  learned.feedback_learned = true;
  const StepTiming dep = schedule_training_step(learned, w, false);
  // Forward 3, output layer's B read 1 (error 0.5 + B 0.5), B_3 update 3 after it.
  EXPECT_DOUBLE_EQ(dep.makespan_s, 3 + 1 + 1 + 3);
  // Every resource is busy 1 s outside programming: a layer's arrays (forward) or its B read.
  EXPECT_DOUBLE_EQ(dep.bottleneck_s, 1);
  const StepTiming serial = schedule_training_step(learned, w, true);
  // Layers 3 and 2: read 1 then B update 3 (W's 2 beside it); layer 1: W update 2.
  EXPECT_DOUBLE_EQ(serial.makespan_s, 3 + (1 + 3) + (1 + 3) + 2);
}

}  // namespace
}  // namespace cimsim::sim::cost
