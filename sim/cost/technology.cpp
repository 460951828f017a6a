#include "sim/cost/technology.hpp"

#include <stdexcept>
#include <string>

namespace cimsim::sim::cost {
namespace {

// One row per node. Transistor columns: PTM HP (vdd; Ion, Ioff of NMOS at 300 K in uA/um;
// capIdealGate + capFringe in F/m, times 1e-6 for F/um) from NeuroSim Technology.cpp
// (Chen et al., TCAD 2018). Wire columns: width (nm), aspect ratio, resistivity (ohm m) of
// the ITRS-based table in DNN+NeuroSim (Peng et al., IEDM 2019).
struct NodeRow {
  int node_nm;
  double vdd_v;
  double ion_ua_per_um;
  double ioff_na_per_um;
  double gate_cap_f_per_m;  // ideal + fringe
  double wire_width_nm;
  double wire_aspect_ratio;
  double resistivity_ohm_m;
};

constexpr NodeRow kNodes[] = {
    {130, 1.30, 930.0, 100.0, 6.058401e-10 + 6.119807e-10, 175, 1.60, 2.20e-8},
    {90, 1.20, 1070.0, 100.8, 5.694423e-10 + 5.652302e-10, 110, 1.60, 2.52e-8},
    {65, 1.10, 1120.0, 100.0, 4.868295e-10 + 5.270361e-10, 105, 1.70, 2.68e-8},
    {45, 1.00, 1270.0, 100.0, 4.091305e-10 + 4.957928e-10, 80, 1.70, 3.31e-8},
    {32, 0.90, 1410.0, 100.3, 3.767721e-10 + 4.713762e-10, 56, 1.80, 3.70e-8},
    {22, 0.85, 1500.0, 100.2, 3.287e-10 + 4.532e-10, 40, 1.90, 4.03e-8},
    {14, 0.80, 1686.1, 100.9, 1.2573e-9, 25, 2.00, 5.08e-8},
    {10, 0.75, 1769.1, 100.1, 1.1418e-9, 18, 2.00, 6.35e-8},
    {7, 0.70, 1912.0, 100.2, 1.0487e-9, 18, 2.00, 6.35e-8},
};

// Wire capacitance per length, roughly constant across nodes because pitch and height shrink
// together; NeuroSim uses 0.2 fF/um for array and interconnect wires (Chen et al., TCAD 2018).
constexpr double kWireCapFPerUm = 0.2e-15;
// CACTI effective-resistance multiplier for HP devices (Thoziyoor et al., HPL-2008-20).
constexpr double kEffectiveResistanceMultiplier = 1.54;

}  // namespace

double Technology::nmos_resistance_ohm(double width_um) const {
  return kEffectiveResistanceMultiplier * vdd_v / (ion_a_per_um * width_um);
}

double Technology::wire_res_ohm_per_um_at(double width_m) const {
  // R/L = rho / (w * AR * w): scale the minimum-width value by (w_min / w)^2 (same AR, rho).
  const double ratio = wire_width_m / width_m;
  return wire_res_ohm_per_um * ratio * ratio;
}

const std::vector<int>& known_nodes_nm() {
  static const std::vector<int> nodes = [] {
    std::vector<int> v;
    for (const NodeRow& row : kNodes) v.push_back(row.node_nm);
    return v;
  }();
  return nodes;
}

bool is_known_node(int node_nm) {
  for (const NodeRow& row : kNodes) {
    if (row.node_nm == node_nm) return true;
  }
  return false;
}

Technology technology_for_node(int node_nm) {
  for (const NodeRow& row : kNodes) {
    if (row.node_nm != node_nm) continue;
    Technology t;
    t.node_nm = row.node_nm;
    t.feature_size_m = row.node_nm * 1e-9;
    t.vdd_v = row.vdd_v;
    t.ion_a_per_um = row.ion_ua_per_um * 1e-6;
    t.ioff_a_per_um = row.ioff_na_per_um * 1e-9;
    t.gate_cap_f_per_um = row.gate_cap_f_per_m * 1e-6;
    t.wire_width_m = row.wire_width_nm * 1e-9;
    const double w = t.wire_width_m;
    t.wire_res_ohm_per_um = row.resistivity_ohm_m / (w * w * row.wire_aspect_ratio) * 1e-6;
    t.wire_cap_f_per_um = kWireCapFPerUm;
    return t;
  }
  throw std::out_of_range("no technology parameters for a " + std::to_string(node_nm) + " nm node");
}

}  // namespace cimsim::sim::cost
