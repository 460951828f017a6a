#include "sim/cost/schedule.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace cimsim::sim::cost {

std::vector<double> schedule_tasks(const std::vector<Task>& tasks) {
  std::vector<double> finish(tasks.size(), 0.0);
  std::map<int, double> resource_free;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    double start = resource_free[tasks[i].resource];
    for (const int d : tasks[i].deps) {
      if (d < 0 || static_cast<std::size_t>(d) >= i) {
        throw std::invalid_argument("schedule_tasks: a dependency must name an earlier task");
      }
      start = std::max(start, finish[static_cast<std::size_t>(d)]);
    }
    finish[i] = start + tasks[i].duration_s;
    resource_free[tasks[i].resource] = finish[i];
  }
  return finish;
}

StepTiming schedule_training_step(TrainerKind trainer, const std::vector<LayerWork>& work) {
  const int layers = static_cast<int>(work.size());
  if (layers == 0) throw std::invalid_argument("schedule_training_step: no layers");
  const auto arrays = [](int l) { return l; };
  const auto feedback = [layers](int l) { return layers + l; };
  const auto gradient_unit = [layers](int l) { return 2 * layers + l; };
  const auto neuron_unit = [layers](int l) { return 3 * layers + l; };

  std::vector<Task> tasks;
  const auto add = [&tasks](double duration, int resource, std::vector<int> deps) {
    tasks.push_back({duration, resource, std::move(deps)});
    return static_cast<int>(tasks.size()) - 1;
  };

  // Forward pass, layer after layer.
  std::vector<int> forward(layers);
  for (int l = 0; l < layers; ++l) {
    forward[l] = add(work[l].forward_s, arrays(l),
                     l ? std::vector<int>{forward[l - 1]} : std::vector<int>{});
  }
  const int last = layers - 1;
  // delta_ready[l]: the task after which layer l's teaching signal is known.
  std::vector<int> delta_ready(layers, -1);
  std::vector<int> own_error(layers, -1);  // tasks reading layer l's arrays in the error phase
  switch (trainer) {
    case TrainerKind::kBp:
    case TrainerKind::kFa: {
      // The last layer computes the output error (and, for L > 1, sends it down through W_L^T
      // or B_L); each layer l > 0 then passes delta down after it received its own.
      const bool bp = trainer == TrainerKind::kBp;
      int previous = forward[last];
      for (int l = last; l >= 0; --l) {
        if (l == 0 && l != last) break;  // nothing left to propagate below layer 1
        const double duration = work[l].error_s + (bp ? 0.0 : work[l].feedback_s);
        const int resource = bp ? arrays(l) : feedback(l);
        const int task = add(duration, resource, {previous});
        if (bp) own_error[l] = task;
        if (l == last) delta_ready[l] = task;
        if (l > 0) delta_ready[l - 1] = task;
        previous = task;
      }
      break;
    }
    case TrainerKind::kDfa:
    case TrainerKind::kDrtp: {
      const int output_error = add(work[last].error_s, neuron_unit(last), {forward[last]});
      delta_ready[last] = output_error;
      for (int l = 0; l < last; ++l) {
        // DFA needs the output error; DRTP only the target and this layer's f'(h_l).
        const int dep = trainer == TrainerKind::kDfa ? output_error : forward[l];
        delta_ready[l] = add(work[l].error_s + work[l].feedback_s, feedback(l), {dep});
      }
      break;
    }
  }
  std::vector<int> gradient(layers);
  for (int l = 0; l < layers; ++l) {
    gradient[l] = add(work[l].gradient_s, gradient_unit(l), {delta_ready[l]});
  }
  // Programming a layer waits for its gradient and for every read of its arrays in this step
  // (BP reads W_l^T with the old weights).
  std::vector<int> update(layers);
  for (int l = 0; l < layers; ++l) {
    std::vector<int> deps{gradient[l]};
    if (own_error[l] >= 0) deps.push_back(own_error[l]);
    update[l] = add(work[l].update_s, arrays(l), deps);
  }

  const std::vector<double> finish = schedule_tasks(tasks);
  StepTiming timing;
  timing.forward_end_s = finish[static_cast<std::size_t>(forward[last])];
  for (int l = 0; l < layers; ++l) {
    timing.errors_ready_s =
        std::max(timing.errors_ready_s, finish[static_cast<std::size_t>(delta_ready[l])]);
  }
  timing.makespan_s = *std::max_element(finish.begin(), finish.end());
  std::map<int, double> busy;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const bool is_update =
        std::find(update.begin(), update.end(), static_cast<int>(i)) != update.end();
    if (!is_update) busy[tasks[i].resource] += tasks[i].duration_s;
  }
  for (const auto& [resource, seconds] : busy) {
    timing.bottleneck_s = std::max(timing.bottleneck_s, seconds);
  }
  return timing;
}

}  // namespace cimsim::sim::cost
