// libFuzzer target: the input as the YAML text of a sweep file, expanded and validated point by
// point (read_sweep). `base:` paths resolve against configs/sweeps/, as for the shipped sweeps.
// A typed cimsim error (core::Error) is the expected answer to a bad sweep; a crash, any other
// exception, a sanitizer report, a leak, a hang or an expansion that exhausts memory is a finding.
#include <cstdint>
#include <filesystem>
#include <string>

#include "experiments/sweep_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path base_dir =
      std::filesystem::path(CIMSIM_SOURCE_DIR) / "configs" / "sweeps";
  try {
    cimsim::experiments::read_sweep(std::string(reinterpret_cast<const char*>(data), size),
                                    "fuzz_sweep.yaml", base_dir);
  } catch (const cimsim::core::Error&) {
  }
  return 0;
}
