// Deterministic random streams.
//
// One root seed per run; every component derives its own stream from the seed and its config path
// (`Rng::derive(seed, "model.layers[0].device")`), so adding a component or changing the thread
// count never shifts another component's numbers. The engine is xoshiro256++ (Blackman & Vigna,
// "Scrambled linear pseudorandom number generators", ACM TOMS 2021); samplers are our own so
// results do not depend on the standard library's distributions.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <string_view>
#include <vector>

namespace cimsim::core {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  // A stream for the component at `path` under the run's root seed.
  static Rng derive(std::uint64_t root_seed, std::string_view path);

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 (double) or 24 (float) random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  float uniform_float() { return static_cast<float>(next() >> 40) * 0x1.0p-24f; }
  // Uniform integer in [0, n), n >= 1, without modulo bias (Lemire 2019).
  std::uint64_t below(std::uint64_t n);
  // Standard normal, ziggurat method (Marsaglia & Tsang, J. Stat. Softw. 2000).
  double normal();

  // Bulk fills: mean + stddev * N(0, 1) (vectorized Box-Muller, tails cut at 5.77 sigma), and
  // uniform in [lo, hi).
  void fill_normal(float* out, std::size_t count, float mean, float stddev);
  void fill_uniform(float* out, std::size_t count, float lo, float hi);
  void fill_normal(Eigen::Ref<Eigen::ArrayXXf> out, float mean, float stddev) {
    fill_normal(out.data(), static_cast<std::size_t>(out.size()), mean, stddev);
  }
  void fill_uniform(Eigen::Ref<Eigen::ArrayXXf> out, float lo, float hi) {
    fill_uniform(out.data(), static_cast<std::size_t>(out.size()), lo, hi);
  }

  // Fisher-Yates shuffle of indices [0, n).
  void shuffle(std::vector<std::int64_t>& items);

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  double normal_tail_or_wedge(std::int32_t hz, std::uint32_t iz);
  std::uint64_t s_[4];
};

// 64-bit FNV-1a hash of a string (used to derive stream seeds from config paths).
std::uint64_t hash_path(std::string_view text);

}  // namespace cimsim::core
