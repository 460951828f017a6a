#include "sim/core/allocator.hpp"

#include <malloc.h>

namespace cimsim::core {

void keep_freed_memory_in_process() {
  // glibc caps M_MMAP_THRESHOLD at 32 MiB on 64-bit systems, and a convolution's read of a batch
  // (every input cycle of every position) is larger; so no block is mapped on its own at all:
  // everything comes from the heap, and freed memory stays there for the next batch.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);  // keep up to 1 GiB of free heap
}

}  // namespace cimsim::core
