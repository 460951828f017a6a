#include "devices/lookup_device.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "sim/core/atomic_file.hpp"

namespace cimsim::devices {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(trim(field));
  return fields;
}

double parse_number(const std::string& text, const std::string& where) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(value)) {
    throw core::DataError(where + ": expected a number, got \"" + text + "\"");
  }
  return value;
}

// Index i with x[i] <= value <= x[i + 1] for increasing x (clamped to the ends).
std::size_t segment(const std::vector<double>& x, double value) {
  const auto it = std::upper_bound(x.begin() + 1, x.end() - 1, value);
  return static_cast<std::size_t>(it - x.begin()) - 1;
}

}  // namespace

double MeasuredBranch::conductance_at(double p) const {
  p = std::clamp(p, pulse.front(), pulse.back());
  const std::size_t i = segment(pulse, p);
  // std::lerp, not a + q (b - a): exact at the measured points and never outside the segment.
  return std::lerp(conductance_siemens[i], conductance_siemens[i + 1],
                   (p - pulse[i]) / (pulse[i + 1] - pulse[i]));
}

double MeasuredBranch::pulse_at(double g) const {
  const std::vector<double>& c = conductance_siemens;
  const bool rising = c.back() > c.front();
  g = std::clamp(g, std::min(c.front(), c.back()), std::max(c.front(), c.back()));
  const auto it = rising ? std::upper_bound(c.begin() + 1, c.end() - 1, g)
                         : std::upper_bound(c.begin() + 1, c.end() - 1, g, std::greater<>());
  const auto i = static_cast<std::size_t>(it - c.begin()) - 1;
  return std::lerp(pulse[i], pulse[i + 1], (g - c[i]) / (c[i + 1] - c[i]));
}

double MeasuredCurve::g_min_siemens() const {
  return std::max(ltp.conductance_siemens.front(), ltd.conductance_siemens.back());
}

double MeasuredCurve::g_max_siemens() const {
  return std::min(ltp.conductance_siemens.back(), ltd.conductance_siemens.front());
}

MeasuredCurve read_measured_curve(const std::filesystem::path& file) {
  std::string text;
  try {
    text = core::read_file(file);
  } catch (const core::IoError&) {
    throw core::DataError(file.string() + ": cannot open the measured curve file");
  }
  return parse_measured_curve(text, file.string());
}

MeasuredCurve parse_measured_curve(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  MeasuredCurve curve;
  std::string line;
  int line_number = 0;
  bool header_seen = false;
  std::vector<int> ltp_lines;
  std::vector<int> ltd_lines;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string content = trim(line);
    if (content.empty() || content[0] == '#') continue;
    const std::string where = name + ":" + std::to_string(line_number);
    const std::vector<std::string> fields = split_fields(content);
    if (!header_seen) {
      if (fields != std::vector<std::string>{"branch", "pulse", "conductance_siemens"}) {
        throw core::DataError(where + ": expected the header branch,pulse,conductance_siemens");
      }
      header_seen = true;
      continue;
    }
    if (fields.size() != 3) {
      throw core::DataError(where + ": expected 3 fields, got " + std::to_string(fields.size()));
    }
    MeasuredBranch* branch = nullptr;
    if (fields[0] == "ltp") {
      branch = &curve.ltp;
      ltp_lines.push_back(line_number);
    } else if (fields[0] == "ltd") {
      branch = &curve.ltd;
      ltd_lines.push_back(line_number);
    } else {
      throw core::DataError(where + ": expected branch ltp or ltd, got \"" + fields[0] + "\"");
    }
    const double g = parse_number(fields[2], where);
    if (g < 0) throw core::DataError(where + ": conductance must be >= 0 S");
    branch->pulse.push_back(parse_number(fields[1], where));
    branch->conductance_siemens.push_back(g);
  }
  auto check = [&](const MeasuredBranch& b, const std::vector<int>& lines, const char* branch,
                   bool rising) {
    if (b.pulse.size() < 2) {
      throw core::DataError(name + ": the " + branch + " branch needs at least 2 points");
    }
    for (std::size_t i = 1; i < b.pulse.size(); ++i) {
      const std::string where = name + ":" + std::to_string(lines[i]);
      if (b.pulse[i] <= b.pulse[i - 1]) {
        throw core::DataError(where + ": pulse numbers of the " + branch + " branch must increase");
      }
      const double change = b.conductance_siemens[i] - b.conductance_siemens[i - 1];
      if (rising ? change <= 0 : change >= 0) {
        throw core::DataError(where + ": the " + branch +
                              " branch is not monotonic: conductance must " +
                              (rising ? "increase" : "decrease") + " with every pulse");
      }
    }
  };
  check(curve.ltp, ltp_lines, "ltp", true);
  check(curve.ltd, ltd_lines, "ltd", false);
  return curve;
}

