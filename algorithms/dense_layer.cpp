#include "algorithms/dense_layer.hpp"

#include "algorithms/layer_type.hpp"

namespace cimsim::algorithms {

DenseLayer::DenseLayer(std::unique_ptr<sim::WeightArray> array, Activation activation, bool bias,
                       TensorShape input_shape)
    : WeightedLayer(std::move(array), activation, bias, input_shape, {}) {
  output_shape_ = {array_->outputs(), 1, 1, false};
}

void DenseLayer::augment(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& out) const {
  out.resize(x.rows() + (bias_ ? 1 : 0), x.cols());
  out.topRows(x.rows()) = x;
  if (bias_) out.row(x.rows()).setOnes();
}

const Eigen::MatrixXf& DenseLayer::forward(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  augment(x, input_);
  array_->forward(input_, output_);
  apply_activation(activation_, output_);
  return output_;
}

void DenseLayer::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                       core::Rng& noise) const {
  Eigen::MatrixXf augmented;
  augment(x, augmented);
  array_->infer(augmented, y, noise);
  apply_activation(activation_, y);
}

void DenseLayer::propagate(const Eigen::MatrixXf& delta, sim::WeightArray* feedback,
                           Eigen::MatrixXf& input_error) {
  if (feedback != nullptr) {
    feedback->forward(delta, input_error);
    return;
  }
  array_->backward(delta, back_);
  input_error = back_.topRows(kernel_inputs());
}

void DenseLayer::update(const Eigen::MatrixXf& delta, float learning_rate) {
  array_->update(delta, input_, learning_rate * learning_rate_scale_);
}

void DenseLayer::update_mirror(sim::WeightArray& mirror, const Eigen::MatrixXf& delta,
                               float learning_rate) {
  mirror.update(input_.topRows(kernel_inputs()), delta, learning_rate * learning_rate_scale_);
}

void register_dense_layer(LayerTypeRegistry& registry) {
  registry.add(
      {.kind = LayerKind::kDense,
       .name = "dense",
       .output_shape = [](std::size_t, const LayerSpec& layer, const TensorShape&) -> TensorShape {
         return {layer.units, 1, 1, false};
       },
       .make_weighted = [](std::unique_ptr<sim::WeightArray> array, const LayerSpec& layer,
                           bool bias, const TensorShape& in,
                           const TensorShape&) -> std::unique_ptr<WeightedLayer> {
         return std::make_unique<DenseLayer>(std::move(array), layer.activation, bias, in);
       },
       .kernel_inputs = [](const LayerSpec&, const TensorShape& in) { return in.size(); },
       .window = [](const LayerSpec&) -> Eigen::Index { return 1; }});
}

}  // namespace cimsim::algorithms
