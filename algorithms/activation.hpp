// Element-wise activation functions and their derivatives.
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

namespace cimsim::algorithms {

enum class Activation { kLinear, kRelu, kTanh, kSigmoid };

// "linear", "relu", "tanh", "sigmoid".
Activation parse_activation(const std::string& name);
const char* activation_name(Activation a);
const std::vector<std::string>& activation_names();

// a = f(z), in place.
void apply_activation(Activation a, Eigen::MatrixXf& z_to_a);
// delta *= f'(z), written in terms of the output a = f(z) (all four allow it).
void multiply_by_derivative(Activation a, const Eigen::MatrixXf& output, Eigen::MatrixXf& delta);

}  // namespace cimsim::algorithms
