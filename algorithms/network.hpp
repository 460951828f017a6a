// A multi-layer perceptron of DenseLayers, built from a NetworkSpec with one WeightArray per
// layer from a caller-supplied factory (software memory or crossbar tiles).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "algorithms/dense_layer.hpp"
#include "algorithms/loss.hpp"
#include "sim/core/quantizer.hpp"

namespace cimsim::algorithms {

enum class InitKind {
  kXavier,   // U(-a, a), a = sqrt(6 / (fan_in + fan_out))  (Glorot & Bengio, AISTATS 2010)
  kHe,       // U(-a, a), a = sqrt(6 / fan_in)               (He et al., ICCV 2015)
  kUniform,  // U(-init_scale, init_scale)
};

struct LayerSpec {
  Eigen::Index units = 0;
  Activation activation = Activation::kTanh;
};

struct NetworkSpec {
  Eigen::Index input_size = 0;
  std::vector<LayerSpec> layers;
  bool bias = true;
  InitKind init = InitKind::kXavier;
  float init_scale = 1.0f;  // multiplies the Xavier/He bound; the bound itself for kUniform
  LossKind loss = LossKind::kSoftmaxCrossEntropy;
  core::QuantizerSpec activation_quantizer;  // applied to hidden-layer outputs
};

// Makes the array for layer `index` with the given shape (outputs x inputs incl. bias row).
using ArrayFactory = std::function<std::unique_ptr<sim::WeightArray>(
    std::size_t index, Eigen::Index outputs, Eigen::Index inputs)>;

class Network {
 public:
  // Builds the layers and programs initial weights drawn from `init_rng`.
  Network(const NetworkSpec& spec, const ArrayFactory& make_array, core::Rng& init_rng);

  const NetworkSpec& spec() const { return spec_; }
  std::size_t depth() const { return layers_.size(); }
  DenseLayer& layer(std::size_t i) { return layers_[i]; }
  const DenseLayer& layer(std::size_t i) const { return layers_[i]; }

  // Training forward (caches per-layer inputs/outputs); returns the output.
  const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x);
  // Stateless forward for evaluation.
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y, core::Rng& noise) const;

  // Loss and accuracy over a whole set, in chunks of `chunk` samples spread over `threads`
  // threads; chunk c draws read noise from Rng::derive(seed, "eval/<c>"), so the result does not
  // depend on the thread count.
  LossResult evaluate(const Eigen::Ref<const Eigen::MatrixXf>& x, std::span<const std::uint8_t> labels,
                      int threads, std::uint64_t seed, Eigen::Index chunk = 512) const;

 private:
  NetworkSpec spec_;
  std::vector<DenseLayer> layers_;
};

}  // namespace cimsim::algorithms
