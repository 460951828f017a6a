#include "devices/cell_subset.hpp"

namespace cimsim::devices {
namespace {

// Calls f(source_array, destination_array) for every per-cell array of the two blocks. Keep in
// step with CellBlock's members (scratch is workspace and is not carried).
template <class Block1, class Block2, class F>
void for_each_array(Block1& a, Block2& b, F&& f) {
  f(a.g, b.g);
  f(a.g_lo, b.g_lo);
  f(a.g_hi, b.g_hi);
  f(a.up, b.up);
  f(a.down, b.down);
  f(a.up_shape, b.up_shape);
  f(a.down_shape, b.down_shape);
  f(a.hidden, b.hidden);
  f(a.g_written, b.g_written);
  f(a.drift_nu, b.drift_nu);
  f(a.age_s, b.age_s);
  f(a.wear, b.wear);
}

}  // namespace

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

void scatter_cells(const CellBlock& part, const std::vector<Eigen::Index>& indices, CellBlock& block) {
  for_each_array(part, block, [&](const auto& src, auto& dst) {
    if (src.size() == 0) return;
    for (std::size_t k = 0; k < indices.size(); ++k) dst(indices[k]) = src(static_cast<Eigen::Index>(k));
  });
}

}  // namespace cimsim::devices
