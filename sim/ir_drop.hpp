// Wire resistance of a crossbar tile (IR drop).
//
// Geometry (one tile): input line k (a wordline) is driven at one end and runs past every column;
// each column (a bitline) collects its cells' currents and ends in the sense amplifier, held at
// virtual ground. Every cell pitch adds `r` ohms of wire on both lines.
#pragma once

#include <Eigen/Core>

namespace cimsim::sim {

// First-order closed form: a cell sees the wire of its path in series, from the driver along its
// input line (column position + 1 pitches) and down its column to the sense amplifier
// (rows - row position pitches), so G_eff = G / (1 + G R_path) (the series model of fast
// parasitic estimates; exact when one cell conducts). Returns R_path (ohm) for every cell of an
// outputs x inputs matrix cut into tiles of tile_outputs x tile_inputs; `column_pitch` is the
// number of physical columns per output (2 for a differential pair).
Eigen::ArrayXXf ir_drop_path_ohm(Eigen::Index outputs, Eigen::Index inputs,
                                 Eigen::Index tile_outputs, Eigen::Index tile_inputs, double r_ohm,
                                 int column_pitch);

// Full solve of the resistive mesh of one tile for one input vector by line relaxation: each
// wordline and each bitline is a tridiagonal system solved exactly (Thomas algorithm) given the
// other lines' voltages, alternating until the largest voltage change falls below
// `tolerance` x max|v|. Returns the current into each column's sense amplifier (A per V of
// input scale). Throws core::Error if it has not converged after `max_iterations`.
Eigen::VectorXf ir_drop_solve(const Eigen::Ref<const Eigen::ArrayXXf>& g,
                              const Eigen::Ref<const Eigen::VectorXf>& v, double r_ohm,
                              int column_pitch, double tolerance, int max_iterations);

}  // namespace cimsim::sim
