// Reader for the IDX format of MNIST and Fashion-MNIST (LeCun et al., "The MNIST database";
// Xiao, Rasul & Vollgraf 2017): a big-endian header (two zero bytes, a type code, the number of
// dimensions, then each dimension as uint32) followed by the data. Plain or gzip-compressed files
// are read alike. Corrupt files give DataError, never a crash or a huge allocation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace cimsim::experiments {

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;  // unsigned byte data only (type code 0x08)
};

// Refuses files whose header promises more than this many elements.
inline constexpr std::uint64_t kMaxIdxElements = std::uint64_t{1} << 31;

IdxArray read_idx(const std::filesystem::path& file);
// The dimensions from an IDX header, without reading the data.
std::vector<std::uint32_t> read_idx_dims(const std::filesystem::path& file);

// The same for the bytes of an IDX file, plain or gzip-compressed (read_idx and read_idx_dims read
// the file and call these); `name` stands in for the file name in messages.
IdxArray parse_idx(std::span<const std::uint8_t> bytes, const std::string& name);
std::vector<std::uint32_t> parse_idx_dims(std::span<const std::uint8_t> bytes,
                                          const std::string& name);

struct LabeledImages {
  std::uint32_t count = 0, rows = 0, cols = 0;
  std::vector<std::uint8_t> pixels;  // count * rows * cols, row-major per image
  std::vector<std::uint8_t> labels;  // count
};

// Reads an image file (3-D) and its label file (1-D), checks that the counts agree and that
// every label is below `classes`.
LabeledImages read_idx_pair(const std::filesystem::path& images,
                            const std::filesystem::path& labels, int classes);

}  // namespace cimsim::experiments
