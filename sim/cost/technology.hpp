// CMOS technology parameters per node, the inputs of every circuit formula in sim/cost.
//
// Transistors: PTM high-performance models at 300 K (ptm.asu.edu; planar bulk for 130-22 nm,
// multi-gate for 14-7 nm) as tabulated in NeuroSim's Technology.cpp (Chen, Peng, Yu, "NeuroSim:
// a circuit-level macro model for benchmarking neuro-inspired architectures in online learning",
// IEEE TCAD 37(12), 2018). Wires: ITRS interconnect width, aspect ratio and resistivity (incl.
// size effects) as tabulated in the NeuroSim/DNN+NeuroSim wire model (Peng et al., IEDM 2019).
#pragma once

#include <vector>

namespace cimsim::sim::cost {

struct Technology {
  int node_nm = 0;
  double feature_size_m = 0;       // F: the node's drawn length (cell areas are in F^2)
  double vdd_v = 0;                // nominal supply
  double ion_a_per_um = 0;         // NMOS on-current per um of width at VDD
  double ioff_a_per_um = 0;        // NMOS off-current per um of width at VDD
  double gate_cap_f_per_um = 0;    // gate capacitance per um of width (ideal + fringe)
  double wire_width_m = 0;         // minimum local wire width
  double wire_res_ohm_per_um = 0;  // resistance per um of a minimum-width wire
  double wire_cap_f_per_um = 0;    // capacitance per um of wire

  double feature_size_um() const { return feature_size_m * 1e6; }
  // Effective switching resistance of an NMOS of width `width_um` (ohm): VDD / Ion scaled by
  // CACTI's effective-resistance multiplier 1.54 (Thoziyoor et al., CACTI 5.1, HPL-2008-20).
  double nmos_resistance_ohm(double width_um) const;
  // Resistance per um of a wire of width `width_m` (same metal, aspect ratio and resistivity).
  double wire_res_ohm_per_um_at(double width_m) const;
};

// Nodes with parameters, descending: 130, 90, 65, 45, 32, 22, 14, 10, 7.
const std::vector<int>& known_nodes_nm();
bool is_known_node(int node_nm);
// Throws std::out_of_range for a node not in known_nodes_nm() (the config reader turns this into
// a ConfigError naming hardware.cost.node_nm).
Technology technology_for_node(int node_nm);

}  // namespace cimsim::sim::cost
