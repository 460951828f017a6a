#include "algorithms/software_array.hpp"

#include <stdexcept>

namespace cimsim::algorithms {

SoftwareArray::SoftwareArray(Eigen::Index outputs, Eigen::Index inputs, SoftwareArraySpec spec)
    : spec_(spec), w_(Eigen::MatrixXf::Zero(outputs, inputs)), optimizer_(spec.optimizer) {}

namespace {
double macs(const Eigen::MatrixXf& w, Eigen::Index batch) {
  return static_cast<double>(w.size()) * static_cast<double>(batch);
}
}  // namespace

void SoftwareArray::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) {
  y.noalias() = w_ * x;
  counts_[sim::Phase::kForward].digital_macs += macs(w_, x.cols());
}

void SoftwareArray::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                          core::Rng& /*noise: ideal memory has none*/) const {
  y.noalias() = w_ * x;
}

void SoftwareArray::backward(const Eigen::Ref<const Eigen::MatrixXf>& y_error,
                             Eigen::MatrixXf& x_error) {
  x_error.noalias() = w_.transpose() * y_error;
  counts_[sim::Phase::kErrorPropagation].digital_macs += macs(w_, y_error.cols());
}

void SoftwareArray::update(const Eigen::Ref<const Eigen::MatrixXf>& delta,
                           const Eigen::Ref<const Eigen::MatrixXf>& x, float learning_rate) {
  grad_.noalias() = (delta * x.transpose()) / static_cast<float>(x.cols());
  core::quantize(spec_.gradient_quantizer, grad_);
  optimizer_.step(w_, grad_, learning_rate);
  counts_[sim::Phase::kWeightGradient].digital_macs += macs(w_, x.cols());
  core::quantize(spec_.weight_quantizer, w_);
}

void SoftwareArray::set_weights(const Eigen::Ref<const Eigen::MatrixXf>& w) {
  if (w.rows() != w_.rows() || w.cols() != w_.cols()) {
    throw std::invalid_argument("SoftwareArray::set_weights: shape mismatch");
  }
  w_ = w;
  core::quantize(spec_.weight_quantizer, w_);
}

}  // namespace cimsim::algorithms
