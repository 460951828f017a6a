// The exit status of every cimsim command: one table, documented in README.md ("Exit codes") and
// checked by tests/experiments/cli_exit_codes.cmake. `main` maps the typed errors onto it; a
// command returns kOk, or kDiverged / kInterrupted for a run or sweep that stopped early.
#pragma once

namespace cimsim::cli {

enum ExitCode : int {
  kExitOk = 0,
  // Something failed while working: a file could not be read or written, a data file is corrupt,
  // a sweep point failed, plotting failed, memory ran out.
  kExitFailure = 1,
  // The user's input is wrong and nothing was done: a bad option or missing argument
  // (core::UsageError), a bad config key or value (core::ConfigError), an output path that
  // cannot be written.
  kExitUsage = 2,
  // `run`: training diverged (NaN or infinite loss or weights); finished epochs are kept.
  kExitDiverged = 3,
  // SIGINT or SIGTERM: stopped cleanly, finished work kept (128 + SIGINT, the shell's convention).
  kExitInterrupted = 130,
};

}  // namespace cimsim::cli
