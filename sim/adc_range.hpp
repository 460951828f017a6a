// The ADC stage of a crossbar read and its range policy (`adc_range`): the full scale is the
// largest sum a tile could produce (`max`), a fraction of it (`fixed`), the largest sum seen in
// the first calibration_reads reads (`calibrated`), or NeuroSim's fixed step against the
// reference column (`neurosim`). One object per read direction holds the calibration state.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "sim/crossbar_spec.hpp"

namespace cimsim::sim {

class AdcRange {
 public:
  // read_span_siemens: g_max - g_min as a read sees them; reference_mapping: sums are G - g_ref,
  // spanning half of a differential pair's range.
  AdcRange(const CrossbarSpec& numerics, int adc_bits, double read_span_siemens,
           bool reference_mapping);

  // Whether a read must report its largest |sum| (a calibrated range still forming, or not
  // formed yet); `calibrating`: the read may widen the range (training reads).
  bool observes(bool calibrating) const;
  // Whether digitize needs the reference column's sums (adc_range: neurosim).
  bool needs_reference_sums() const { return enabled_ && mode_ == AdcRangeMode::kNeuroSim; }

  // Digitizes the sums of one read in place (a no-op with the ADC off): `sums` per slice and line
  // tile, their reference column's sums when needs_reference_sums(), the read's largest |sum|
  // when observes(), line_tile the driven lines of a tile.
  void digitize(std::vector<Eigen::MatrixXf>& sums,
                const std::vector<Eigen::RowVectorXf>& reference_sums, float observed_max,
                Eigen::Index line_tile, bool calibrating);

 private:
  // Every line at full input and every cell at the far end of the range.
  float max_full_scale(Eigen::Index lines) const;

  bool enabled_;
  AdcRangeMode mode_;
  double range_fraction_;
  std::int64_t calibration_reads_;
  int bits_;
  double read_span_siemens_;
  bool reference_mapping_;
  float full_scale_ = 0;    // calibrated range so far
  std::int64_t reads_ = 0;  // calibrating reads so far
};

}  // namespace cimsim::sim
