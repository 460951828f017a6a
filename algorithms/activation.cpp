#include "algorithms/activation.hpp"

#include <stdexcept>

namespace cimsim::algorithms {

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"linear", "relu", "tanh", "sigmoid"};
  return names;
}

Activation parse_activation(const std::string& name) {
  if (name == "linear") return Activation::kLinear;
  if (name == "relu") return Activation::kRelu;
  if (name == "tanh") return Activation::kTanh;
  if (name == "sigmoid") return Activation::kSigmoid;
  throw std::invalid_argument("unknown activation: " + name);
}

const char* activation_name(Activation a) {
  return activation_names()[static_cast<std::size_t>(a)].c_str();
}

void apply_activation(Activation a, Eigen::MatrixXf& z) {
  switch (a) {
    case Activation::kLinear:
      return;
    case Activation::kRelu:
      z = z.cwiseMax(0.0f);
      return;
    case Activation::kTanh:
      z = z.array().tanh().matrix();
      return;
    case Activation::kSigmoid:
      z = (1.0f / (1.0f + (-z.array()).exp())).matrix();
      return;
  }
}

void multiply_by_derivative(Activation a, const Eigen::MatrixXf& y, Eigen::MatrixXf& delta) {
  switch (a) {
    case Activation::kLinear:
      return;
    case Activation::kRelu:
      delta = (y.array() > 0.0f).select(delta.array(), 0.0f).matrix();
      return;
    case Activation::kTanh:
      delta.array() *= 1.0f - y.array().square();
      return;
    case Activation::kSigmoid:
      delta.array() *= y.array() * (1.0f - y.array());
      return;
  }
}

}  // namespace cimsim::algorithms
