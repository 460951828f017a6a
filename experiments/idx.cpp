#include "experiments/idx.hpp"

// next_in of z_stream as a pointer to const: zlib then needs no cast of the input bytes.
#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <string>

#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

using core::DataError;

bool starts_gzip_member(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

// The content of an IDX file's bytes: gzip members (one or several, concatenated) are inflated
// as they are read, other bytes pass through unchanged. Like zlib's gzread, which read the files
// before, it ignores bytes after the last gzip member and ends the data where a truncated member
// ends, so a truncated file reports the IDX data it lacks.
class IdxStream {
 public:
  IdxStream(std::span<const std::uint8_t> bytes, const std::string& name)
      : rest_(bytes), name_(name), gzip_(starts_gzip_member(bytes)) {
    if (gzip_ && inflateInit2(&zlib_, 16 + MAX_WBITS) != Z_OK) {
      throw DataError(name_ + ": cannot start the gzip decoder");
    }
  }
  ~IdxStream() {
    if (gzip_) inflateEnd(&zlib_);
  }
  IdxStream(const IdxStream&) = delete;
  IdxStream& operator=(const IdxStream&) = delete;

  // Copies up to `n` bytes of content to `out`; fewer only at its end.
  std::size_t read(std::uint8_t* out, std::size_t n) {
    if (!gzip_) {
      const std::size_t got = std::min(n, rest_.size());
      std::copy_n(rest_.begin(), got, out);
      rest_ = rest_.subspan(got);
      return got;
    }
    std::size_t done = 0;
    while (done < n && !ended_) {
      if (member_done_) {
        if (!starts_gzip_member(rest_)) {
          ended_ = true;
          break;
        }
        inflateReset(&zlib_);
        member_done_ = false;
      }
      zlib_.next_in = rest_.data();
      zlib_.avail_in = clamp_to_uint(rest_.size());
      zlib_.next_out = out + done;
      zlib_.avail_out = clamp_to_uint(n - done);
      const int status = inflate(&zlib_, Z_NO_FLUSH);
      rest_ = rest_.subspan(static_cast<std::size_t>(zlib_.next_in - rest_.data()));
      done = static_cast<std::size_t>(zlib_.next_out - out);
      if (status == Z_STREAM_END) {
        member_done_ = true;
      } else if (status == Z_BUF_ERROR && rest_.empty()) {
        ended_ = true;  // the member is cut short: its content ends here
      } else if (status != Z_OK) {
        throw DataError(
            name_ + ": corrupt gzip data (" +
            (zlib_.msg != nullptr ? zlib_.msg : "zlib error " + std::to_string(status)) + ")");
      }
    }
    return done;
  }

 private:
  static uInt clamp_to_uint(std::size_t n) {
    return static_cast<uInt>(std::min<std::size_t>(n, std::size_t{1} << 30));
  }

  std::span<const std::uint8_t> rest_;
  std::string name_;
  bool gzip_;
  z_stream zlib_{};
  bool member_done_ = false;
  bool ended_ = false;
};

// Reads the IDX header from `in`: the dimensions and the element count they promise.
std::vector<std::uint32_t> read_header(IdxStream& in, const std::string& name,
                                       std::uint64_t& elements) {
  std::uint8_t header[4];
  if (in.read(header, 4) < 4) throw DataError(name + ": truncated IDX header");
  if (header[0] != 0 || header[1] != 0) {
    throw DataError(name + ": bad IDX magic number (first two bytes must be zero)");
  }
  if (header[2] != 0x08) {
    throw DataError(name + ": unsupported IDX data type 0x" + std::to_string(header[2]) +
                    " (only unsigned bytes, 0x08)");
  }
  const int ndims = header[3];
  if (ndims < 1 || ndims > 4) {
    throw DataError(name + ": IDX file with " + std::to_string(ndims) +
                    " dimensions (expected 1 to 4)");
  }
  std::vector<std::uint32_t> dims;
  elements = 1;
  for (int d = 0; d < ndims; ++d) {
    std::uint8_t b[4];
    if (in.read(b, 4) < 4) throw DataError(name + ": truncated IDX header");
    const std::uint32_t dim = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
                              (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
    dims.push_back(dim);
    elements *= dim;
    if (elements > kMaxIdxElements) {
      throw DataError(name + ": IDX dimensions promise more than " +
                      std::to_string(kMaxIdxElements) + " elements; refusing to allocate");
    }
  }
  return dims;
}

// The bytes of a data file; DataError if it is missing or unreadable.
std::string file_bytes(const std::filesystem::path& path) {
  std::error_code error;  // a name too long for the file system must not throw filesystem_error
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw DataError(path.string() + ": not a regular file (a folder, device or pipe)");
  }
  if (!std::filesystem::is_regular_file(status))
    throw DataError(path.string() + ": no such data file");
  try {
    return core::read_file(path);
  } catch (const core::IoError&) {
    throw DataError(path.string() + ": cannot open");
  }
}

std::span<const std::uint8_t> as_bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

std::vector<std::uint32_t> parse_idx_dims(std::span<const std::uint8_t> bytes,
                                          const std::string& name) {
  IdxStream in(bytes, name);
  std::uint64_t elements = 0;
  return read_header(in, name, elements);
}

IdxArray parse_idx(std::span<const std::uint8_t> bytes, const std::string& name) {
  IdxStream in(bytes, name);
  IdxArray out;
  std::uint64_t elements = 0;
  out.dims = read_header(in, name, elements);
  // Start from what the bytes can hold (all of a plain file's content, a fair share of a gzip
  // file's) and grow as data arrives, so a lying header costs no huge allocation.
  out.data.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(elements, bytes.size())));
  std::uint64_t done = 0;
  std::uint8_t buffer[1 << 16];
  while (done < elements) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(elements - done, sizeof buffer));
    const std::size_t got = in.read(buffer, want);
    out.data.insert(out.data.end(), buffer, buffer + got);
    done += got;
    if (got < want) {
      throw DataError(name + ": truncated IDX data: header promises " + std::to_string(elements) +
                      " bytes, file holds " + std::to_string(done));
    }
  }
  std::uint8_t extra = 0;
  if (in.read(&extra, 1) > 0) {
    throw DataError(name + ": trailing bytes after the " + std::to_string(elements) +
                    " data bytes the header promises");
  }
  return out;
}

std::vector<std::uint32_t> read_idx_dims(const std::filesystem::path& path) {
  return parse_idx_dims(as_bytes(file_bytes(path)), path.string());
}

IdxArray read_idx(const std::filesystem::path& path) {
  return parse_idx(as_bytes(file_bytes(path)), path.string());
}

LabeledImages read_idx_pair(const std::filesystem::path& images,
                            const std::filesystem::path& labels, int classes) {
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
  if (img.dims[0] == 0) throw DataError(images.string() + ": the file holds no images");
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
