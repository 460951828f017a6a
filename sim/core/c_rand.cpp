#include "sim/core/c_rand.hpp"

namespace cimsim::core {

CRand::CRand(std::uint32_t seed) {
  // The first 31 values from the Lehmer generator (signed 32-bit seed, as srand takes it), the
  // next three copies of the first three, then 310 discarded steps.
  std::array<std::int64_t, 31> init{};
  init[0] = seed == 0 ? 1 : static_cast<std::int32_t>(seed);
  for (std::size_t k = 1; k < init.size(); ++k) {
    std::int64_t v = (16807 * init[k - 1]) % 2147483647;
    if (v < 0) v += 2147483647;
    init[k] = v;
  }
  for (std::size_t k = 0; k < init.size(); ++k) r_[k] = static_cast<std::uint32_t>(init[k]);
  for (std::size_t k = 31; k < 34; ++k) r_[k] = r_[k - 31];
  i_ = 0;
  for (int k = 0; k < 310; ++k) next();
}

std::int32_t CRand::next() {
  // r[i] = r[i - 31] + r[i - 3] over a ring of 34: i - 31 is i + 3 and i - 3 is i + 31 (mod 34).
  const std::uint32_t v = r_[(i_ + 3) % 34] + r_[(i_ + 31) % 34];
  r_[i_] = v;
  i_ = (i_ + 1) % 34;
  return static_cast<std::int32_t>(v >> 1);
}

}  // namespace cimsim::core