namespace {

class LookupDevice final : public DeviceModel {
 public:
  LookupDevice(DeviceInfo info, CommonParams common, YAML::Node resolved, MeasuredCurve curve,
               double c2c_std)
      : DeviceModel(std::move(info), common, std::move(resolved)),
        curve_(std::move(curve)),
        c2c_std_(c2c_std) {}

 protected:
  void init_cells(CellBlock& block, core::Rng& /*rng*/) const override {
    block.g_lo.setConstant(static_cast<float>(info().g_min_siemens));
    block.g_hi.setConstant(static_cast<float>(info().g_max_siemens));
    block.g = block.g_lo;
  }

  void pulse_cells(CellBlock& block, const Eigen::Ref<const PulseArray>& pulses,
                   core::Rng& rng) const override {
    const double range = info().g_max_siemens - info().g_min_siemens;
    if (c2c_std_ > 0) draw_normals(block, rng);
    for (Eigen::Index c = 0; c < block.cols(); ++c) {
      for (Eigen::Index r = 0; r < block.rows(); ++r) {
        const int n = pulses(r, c);
        if (n == 0) continue;
        const MeasuredBranch& branch = n > 0 ? curve_.ltp : curve_.ltd;
        double g = branch.conductance_at(branch.pulse_at(block.g(r, c)) + std::abs(n));
        if (c2c_std_ > 0) g += c2c_std_ * range * std::sqrt(std::abs(n)) * block.scratch(r, c);
        block.g(r, c) = std::clamp(static_cast<float>(g), block.g_lo(r, c), block.g_hi(r, c));
      }
    }
  }

 private:
  MeasuredCurve curve_;
  double c2c_std_;
};

const CommonParamOptions kLookupOptions{false, true};

std::unique_ptr<DeviceModel> make_lookup(const core::ConfigNode& node,
                                         const core::ParamValues& values) {
  CommonParams common = read_common_params(node, values, kLookupOptions);
  const core::ConfigNode file_node = node.at("csv_file");
  const std::filesystem::path file = values.text("csv_file");
  std::error_code error;  // a name too long for the file system must not throw filesystem_error
  if (!std::filesystem::is_regular_file(file, error)) {
    file_node.fail("a readable CSV file (looked for " + std::filesystem::absolute(file).string() +
                   ")");
  }
  MeasuredCurve curve;
  try {
    curve = read_measured_curve(file);
  } catch (const core::DataError& e) {
    file_node.fail_message(e.what());
  }
  common.g_min_siemens = curve.g_min_siemens();
  common.g_max_siemens = curve.g_max_siemens();
  if (common.g_min_siemens >= common.g_max_siemens) {
    file_node.fail_message("the LTP and LTD branches of " + file.string() +
                           " share no conductance range");
  }
  DeviceInfo info;
  info.type = "lookup";
  info.g_min_siemens = common.g_min_siemens;
  info.g_max_siemens = common.g_max_siemens;
  info.levels = static_cast<std::int64_t>(curve.ltp.pulse.size());
  info.dw_min_siemens =
      curve.ltp.conductance_at(curve.ltp.pulse_at(common.g_min_siemens) + 1) - common.g_min_siemens;
  return std::make_unique<LookupDevice>(info, common, resolved_yaml("lookup", values),
                                        std::move(curve), values.real("c2c_std"));
}

}  // namespace

void register_lookup_device(DeviceRegistry& registry) {
  core::ParamTable t = common_device_params(kLookupOptions);
  t.text("csv_file", std::nullopt, "CSV with columns branch,pulse,conductance_siemens");
  t.real("c2c_std", 0.0, "", core::Range::float_at_least(0),
         "cycle-to-cycle sd per write as a fraction of g_max - g_min (x sqrt(|pulses|))");
  registry.add({"lookup", "measured pulse-response curve (LTP and LTD branches) from a CSV",
                std::move(t), make_lookup});
}

}  // namespace cimsim::devices
