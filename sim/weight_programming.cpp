#include "sim/weight_programming.hpp"

#include <cmath>

namespace cimsim::sim {

void program_weights(const Eigen::ArrayXXf& w, const TileSpec& tile, const CrossbarSpec& numerics,
                     const devices::DeviceModel& device, std::vector<devices::CellBlock>& plus,
                     std::vector<devices::CellBlock>& minus, core::Rng& rng) {
  const devices::DeviceInfo& info = device.info();
  const double g_min_siemens = info.g_min_siemens;
  const double g_max_siemens = info.g_max_siemens;
  const auto g_min = static_cast<float>(g_min_siemens);
  const auto span = static_cast<float>(g_max_siemens - g_min_siemens);
  const auto g_ref = static_cast<float>(0.5 * (g_min_siemens + g_max_siemens));
  const auto slices = static_cast<int>(plus.size());
  if (minus.empty() && numerics.neurosim_initial_conductance) {
    const auto g_max = static_cast<float>(g_max_siemens);
    device.program(plus[0], ((w + 1.0f) * (0.5f * span)).max(g_min).min(g_max), rng);
  } else if (minus.empty()) {
    device.program(plus[0], g_ref + w * (0.5f * span), rng);
  } else if (slices == 1 && numerics.pair_update == PairUpdate::kBoth) {
    // Both sides move on every update, so both start mid-range with room to go either way.
    device.program(plus[0], g_ref + w * (0.5f * span), rng);
    device.program(minus[0], g_ref - w * (0.5f * span), rng);
  } else if (slices == 1) {
    // Potentiation only: the idle side rests at g_min, the other holds |w|.
    device.program(plus[0], g_min + w.max(0.0f) * span, rng);
    device.program(minus[0], g_min + (-w).max(0.0f) * span, rng);
  } else {
    // Bit slicing: |w| as an integer of slices digits in base 2^cell_bits, digit s on slice s,
    // on the G+ cells for positive weights and the G- cells for negative ones.
    const double levels = std::ldexp(1.0, static_cast<int>(tile.cell_bits));
    const Eigen::ArrayXXd magnitude =
        (w.abs().cast<double>() * (std::pow(levels, slices) - 1.0)).round();
    for (int s = 0; s < slices; ++s) {
      const auto si = static_cast<std::size_t>(s);
      const Eigen::ArrayXXf digit = ((magnitude / std::pow(levels, s)).floor() -
                                     ((magnitude / std::pow(levels, s + 1)).floor() * levels))
                                        .cast<float>();
      const Eigen::ArrayXXf g_digit = g_min + digit / static_cast<float>(levels - 1.0) * span;
      device.program(plus[si], (w > 0.0f).select(g_digit, g_min), rng);
      device.program(minus[si], (w < 0.0f).select(g_digit, g_min), rng);
    }
  }
}

}  // namespace cimsim::sim
