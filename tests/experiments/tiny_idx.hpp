// Tiny generated IDX datasets for tests that run experiments from files (no real data needed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace cimsim::experiments::testing {

inline void write_be32(std::ofstream& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                         static_cast<char>(v >> 8), static_cast<char>(v)};
  out.write(bytes, 4);
}

// `<prefix>-images-idx3-ubyte` and `<prefix>-labels-idx1-ubyte` in `dir`: `count` side x side
// images whose bright pixels (two of the first 13) encode the label, with deterministic noise.
inline void write_idx_pair(const std::filesystem::path& dir, const std::string& prefix,
                           std::uint32_t count, std::uint32_t side = 4) {
  std::ofstream images(dir / (prefix + "-images-idx3-ubyte"), std::ios::binary);
  std::ofstream labels(dir / (prefix + "-labels-idx1-ubyte"), std::ios::binary);
  write_be32(images, 0x803);
  write_be32(images, count);
  write_be32(images, side);
  write_be32(images, side);
  write_be32(labels, 0x801);
  write_be32(labels, count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t label = i % 10;
    for (std::uint32_t p = 0; p < side * side; ++p) {
      const std::uint32_t noise = (i * 7919 + p * 104729) % 41;
      const std::uint32_t value = (p == label || p == label + 3) ? 180 + noise : 20 + noise;
      images.put(static_cast<char>(value));
    }
    labels.put(static_cast<char>(label));
  }
}

}  // namespace cimsim::experiments::testing
