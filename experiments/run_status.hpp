// How a run ended. Its name is what summary.json, the sweep results table's `status` column and
// the `cimsim run` summary line say; experiments/plot_results.py and the study's report.py keep
// the rows whose status is "completed".
#pragma once

#include <string>

namespace cimsim::experiments {

enum class RunStatus {
  kCompleted,    // every configured epoch trained and evaluated
  kDiverged,     // the loss or a weight became NaN or infinite
  kInterrupted,  // a stop was requested (SIGINT/SIGTERM); finished epochs are kept
};

// "completed", "diverged", "interrupted".
std::string run_status_name(RunStatus status);

}  // namespace cimsim::experiments
