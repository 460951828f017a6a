#include "sim/cost/schedule.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

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
    const StepTiming bp = schedule_training_step(TrainerKind::kBp, w);
    const StepTiming fa = schedule_training_step(TrainerKind::kFa, w);
    const StepTiming dfa = schedule_training_step(TrainerKind::kDfa, w);
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
    const double bp = schedule_training_step(TrainerKind::kBp, bp_work).makespan_s;
    const double dfa = schedule_training_step(TrainerKind::kDfa, dfa_work).makespan_s;
    EXPECT_NEAR(bp / dfa, layers - 1, 1e-3 * layers) << layers;
  }
}

TEST(Schedule, LongUpdatesOverlapAcrossLayers) {
  // Programming dominates: BP updates layer l as soon as delta_l is known, so both rules take
  // about one update time.
  const std::vector<LayerWork> w = uniform(6, 1e-6, 1e-6, 1);
  const double bp = schedule_training_step(TrainerKind::kBp, w).makespan_s;
  const double dfa = schedule_training_step(TrainerKind::kDfa, w).makespan_s;
  EXPECT_NEAR(bp, 1, 1e-4);
  EXPECT_NEAR(dfa, 1, 1e-4);
}

TEST(Schedule, DrtpTeachingSignalsCanPrecedeTheOutput) {
  std::vector<LayerWork> w = uniform(4, 1, 0.5, 0);
  const StepTiming drtp = schedule_training_step(TrainerKind::kDrtp, w);
  // Layer 1's projection runs while layers 2..4 compute forward; only the output error is left.
  EXPECT_DOUBLE_EQ(drtp.forward_end_s, 4);
  EXPECT_DOUBLE_EQ(drtp.errors_ready_s, 4.5);
  // Busiest resource outside the update: a layer's arrays (forward) or its B path, 1 s each.
  EXPECT_DOUBLE_EQ(drtp.bottleneck_s, 1);
}

}  // namespace
}  // namespace cimsim::sim::cost
