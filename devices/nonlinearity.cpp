#include "devices/nonlinearity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cimsim::devices {
namespace {

// The label is the curve's largest deviation from linear in units of 0.099 (see header).
constexpr double kDeviationPerLabel = 0.099;
constexpr double kGridStep = 0.005;

}  // namespace

double nonlinearity_deviation(double a) {
  // g'(x) = e^{-x/a} / (a c) with c = 1 - e^{-1/a}; g'(x*) = 1 at x* = -a ln(a c), where
  // g(x*) = (1 - a c) / c. Hence D = (1 - a c) / c + a ln(a c).
  const double c = -std::expm1(-1.0 / a);
  return (1.0 - a * c) / c + a * std::log(a * c);
}

double normalized_a_from_label(double label) {
  const double magnitude = std::min(std::fabs(label), kMaxNonlinearityLabel);
  if (magnitude == 0) return std::numeric_limits<double>::infinity();
  const double target = kDeviationPerLabel * magnitude;
  // D(a) falls monotonically from 1 (a -> 0) to 0 (a -> inf); bisect on log(a).
  double lo = std::log(1e-4);
  double hi = std::log(1e8);
  for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (nonlinearity_deviation(std::exp(mid)) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const double a = std::exp(0.5 * (lo + hi));
  return label < 0 ? -a : a;
}

InverseATable::InverseATable() {
  const auto points = static_cast<std::size_t>(std::lround(kMaxNonlinearityLabel / kGridStep)) + 1;
  inverse_a_.resize(points);
  inverse_a_[0] = 0.0;
  for (std::size_t i = 1; i < points; ++i) {
    inverse_a_[i] = 1.0 / normalized_a_from_label(static_cast<double>(i) * kGridStep);
  }
}

double InverseATable::inverse_a(double label) const {
  const double magnitude = std::min(std::fabs(label), kMaxNonlinearityLabel);
  const double position = magnitude / kGridStep;
  const auto i = std::min(static_cast<std::size_t>(position), inverse_a_.size() - 2);
  const double q = position - static_cast<double>(i);
  const double value = (1 - q) * inverse_a_[i] + q * inverse_a_[i + 1];
  return label < 0 ? -value : value;
}

}  // namespace cimsim::devices
