// NeuroSim's nonlinearity label and the curve parameter A it stands for.
//
// NeuroSim models the conductance after P identical pulses as
//   G(P) = B (1 - exp(-P / A)) + G_min,   B = (G_max - G_min) / (1 - exp(-P_max / A))
// (Chen, Peng & Yu, IEEE TCAD 37(12) 2018; NeuroSim MLP manual), and quotes each device by a
// "nonlinearity label" NL instead of A. NeuroSim ships NL -> A/P_max as a table
// (documents/Nonlinearity-NormA in MLP_NeuroSim_V3.0, e.g. NL 1.51 -> 0.8195, 3.01 -> 0.3853,
// 7.51 -> 0.0702). We re-derived the rule behind that table: with x = P / P_max and
// g(x) = (1 - e^{-x/a}) / (1 - e^{-1/a}), the label is the largest distance of the normalized
// curve from the straight line in units of 0.099:  max_x (g(x) - x) = 0.099 |NL|. This
// reproduces the published table to its 4 printed digits (tests/devices/nonlinearity_test.cpp).
// A negative label (NeuroSim's convention for LTD) gives a negative A: the same curve mirrored,
// i.e. depression that is steep near G_max and flattens towards G_min.
#pragma once

#include <vector>

namespace cimsim::devices {

// Largest label magnitude we accept: the distance 0.099 |NL| must stay below 1.
inline constexpr double kMaxNonlinearityLabel = 9.0;

// max_x (g(x) - x) for the normalized curve with parameter a > 0 (closed form; 0 < result < 1).
double nonlinearity_deviation(double a);

// a = A / P_max for a label in [-9, 9]: the sign follows the label; |a| solves
// nonlinearity_deviation(|a|) = 0.099 |label| by bisection. Label 0 means a linear curve and
// returns +infinity.
double normalized_a_from_label(double label);

// Fast label -> 1/a for many cells (device-to-device variation of the label): 1/a is smooth in
// the label, so linear interpolation on a 0.005 grid is accurate to ~1e-5 relative.
class InverseATable {
 public:
  InverseATable();
  // 1 / a(label); label clamped to [-9, 9]; 0 for label 0.
  double inverse_a(double label) const;

 private:
  std::vector<double> inverse_a_;  // at labels 0, 0.005, ..., 9
};

}  // namespace cimsim::devices
