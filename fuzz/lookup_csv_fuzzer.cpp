// libFuzzer target: the input as the text of a `lookup` device's measured-curve CSV
// (parse_measured_curve: what read_measured_curve does with a file's text). DataError is the
// expected answer to a bad file. A crash, any other exception, a sanitizer report, a leak or a hang
// is a finding, and so is a curve that validates but that the device cannot follow: where the
// branches share a conductance range, every conductance in it must map to a finite pulse number
// on both branches and back to a conductance inside the branch, as a device write does it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "devices/lookup_device.hpp"
#include "sim/core/errors.hpp"

namespace {

using cimsim::devices::MeasuredBranch;

// One write of `pulses` from conductance g along `branch` (LookupDevice::pulse_cells).
void check_write(const MeasuredBranch& branch, const char* name, double g, int pulses) {
  const double p = branch.pulse_at(g);
  const double after = branch.conductance_at(p + pulses);
  const auto [lo, hi] =
      std::minmax(branch.conductance_siemens.front(), branch.conductance_siemens.back());
  if (!std::isfinite(p) || p < branch.pulse.front() || p > branch.pulse.back() ||
      !std::isfinite(after) || after < lo || after > hi) {
    std::fprintf(stderr,
                 "%s branch: g %.17g -> pulse %.17g, +%d pulses -> g %.17g (range %.17g..%.17g)\n",
                 name, g, p, pulses, after, lo, hi);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cimsim::devices::MeasuredCurve curve;
  try {
    curve = cimsim::devices::parse_measured_curve(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  } catch (const cimsim::core::DataError&) {
    return 0;
  }
  const double g_min = curve.g_min_siemens();
  const double g_max = curve.g_max_siemens();
  if (!(g_min < g_max)) return 0;  // make_lookup refuses such a curve with a ConfigError
  for (const double g : {g_min, g_min + 0.5 * (g_max - g_min), g_max}) {
    for (const int pulses : {1, 1000}) {
      check_write(curve.ltp, "ltp", g, pulses);
      check_write(curve.ltd, "ltd", g, pulses);
    }
  }
  return 0;
}
