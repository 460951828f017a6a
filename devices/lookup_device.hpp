// `lookup`: a measured pulse-response curve from a CSV file, interpolated.
//
// The CSV has a header `branch,pulse,conductance_siemens` and one row per measured point; branch
// is `ltp` (conductance rising with the pulse number) or `ltd` (falling). Lines starting with '#'
// are comments. A write of n pulses locates the cell on the branch of its direction by inverting
// the branch (linear interpolation), moves n pulses along it and reads the conductance back, the
// scheme of NeuroSim MLP's MeasuredDevice (Chen et al., IEEE TCAD 2018). The usable range is
// [max(first LTP, last LTD), min(last LTP, first LTD)]. Optional cycle-to-cycle noise
// N(0, c2c_std (g_max - g_min) sqrt(|n|)) per write. A relative csv_file is resolved against the
// working directory, or against the preset's folder when it comes from a preset file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "devices/device_registry.hpp"

namespace cimsim::devices {

// One measured branch: pulse numbers strictly increasing, conductances strictly monotone.
struct MeasuredBranch {
  std::vector<double> pulse;
  std::vector<double> conductance_siemens;

  // Conductance at a (fractional) pulse number, clamped to the measured pulse range.
  double conductance_at(double p) const;
  // The (fractional) pulse number at which the branch has conductance g, clamped to its range.
  double pulse_at(double g) const;
};

struct MeasuredCurve {
  MeasuredBranch ltp;
  MeasuredBranch ltd;

  // The usable range [max(first LTP, last LTD), min(last LTP, first LTD)], in siemens.
  double g_min_siemens() const;
  double g_max_siemens() const;
};

// Reads and validates a curve file; errors are DataError messages "file:line: ...".
MeasuredCurve read_measured_curve(const std::filesystem::path& file);
// The same for the text of a curve file; `name` stands in for the file name in messages.
MeasuredCurve parse_measured_curve(const std::string& text, const std::string& name);

void register_lookup_device(DeviceRegistry& registry);

}  // namespace cimsim::devices
