#include "sim/pair_refresh.hpp"

#include "devices/cell_subset.hpp"

namespace cimsim::sim {

std::vector<Eigen::Index> refresh_saturated_pairs(devices::CellBlock& plus_block,
                                                  devices::CellBlock& minus_block,
                                                  const devices::DeviceModel& device,
                                                  double threshold_siemens, core::Rng& rng,
                                                  PhaseCounts& write) {
  const auto threshold = static_cast<float>(threshold_siemens);
  const Eigen::Index outputs = plus_block.g.rows();
  std::vector<Eigen::Index> rows;
  for (Eigen::Index j = 0; j < plus_block.g.cols(); ++j) {
    if ((plus_block.g.col(j) > threshold).any() || (minus_block.g.col(j) > threshold).any())
      rows.push_back(j);
  }
  if (rows.empty()) return rows;
  std::vector<Eigen::Index> cells;
  for (const Eigen::Index j : rows) {
    for (Eigen::Index i = 0; i < outputs; ++i) cells.push_back(j * outputs + i);
  }
  devices::CellBlock plus = devices::gather_cells(plus_block, cells);
  devices::CellBlock minus = devices::gather_cells(minus_block, cells);
  const devices::CellArray diff = plus.g - minus.g;
  const auto g_min = static_cast<float>(device.info().g_min_siemens);
  const devices::CellArray plus_target = g_min + diff.max(0.0f);
  const devices::CellArray minus_target = g_min + (-diff).max(0.0f);
  device.program(plus, plus_target, rng);
  device.program(minus, minus_target, rng);
  devices::scatter_cells(plus, cells, plus_block);
  devices::scatter_cells(minus, cells, minus_block);
  const double refreshed = 2.0 * static_cast<double>(cells.size());
  write.refreshes += refreshed;
  write.cells_programmed += refreshed;
  write.ltd_pulses += refreshed;  // one RESET per cell
  const double dw_min = device.info().dw_min_siemens;
  write.ltp_pulses +=
      static_cast<double>(((plus_target - g_min).sum() + (minus_target - g_min).sum()) / dw_min);
  write.write_row_selects += 2.0 * static_cast<double>(rows.size());
  return rows;
}

}  // namespace cimsim::sim
