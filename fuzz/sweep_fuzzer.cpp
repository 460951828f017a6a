// libFuzzer target: the input as the YAML text of a sweep file, read (read_sweep) and then
// expanded and validated point by point as `cimsim sweep` does: the first kPoints points and the
// last one (points are made lazily from their index, so a sweep of 10^9 points costs no more to
// read than one of ten; validating all of them would make one input run for hours).
// `base:` paths resolve against configs/sweeps/, as for the shipped sweeps. A typed cimsim error
// (core::Error) is the expected answer to a bad sweep; a crash, any other exception, a sanitizer
// report, a leak, a hang or an expansion that exhausts memory is a finding.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>

#include "experiments/sweep_spec.hpp"

namespace {
// About 10 ms per point under the sanitizers (NeuroSim base with a crossbar device).
constexpr std::size_t kPoints = 64;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path base_dir =
      std::filesystem::path(CIMSIM_SOURCE_DIR) / "configs" / "sweeps";
  try {
    const cimsim::experiments::SweepSpec sweep = cimsim::experiments::read_sweep(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz_sweep.yaml", base_dir);
    const cimsim::experiments::SweepPoints& points = sweep.points;
    for (std::size_t i = 0; i < std::min(kPoints, points.size()); ++i) points.spec(points.at(i));
    if (points.size() > kPoints) points.spec(points.at(points.size() - 1));
  } catch (const cimsim::core::Error&) {
  }
  return 0;
}
