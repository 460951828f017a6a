#include "sim/core/rng.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace cimsim::core {
namespace {

// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): expands one 64-bit seed into engine state.
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Ziggurat tables for 128 layers (Marsaglia & Tsang 2000): r = 3.442619855899 is the start of
// the tail, v = 9.91256303526217e-3 the area of each layer.
struct ZigguratTables {
  std::array<std::uint32_t, 128> k;
  std::array<double, 128> w;
  std::array<double, 128> f;
  ZigguratTables() {
    const double m1 = 2147483648.0;  // 2^31
    const double v = 9.91256303526217e-3;
    double dn = 3.442619855899;
    double tn = dn;
    const double q = v / std::exp(-0.5 * dn * dn);
    k[0] = static_cast<std::uint32_t>((dn / q) * m1);
    k[1] = 0;
    w[0] = q / m1;
    w[127] = dn / m1;
    f[0] = 1.0;
    f[127] = std::exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; --i) {
      dn = std::sqrt(-2.0 * std::log(v / dn + std::exp(-0.5 * dn * dn)));
      k[i + 1] = static_cast<std::uint32_t>((dn / tn) * m1);
      tn = dn;
      f[i] = std::exp(-0.5 * dn * dn);
      w[i] = dn / m1;
    }
  }
};

const ZigguratTables& tables() {
  static const ZigguratTables t;
  return t;
}

constexpr double kTailStart = 3.442619855899;

}  // namespace

std::uint64_t hash_path(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& s : s_) s = splitmix64(x);
}

Rng Rng::derive(std::uint64_t root_seed, std::string_view path) {
  std::uint64_t x = root_seed ^ hash_path(path);
  return Rng(splitmix64(x));
}

std::uint64_t Rng::below(std::uint64_t n) {
  __extension__ using u128 = unsigned __int128;
  // Lemire, "Fast random integer generation in an interval", ACM TOMACS 2019.
  u128 m = static_cast<u128>(next()) * n;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<u128>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
  const ZigguratTables& t = tables();
  const std::uint64_t bits = next();
  const auto hz = static_cast<std::int32_t>(bits >> 32);
  const auto iz = static_cast<std::uint32_t>(bits & 127u);
  const std::uint32_t magnitude = hz < 0
                                      ? static_cast<std::uint32_t>(-(static_cast<std::int64_t>(hz)))
                                      : static_cast<std::uint32_t>(hz);
  if (magnitude < t.k[iz]) return hz * t.w[iz];
  return normal_tail_or_wedge(hz, iz);
}

double Rng::normal_tail_or_wedge(std::int32_t hz, std::uint32_t iz) {
  const ZigguratTables& t = tables();
  for (;;) {
    const double x = hz * t.w[iz];
    if (iz == 0) {
      // Sample from the tail beyond r (Marsaglia 1964).
      double tx = 0;
      double ty = 0;
      do {
        tx = -std::log(1.0 - uniform()) / kTailStart;
        ty = -std::log(1.0 - uniform());
      } while (ty + ty < tx * tx);
      return hz > 0 ? kTailStart + tx : -kTailStart - tx;
    }
    if (t.f[iz] + uniform() * (t.f[iz - 1] - t.f[iz]) < std::exp(-0.5 * x * x)) return x;
    const std::uint64_t bits = next();
    hz = static_cast<std::int32_t>(bits >> 32);
    iz = static_cast<std::uint32_t>(bits & 127u);
    const std::uint32_t magnitude =
        hz < 0 ? static_cast<std::uint32_t>(-(static_cast<std::int64_t>(hz)))
               : static_cast<std::uint32_t>(hz);
    if (magnitude < t.k[iz]) return hz * t.w[iz];
  }
}

void Rng::fill_normal(float* out, std::size_t count, float mean, float stddev) {
  // Box-Muller in blocks (Box & Muller, Ann. Math. Stat. 29, 1958): each engine output gives two
  // 24-bit uniforms, and Eigen's vectorized log/sqrt/sin/cos turn them into two normals (~2.5 ns
  // each, against ~6 ns for a ziggurat draw). |z| <= sqrt(2 ln 2^24) = 5.77: tails beyond that
  // (probability 8e-9) are cut, which is immaterial for device and read noise.
  constexpr std::size_t kPairs = 256;
  alignas(64) float radius[kPairs];
  alignas(64) float angle[kPairs];
  alignas(64) float cosine[kPairs];
  alignas(64) float sine[kPairs];
  constexpr float kTwoPi = 6.28318530717958647692f;
  std::size_t done = 0;
  while (done < count) {
    const std::size_t pairs = std::min(kPairs, (count - done + 1) / 2);
    for (std::size_t i = 0; i < pairs; ++i) {
      const std::uint64_t bits = next();
      // u1 in (0, 1] so that log(u1) is finite; u2 in [0, 1).
      radius[i] = static_cast<float>((bits >> 40) + 1) * 0x1.0p-24f;
      angle[i] = static_cast<float>((bits >> 8) & 0xFFFFFFu) * 0x1.0p-24f;
    }
    const auto n = static_cast<Eigen::Index>(pairs);
    Eigen::Map<Eigen::ArrayXf> r(radius, n);
    Eigen::Map<Eigen::ArrayXf> t(angle, n);
    r = (-2.0f * r.log()).sqrt() * stddev;
    t *= kTwoPi;
    Eigen::Map<Eigen::ArrayXf>(cosine, n) = r * t.cos() + mean;
    Eigen::Map<Eigen::ArrayXf>(sine, n) = r * t.sin() + mean;
    const std::size_t take = std::min(count - done, 2 * pairs);
    for (std::size_t i = 0; i < take; ++i) out[done + i] = (i & 1u) ? sine[i / 2] : cosine[i / 2];
    done += take;
  }
}

void Rng::fill_uniform(float* out, std::size_t count, float lo, float hi) {
  // Two 24-bit uniforms from each 64-bit engine output.
  const float span = (hi - lo) * 0x1.0p-24f;
  std::size_t i = 0;
  for (; i + 1 < count; i += 2) {
    const std::uint64_t bits = next();
    out[i] = lo + span * static_cast<float>(bits >> 40);
    out[i + 1] = lo + span * static_cast<float>((bits >> 8) & 0xFFFFFFu);
  }
  if (i < count) out[i] = lo + span * static_cast<float>(next() >> 40);
}

void Rng::shuffle(std::vector<std::int64_t>& items) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(below(i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace cimsim::core
