// The one interface between learning rules and whatever stores a layer's weights.
//
// A trainer never names a device type. It asks a WeightArray for products with W and W^T and
// hands it the two factors of an outer-product update; a software array does the float
// arithmetic, a crossbar array (sim/) does it through simulated tiles, devices and periphery and
// counts every event it needs for the cost model.
#pragma once

#include <Eigen/Core>

#include "sim/core/rng.hpp"
#include "sim/event_counts.hpp"

namespace cimsim::sim {

class WeightArray {
 public:
  virtual ~WeightArray() = default;

  // W is outputs() x inputs().
  virtual Eigen::Index outputs() const = 0;
  virtual Eigen::Index inputs() const = 0;

  // y = W x for a batch: x is inputs() x batch, y becomes outputs() x batch.
  virtual void forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y) = 0;
  // Inference-only y = W x that changes no state, so evaluation can run on several threads at
  // once; noise, if the medium has any, is drawn from `noise` (one stream per evaluation chunk).
  virtual void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                     core::Rng& noise) const = 0;
  // x_error = W^T y_error: y_error is outputs() x batch, x_error becomes inputs() x batch.
  virtual void backward(const Eigen::Ref<const Eigen::MatrixXf>& y_error,
                        Eigen::MatrixXf& x_error) = 0;
  // Moves W towards W - learning_rate / batch * delta x^T as far as the medium allows:
  // delta is outputs() x batch, x is inputs() x batch.
  virtual void update(const Eigen::Ref<const Eigen::MatrixXf>& delta,
                      const Eigen::Ref<const Eigen::MatrixXf>& x, float learning_rate) = 0;

  // The weights the array currently represents (for checks, exports and divergence guards).
  virtual Eigen::MatrixXf weights() const = 0;
  // Programs initial weights (outputs() x inputs()).
  virtual void set_weights(const Eigen::Ref<const Eigen::MatrixXf>& w) = 0;

  // Events recorded by forward (forward phase), backward (error-propagation phase) and update
  // (weight-gradient and weight-update phases) since construction; infer() records nothing.
  virtual const LayerCounts& counts() const = 0;
};

}  // namespace cimsim::sim
