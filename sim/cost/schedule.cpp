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

StepTiming schedule_training_step(const RulePath& path, const std::vector<LayerWork>& work,
                                  bool layer_serial) {
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
  std::vector<int> b_read(layers, -1);     // tasks reading layer l's B
  std::vector<int> gradient(layers, -1);
  std::vector<int> update(layers, -1);
  std::vector<int> programming;  // update tasks (W and B): outside the pipelining bound
  // Gradient and programming of layer l once its teaching signal is known; `after`: a task that
  // must finish first (the layer above, in a layer-serial chain). Returns the last task.
  const auto backward_tail = [&](int l, int after) {
    std::vector<int> deps{delta_ready[l]};
    if (after >= 0) deps.push_back(after);
    gradient[l] = add(work[l].gradient_s, gradient_unit(l), deps);
    // Programming W_l waits for its gradient and for every read of its arrays in this step
    // (BP reads W_l^T with the old weights); programming B_l for its gradient and B_l's read.
    std::vector<int> w_deps{gradient[l]};
    if (own_error[l] >= 0) w_deps.push_back(own_error[l]);
    update[l] = add(work[l].update_s, arrays(l), w_deps);
    programming.push_back(update[l]);
    int end = update[l];
    if (work[l].feedback_update_s > 0) {
      std::vector<int> b_deps{gradient[l]};
      if (b_read[l] >= 0) b_deps.push_back(b_read[l]);
      const int b_update = add(work[l].feedback_update_s, feedback(l), b_deps);
      programming.push_back(b_update);
      if (layer_serial) {
        // The layer's backward work ends when both are programmed.
        end = add(0, neuron_unit(l), {update[l], b_update});
      }
    }
    return end;
  };

  if (path.chained()) {
    // The last layer computes the output error (and, for L > 1, sends it down through W_L^T or
    // B_L); each layer l > 0 then passes delta down after it received its own.
    const bool transposed = path.source == SignalSource::kChainTransposed;
    int previous = forward[last];
    for (int l = last; l >= 0; --l) {
      if (l == 0 && l != last) {
        if (layer_serial) backward_tail(0, previous);
        break;  // nothing left to propagate below layer 1
      }
      const double duration = work[l].error_s + (transposed ? 0.0 : work[l].feedback_s);
      const int resource = transposed ? arrays(l) : feedback(l);
      const int task = add(duration, resource, {previous});
      (transposed ? own_error : b_read)[l] = task;
      if (l == last) delta_ready[l] = task;
      if (l > 0) delta_ready[l - 1] = task;
      previous = layer_serial ? backward_tail(l, task) : task;
    }
  } else {
    const int output_error = add(work[last].error_s, neuron_unit(last), {forward[last]});
    delta_ready[last] = output_error;
    for (int l = 0; l < last; ++l) {
      // A projected error needs the output error; a projected target only the target and this
      // layer's f'(h_l).
      const int dep = path.source == SignalSource::kProjectTarget ? forward[l] : output_error;
      delta_ready[l] = add(work[l].error_s + work[l].feedback_s, feedback(l), {dep});
      b_read[l] = delta_ready[l];
    }
  }
  for (int l = 0; l < layers; ++l) {
    if (gradient[l] < 0) backward_tail(l, -1);
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
    const bool programs =
        std::find(programming.begin(), programming.end(), static_cast<int>(i)) != programming.end();
    if (!programs) busy[tasks[i].resource] += tasks[i].duration_s;
  }
  for (const auto& [resource, seconds] : busy) {
    timing.bottleneck_s = std::max(timing.bottleneck_s, seconds);
  }
  return timing;
}

}  // namespace cimsim::sim::cost
