// Latency of a training step from the algorithm's schedule. Each layer's work is a task on a
// resource (its weight arrays, its feedback path, its gradient unit); a task starts when the
// tasks it depends on have finished and its resource is free. The dependencies are the data
// dependencies of the training rule, so the BP/DFA difference in latency follows from them:
// BP and FA hand the error from layer to layer, DFA projects the output error to every layer
// at once, DRTP projects the target (known before the forward pass ends).
#pragma once

#include <vector>

#include "sim/cost/network_shape.hpp"

namespace cimsim::sim::cost {

struct Task {
  double duration_s = 0;
  int resource = 0;
  std::vector<int> deps;  // indices of earlier tasks
};

// Finish time of every task, scheduled in list order (deps must point to earlier tasks;
// throws std::invalid_argument otherwise).
std::vector<double> schedule_tasks(const std::vector<Task>& tasks);

// Durations of one layer's work in one training step (one sample, or a batch when scaled).
struct LayerWork {
  double forward_s = 0;
  double error_s = 0;     // work on the layer's own resources in the error phase
  double feedback_s = 0;  // work of the layer's B path (FA, DFA, DRTP)
  double gradient_s = 0;
  double update_s = 0;
};

struct StepTiming {
  double makespan_s = 0;      // whole step: forward to last update
  double forward_end_s = 0;   // the output is known
  double errors_ready_s = 0;  // every layer's teaching signal is known
  // Busiest resource's total busy time outside the update (pipelining bound, per step).
  double bottleneck_s = 0;
};

StepTiming schedule_training_step(TrainerKind trainer, const std::vector<LayerWork>& layers);

}  // namespace cimsim::sim::cost
