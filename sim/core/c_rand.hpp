// The C library's rand() as glibc computes it, for reproducing programs that draw with
// srand(seed) / rand() (MLP+NeuroSim V3.0's Mapping.cpp WeightInitialize: srand(2), then
// rand() % 7 per weight). glibc's default generator (TYPE_3) is an additive lagged-Fibonacci
// generator, r[i] = r[i-3] + r[i-31] mod 2^32, seeded by the Lehmer generator r[i] = 16807 r[i-1]
// mod (2^31 - 1) and warmed up by 310 steps; each rand() returns r[i] >> 1 (glibc
// stdlib/random_r.c; P. Selinger, "The GLIBC pseudo-random number generator", 2007).
#pragma once

#include <array>
#include <cstdint>

namespace cimsim::core {

class CRand {
 public:
  // srand(seed); glibc treats seed 0 as 1.
  explicit CRand(std::uint32_t seed);
  // The next rand(): a value in [0, 2^31 - 1].
  std::int32_t next();

 private:
  std::array<std::uint32_t, 34> r_{};  // the last 34 values of the sequence, circular
  std::size_t i_ = 0;                  // where the next value goes
};

}  // namespace cimsim::core
