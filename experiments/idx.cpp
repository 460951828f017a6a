#include "experiments/idx.hpp"

#include <zlib.h>

#include <algorithm>
#include <memory>
#include <string>

#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

using core::DataError;

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};

// Reads exactly `n` bytes; false on a short read.
bool read_exact(gzFile file, std::uint8_t* out, std::size_t n) {
  while (n > 0) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n, 1u << 20));
    const int got = gzread(file, out, chunk);
    if (got <= 0) return false;
    out += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

namespace {

// Opens `path` and reads its IDX header: dimensions and the element count they promise.
std::unique_ptr<gzFile_s, GzCloser> open_idx(const std::filesystem::path& path,
                                             std::vector<std::uint32_t>& dims, std::uint64_t& elements) {
  const std::string name = path.string();
  if (!std::filesystem::is_regular_file(path)) throw DataError(name + ": no such data file");
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(name.c_str(), "rb"));
  if (!file) throw DataError(name + ": cannot open");
  std::uint8_t header[4];
  if (!read_exact(file.get(), header, 4)) throw DataError(name + ": truncated IDX header");
  if (header[0] != 0 || header[1] != 0) {
    throw DataError(name + ": bad IDX magic number (first two bytes must be zero)");
  }
  if (header[2] != 0x08) {
    throw DataError(name + ": unsupported IDX data type 0x" + std::to_string(header[2]) +
                    " (only unsigned bytes, 0x08)");
  }
  const int ndims = header[3];
  if (ndims < 1 || ndims > 4) {
    throw DataError(name + ": IDX file with " + std::to_string(ndims) + " dimensions (expected 1 to 4)");
  }
  elements = 1;
  for (int d = 0; d < ndims; ++d) {
    std::uint8_t b[4];
    if (!read_exact(file.get(), b, 4)) throw DataError(name + ": truncated IDX header");
    const std::uint32_t dim = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
                              (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
    dims.push_back(dim);
    elements *= dim;
    if (elements > kMaxIdxElements) {
      throw DataError(name + ": IDX dimensions promise more than " +
                      std::to_string(kMaxIdxElements) + " elements; refusing to allocate");
    }
  }
  return file;
}

}  // namespace

std::vector<std::uint32_t> read_idx_dims(const std::filesystem::path& path) {
  std::vector<std::uint32_t> dims;
  std::uint64_t elements = 0;
  open_idx(path, dims, elements);
  return dims;
}

IdxArray read_idx(const std::filesystem::path& path) {
  const std::string name = path.string();
  IdxArray out;
  std::uint64_t elements = 0;
  const std::unique_ptr<gzFile_s, GzCloser> file = open_idx(path, out.dims, elements);
  // Grow the buffer as data arrives, so a lying header on a short file costs no huge allocation.
  out.data.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(elements, 64u << 20)));
  std::uint64_t done = 0;
  std::uint8_t buffer[1 << 16];
  while (done < elements) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(elements - done, sizeof buffer));
    const int got = gzread(file.get(), buffer, static_cast<unsigned>(want));
    if (got <= 0) {
      throw DataError(name + ": truncated IDX data: header promises " + std::to_string(elements) +
                      " bytes, file holds " + std::to_string(done));
    }
    out.data.insert(out.data.end(), buffer, buffer + got);
    done += static_cast<std::uint64_t>(got);
  }
  std::uint8_t extra = 0;
  if (gzread(file.get(), &extra, 1) > 0) {
    throw DataError(name + ": trailing bytes after the " + std::to_string(elements) +
                    " data bytes the header promises");
  }
  return out;
}

LabeledImages read_idx_pair(const std::filesystem::path& images, const std::filesystem::path& labels,
                            int classes) {
  IdxArray img = read_idx(images);
  IdxArray lab = read_idx(labels);
  if (img.dims.size() != 3) {
    throw DataError(images.string() + ": expected a 3-D image file, got " +
                    std::to_string(img.dims.size()) + " dimensions");
  }
  if (lab.dims.size() != 1) {
    throw DataError(labels.string() + ": expected a 1-D label file, got " +
                    std::to_string(lab.dims.size()) + " dimensions");
  }
  if (img.dims[0] != lab.dims[0]) {
    throw DataError(images.string() + " holds " + std::to_string(img.dims[0]) + " images but " +
                    labels.string() + " holds " + std::to_string(lab.dims[0]) + " labels");
  }
  if (img.dims[1] == 0 || img.dims[2] == 0 || img.dims[1] > 4096 || img.dims[2] > 4096) {
    throw DataError(images.string() + ": absurd image size " + std::to_string(img.dims[1]) + "x" +
                    std::to_string(img.dims[2]));
  }
  for (std::size_t i = 0; i < lab.data.size(); ++i) {
    if (lab.data[i] >= classes) {
      throw DataError(labels.string() + ": label " + std::to_string(lab.data[i]) + " at index " +
                      std::to_string(i) + " is out of range (expected 0.." +
                      std::to_string(classes - 1) + ")");
    }
  }
  return {img.dims[0], img.dims[1], img.dims[2], std::move(img.data), std::move(lab.data)};
}

}  // namespace cimsim::experiments
