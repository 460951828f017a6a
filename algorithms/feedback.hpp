// Random feedback matrices shared by the feedback-alignment family of rules.
#pragma once

#include <memory>
#include <string>

#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {

// Parameters every random-feedback rule takes.
core::ParamTable feedback_params();

// Entries of the feedback matrix named `name` (outputs x inputs), drawn once from
// Rng::derive(seed, "train.trainer/<name>"): uniform or Gaussian, scaled by
// feedback_scale / sqrt(fan_in) so a projected error keeps the size of the error; fan_in is the
// number of error values summed into one projected value (the matrix's nonzero inputs per row,
// times the kernel positions that overlap on one input value when col2im adds them up).
Eigen::MatrixXf draw_feedback_matrix(const core::ParamValues& params, std::uint64_t seed,
                                     const std::string& name, Eigen::Index outputs,
                                     Eigen::Index inputs, Eigen::Index fan_in);

// Makes the array named `name` through the context's factory and programs it with `b`.
std::unique_ptr<sim::WeightArray> program_feedback_matrix(const TrainerContext& context,
                                                          const std::string& name,
                                                          const Eigen::MatrixXf& b);

// draw_feedback_matrix, then program_feedback_matrix.
std::unique_ptr<sim::WeightArray> make_feedback_matrix(const core::ParamValues& params,
                                                       const TrainerContext& context,
                                                       const std::string& name,
                                                       Eigen::Index outputs, Eigen::Index inputs,
                                                       Eigen::Index fan_in);

// The name trainers give the feedback matrix that makes hidden layer l's teaching signal (the
// cost model books it by sim::RulePath::feedback_owner).
std::string feedback_name(std::size_t l);

}  // namespace cimsim::algorithms
