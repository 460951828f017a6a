// A layer without weights that computes between weighted layers (max and average pooling): it
// belongs to the weighted layer before it, whose output it transforms and whose teaching signal
// it carries back. Digital logic on a chip; the learning rules never see it.
#pragma once

#include <Eigen/Core>

namespace cimsim::algorithms {

class UnweightedLayer {
 public:
  virtual ~UnweightedLayer() = default;

  // Training forward (input size x batch); keeps what backward() needs.
  virtual const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x) = 0;
  // Stateless forward for evaluation.
  virtual void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) const = 0;
  // The error of the last training forward's input given the error of its output.
  virtual void backward(const Eigen::MatrixXf& output_error,
                        Eigen::MatrixXf& input_error) const = 0;
};

}  // namespace cimsim::algorithms
