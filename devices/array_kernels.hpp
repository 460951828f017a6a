// Small array kernels shared by several device models.
//
// Performance note: Eigen 3.4 evaluates select() one coefficient at a time, so heavy math
// (log, exp) must never sit inside a select; these helpers keep the hot expressions
// vectorizable.
#pragma once

#include <Eigen/Core>

namespace cimsim::devices {

// 1 where a cell gets potentiation pulses, 0 elsewhere.
inline Eigen::ArrayXXf potentiation_mask(const Eigen::Ref<const Eigen::ArrayXXi>& pulses) {
  return (pulses > 0).cast<float>();
}

// Per-cell choice between an up and a down parameter: up where mask = 1, down where mask = 0.
// Exact for finite parameters (one product is the chosen value, the other a zero). The blend
// down + mask (up - down) is not: a tiny slope next to a large one rounds to 0 there, and the
// closed forms below divide by the slope.
template <class Up, class Down>
Eigen::ArrayXXf by_direction(const Eigen::ArrayXXf& up_mask, const Up& up, const Down& down) {
  return up_mask * up + (1.0f - up_mask) * down;
}

// Closed form of n steps of the linear recurrence x <- (1 + s) x + sigma, shared by the
// saturating step models (soft bounds, linear step, PCM SET):
//   x_n - x_0 = (s x_0 + sigma) (r^n - 1) / s = (s x_0 + sigma) expm1(n ln(1 + s)) / s,
// with r = 1 + s. Requires -1 < s and s != 0 (store a tiny slope such as -1e-30 instead of 0:
// the formula then returns n sigma to float precision). n = 0 gives exactly 0.
template <class X, class S, class Sigma, class N>
Eigen::ArrayXXf linear_recurrence_delta(const X& x0, const S& s, const Sigma& sigma, const N& n) {
  return (s * x0 + sigma) * (n * s.log1p()).expm1() / s;
}

// Replaces exact zeros by a tiny negative slope (see linear_recurrence_delta).
inline void avoid_zero_slope(Eigen::ArrayXXf& s) { s = (s == 0.0f).select(-1e-30f, s); }

}  // namespace cimsim::devices
