// `pcm`: phase-change memory cell, potentiation-only with abrupt RESET, drift and 1/f read noise.
//
// SET (n > 0 pulses): each pulse raises g by a step that shrinks linearly towards the cell's
// maximum, set_step (1 - set_saturation (g - g_min) / (g_hi - g_min)), times (1 + set_step_std
// xi): the saturating, highly stochastic partial-SET response of Nandakumar et al., J. Appl.
// Phys. 124, 152135 (2018). n pulses use the closed form in array_kernels.hpp.
// RESET (n < 0, any count): one melt-quench pulse returns the cell to g_min. Used as a
// differential pair, a tile refreshes a pair whose side saturates (read, RESET both, re-SET the
// difference), as in Nandakumar et al. (2018) and Joshi et al., Nat. Commun. 11, 2473 (2020).
// Programming (write-verify) noise: sd = g_max (c0 + c1 x + c2 x^2), x = target / g_max, plus the
// common white term (Joshi et al. 2020; aihwkit PCMLikeNoiseModel).
// Drift: g(t) = g_written ((t0 + t) / t0)^-nu, t = time since the cell's last write, nu drawn
// per cell from N(drift_nu_mean, drift_nu_std) clipped at 0 (Joshi et al. 2020; Le Gallo et al.,
// J. Phys. D 2020).
// Read noise (1/f): relative sd Q(x) sqrt(ln((t0 + t + t_read) / (2 t_read))), with
// Q(x) = min(read_1f_q / x^0.65, 0.2), x = g / g_max (Joshi et al. 2020; aihwkit
// PCMLikeNoiseModel), combined with the common white read noise.
//
// Per-cell arrays: up = SET step (S), up_shape = slope of the SET recurrence, drift_nu,
// g_written, age_s.
#pragma once

#include "devices/device_registry.hpp"

namespace cimsim::devices {

void register_pcm_device(DeviceRegistry& registry);

}  // namespace cimsim::devices
