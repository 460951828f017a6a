#include "devices/pulse_curve.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace cimsim::devices {

PulseCurve trace_pulse_curve(const DeviceModel& model, Eigen::Index devices, std::int64_t pulses,
                             core::Rng& rng) {
  if (devices < 1 || pulses < 1) {
    throw std::invalid_argument("trace_pulse_curve: devices and pulses must be positive");
  }
  CellBlock block = model.make_block(devices, 1, rng);
  PulseCurve curve;
  curve.pulses = pulses;
  curve.conductance_siemens.resize(devices, 2 * pulses + 1);
  curve.conductance_siemens.col(0) = block.g.col(0).cast<double>();
  const PulseArray up = PulseArray::Ones(devices, 1);
  for (std::int64_t k = 1; k <= 2 * pulses; ++k) {
    model.apply_pulses(block, k <= pulses ? up : PulseArray(-up), rng);
    curve.conductance_siemens.col(k) = block.g.col(0).cast<double>();
  }
  return curve;
}

std::int64_t default_curve_pulses(const DeviceInfo& info, std::int64_t cap) {
  std::int64_t pulses = info.levels >= 2
                            ? info.levels - 1
                            : static_cast<std::int64_t>(std::ceil(
                                  (info.g_max_siemens - info.g_min_siemens) / info.dw_min_siemens));
  return std::clamp<std::int64_t>(pulses, 1, cap);
}

std::string curve_csv(const PulseCurve& curve) {
  std::ostringstream out;
  out.precision(9);
  out << "device,pulse,phase,conductance_siemens\n";
  const auto& g = curve.conductance_siemens;
  for (Eigen::Index d = 0; d < g.rows(); ++d) {
    for (Eigen::Index k = 0; k < g.cols(); ++k) {
      const char* phase = k == 0 ? "start" : (k <= curve.pulses ? "ltp" : "ltd");
      out << d << "," << k << "," << phase << "," << g(d, k) << "\n";
    }
  }
  return out.str();
}

std::string update_size_csv(const PulseCurve& curve) {
  std::ostringstream out;
  out.precision(9);
  out << "device,direction,conductance_siemens,delta_siemens\n";
  const auto& g = curve.conductance_siemens;
  for (Eigen::Index d = 0; d < g.rows(); ++d) {
    for (Eigen::Index k = 1; k < g.cols(); ++k) {
      out << d << "," << (k <= curve.pulses ? "up" : "down") << "," << g(d, k - 1) << ","
          << g(d, k) - g(d, k - 1) << "\n";
    }
  }
  return out.str();
}

}  // namespace cimsim::devices
