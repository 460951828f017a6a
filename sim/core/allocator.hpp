// Process-wide allocator setting for the simulation's hot loops.
#pragma once

namespace cimsim::core {

// glibc hands large freed blocks back to the kernel and faults them in again on the next
// allocation; the per-update temporaries of tiles and device models (tens to hundreds of KB) pay
// that on every call (20-40 % of an update), and so do the tens of MB a convolution's read of a
// batch stacks up (half of an evaluation's time). Keeping freed memory in the process avoids it.
// Call once at program start; no effect on results.
void keep_freed_memory_in_process();

}  // namespace cimsim::core
