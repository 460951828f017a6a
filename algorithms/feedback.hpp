// Fixed random feedback matrices shared by the feedback-alignment family of rules.
#pragma once

#include <memory>
#include <string>

#include "algorithms/trainer.hpp"

namespace cimsim::algorithms {

// Parameters every random-feedback rule takes.
core::ParamTable feedback_params();

// Makes the array named `name` (outputs x inputs) through the context's factory and programs it
// with entries drawn once from Rng::derive(seed, "train.trainer/<name>"): uniform or Gaussian,
// scaled by feedback_scale / sqrt(fan_in) so a projected error keeps the size of the error;
// fan_in is the number of error values summed into one projected value (the matrix's inputs,
// times the kernel positions that overlap on one input value when col2im adds them up).
std::unique_ptr<sim::WeightArray> make_feedback_matrix(const core::ParamValues& params,
                                                       const TrainerContext& context,
                                                       const std::string& name, Eigen::Index outputs,
                                                       Eigen::Index inputs, Eigen::Index fan_in);

}  // namespace cimsim::algorithms
