// libFuzzer target: the input as the bytes of an IDX file, plain or gzip-compressed (parse_idx,
// parse_idx_dims: what read_idx and read_idx_dims do with a file's bytes). DataError is the
// expected answer to a corrupt file; a crash, any other exception, a sanitizer report, a leak, a
// hang or a huge allocation is a finding, and so is a result that disagrees with its header.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "experiments/idx.hpp"
#include "sim/core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cimsim::experiments;
  const std::span<const std::uint8_t> bytes(data, size);
  IdxArray array;
  try {
    array = parse_idx(bytes, "fuzz.idx");
  } catch (const cimsim::core::DataError&) {
    return 0;
  }
  std::uint64_t elements = 1;
  for (const std::uint32_t d : array.dims) elements *= d;
  if (array.data.size() != elements || parse_idx_dims(bytes, "fuzz.idx") != array.dims) {
    std::fprintf(stderr, "IDX data disagree with the header: %zu bytes for %llu elements\n",
                 array.data.size(), static_cast<unsigned long long>(elements));
    std::abort();
  }
  return 0;
}
