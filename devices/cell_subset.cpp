#include "devices/cell_subset.hpp"

namespace cimsim::devices {

CellBlock gather_cells(const CellBlock& block, const std::vector<Eigen::Index>& indices) {
  CellBlock part;
  const auto n = static_cast<Eigen::Index>(indices.size());
  for_each_array(block, part, [&](const auto& src, auto& dst) {
    if (src.size() == 0) return;
    dst.resize(n, 1);
    for (Eigen::Index k = 0; k < n; ++k) dst(k) = src(indices[static_cast<std::size_t>(k)]);
  });
  return part;
}

void scatter_cells(const CellBlock& part, const std::vector<Eigen::Index>& indices,
                   CellBlock& block) {
  for_each_array(part, block, [&](const auto& src, auto& dst) {
    if (src.size() == 0) return;
    for (std::size_t k = 0; k < indices.size(); ++k)
      dst(indices[k]) = src(static_cast<Eigen::Index>(k));
  });
}

}  // namespace cimsim::devices
