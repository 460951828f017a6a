// Deterministic parallel loops: the work is cut into tasks whose boundaries never depend on the
// thread count, so results are bit-identical with 1 or N threads.
#pragma once

#include <cstddef>
#include <functional>

namespace cimsim::core {

// Runs task(i) for i in [0, tasks) on up to `threads` threads (1 = inline). Rethrows the first
// exception a task threw, after all threads have stopped.
void parallel_for(std::size_t tasks, int threads, const std::function<void(std::size_t)>& task);

}  // namespace cimsim::core
