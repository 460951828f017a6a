#include "sim/core/allocator.hpp"

#include <malloc.h>

namespace cimsim::core {

void keep_freed_memory_in_process() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);  // blocks up to 64 MiB come from the heap, not mmap
  mallopt(M_TRIM_THRESHOLD, 256 << 20);  // keep up to 256 MiB of free heap
}

}  // namespace cimsim::core
