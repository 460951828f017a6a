#include "experiments/run_status.hpp"

namespace cimsim::experiments {

std::string run_status_name(RunStatus status) {
  switch (status) {
    case RunStatus::kCompleted:
      return "completed";
    case RunStatus::kDiverged:
      return "diverged";
    case RunStatus::kInterrupted:
      return "interrupted";
  }
  return "?";
}

}  // namespace cimsim::experiments
