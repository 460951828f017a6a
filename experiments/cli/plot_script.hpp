// Draws one plot of a results table with experiments/plot_results.py (Debian's /usr/bin/python3
// with matplotlib). Shared by `cimsim plot` and the `plot:` block of `cimsim sweep`.
#pragma once

#include <filesystem>

#include "experiments/sweep_spec.hpp"

namespace cimsim::cli {

// Writes `out` in `plot.format`. Throws core::IoError if the script fails.
void draw_plot(const std::filesystem::path& table, const experiments::PlotRequest& plot,
               const std::filesystem::path& out);

}  // namespace cimsim::cli
