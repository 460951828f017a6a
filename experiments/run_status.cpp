#include "experiments/run_status.hpp"

#include <array>

namespace cimsim::experiments {

std::string run_status_name(RunStatus status) {
  // In the order of the enumerators.
  static constexpr std::array<const char*, 3> kNames = {"completed", "diverged", "interrupted"};
  return kNames.at(static_cast<std::size_t>(status));
}

}  // namespace cimsim::experiments
