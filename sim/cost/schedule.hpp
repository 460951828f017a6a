// Latency of a training step from the algorithm's schedule. Each layer's work is a task on a
// resource (its weight arrays, its feedback path, its gradient unit); a task starts when the
// tasks it depends on have finished and its resource is free. The dependencies are the data
// dependencies of the training rule's hardware path (sim/rule_path.hpp), so the BP/DFA
// difference in latency follows from them: chained rules (BP, FA) hand the error from layer to
// layer, projecting rules send the output error (DFA) or the target (DRTP, known before the
// forward pass ends) to every layer at once.
//
// How much of the step may overlap is a named accounting choice (ScheduleMode, cost_spec.hpp):
//   dependency   a task starts as soon as its data and its resource are ready: a layer programs
//                as soon as its own gradient is known, while the error moves on down;
//   layer_serial the accounting of DNN+NeuroSim-based studies (../shared/reference/
//                dnn_neurosim_training_accounting.md): a chained rule finishes a layer's whole
//                backward work (error read, gradient, programming) before the next layer down
//                starts; a projecting rule runs every layer's backward work at once;
//   pipelined    dependency within a sample, and the samples of a batch overlapped through the
//                layers (the cost model applies it to the batch, not here).
#pragma once

#include <vector>

#include "sim/rule_path.hpp"

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
  double feedback_s = 0;  // reads of the layer's B (chained or projecting rules)
  double gradient_s = 0;
  double update_s = 0;
  double feedback_update_s = 0;  // programming the layer's B (rules that learn it)
};

struct StepTiming {
  double makespan_s = 0;      // whole step: forward to last update
  double forward_end_s = 0;   // the output is known
  double errors_ready_s = 0;  // every layer's teaching signal is known
  // Busiest resource's total busy time outside the update (pipelining bound, per step).
  double bottleneck_s = 0;
};

// `layer_serial`: a chained rule's layers do their backward work one after another (see above);
// otherwise the dependency schedule.
StepTiming schedule_training_step(const RulePath& path, const std::vector<LayerWork>& layers,
                                  bool layer_serial);

}  // namespace cimsim::sim::cost
