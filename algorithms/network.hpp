// A feed-forward network of weighted layers (dense, conv2d), each followed by the unweighted
// layers (pools) that come after it in `model.layers`, built from a NetworkSpec through the layer
// types' registry (algorithms/layer_type.hpp) with one WeightArray per weighted layer from a
// caller-supplied factory (software memory or crossbar tiles). `flatten` changes only the shape:
// tensors are already one column per sample.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "algorithms/layer_spec.hpp"
#include "algorithms/loss.hpp"
#include "algorithms/unweighted_layer.hpp"
#include "algorithms/weighted_layer.hpp"
#include "sim/core/quantizer.hpp"

namespace cimsim::algorithms {

enum class InitKind {
  kXavier,   // U(-a, a), a = sqrt(6 / (fan_in + fan_out))  (Glorot & Bengio, AISTATS 2010)
  kHe,       // U(-a, a), a = sqrt(6 / fan_in)               (He et al., ICCV 2015)
  kUniform,  // U(-init_scale, init_scale)
  // MLP+NeuroSim V3.0 (Mapping.cpp WeightInitialize): each weight uniform on the 7 values
  // {-1, -2/3, ..., 1}, times init_scale.
  kNeuroSim,
  // The same 7 values drawn as WeightInitialize draws them: rand() % 7 - 3 from the C library's
  // generator (glibc's, sim/core/c_rand.hpp) after srand(init_c_seed), layer by layer, each
  // layer output by output; the run's seeds then see NeuroSim's own initial weights.
  kNeuroSimCRand,
};

struct NetworkSpec {
  TensorShape input;  // {size} for a flat vector; {1, rows, cols, true} for an image
  std::vector<LayerSpec> layers;
  bool bias = true;
  InitKind init = InitKind::kXavier;
  float init_scale = 1.0f;        // multiplies the Xavier/He bound; the bound itself for kUniform
  std::uint32_t init_c_seed = 1;  // srand() seed of kNeuroSimCRand (model.init_seed)
  LossKind loss = LossKind::kSoftmaxCrossEntropy;
  core::QuantizerSpec activation_quantizer;  // applied to hidden-layer outputs (before pooling)
};

// Makes the array for weighted layer `index` with the given shape (outputs x inputs incl. the
// bias row).
using ArrayFactory = std::function<std::unique_ptr<sim::WeightArray>(
    std::size_t index, Eigen::Index outputs, Eigen::Index inputs)>;

// What a learning rule needs to size its feedback matrices for one weighted layer.
struct LayerGeometry {
  Eigen::Index units = 0;           // values of the output map per sample (DFA/DRTP B_l rows)
  Eigen::Index kernel_inputs = 0;   // W's inputs without the bias: FA's B (in W^T's place) is
  Eigen::Index kernel_outputs = 0;  // kernel_inputs x kernel_outputs
  // Output errors summed into one value of the input's error by W^T: kernel_outputs, times the
  // (kernel / stride)^2 positions of a convolution that read one input value.
  Eigen::Index transposed_fan_in = 0;
};

class Network {
 public:
  // Builds the layers (throws ShapeError for a list that does not fit its input) and programs
  // initial weights drawn from `init_rng`.
  Network(const NetworkSpec& spec, const ArrayFactory& make_array, core::Rng& init_rng);

  const NetworkSpec& spec() const { return spec_; }
  // Weighted layers.
  std::size_t depth() const { return stages_.size(); }
  WeightedLayer& layer(std::size_t i) { return *stages_[i].layer; }
  const WeightedLayer& layer(std::size_t i) const { return *stages_[i].layer; }
  std::vector<LayerGeometry> geometry() const;

  // Training forward (caches every layer's inputs and outputs); returns the output.
  const Eigen::MatrixXf& forward(const Eigen::Ref<const Eigen::MatrixXf>& x);
  // Stateless forward for evaluation.
  void infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
             core::Rng& noise) const;
  // The error of weighted layer l's output map given the error of the input of layer l + 1: back
  // through the unweighted layers (pools) between them, if any. Consumes `next_input_error` (its
  // storage may be swapped in).
  void unpool(std::size_t l, Eigen::MatrixXf& next_input_error,
              Eigen::MatrixXf& output_error) const;

  // Loss and accuracy over a whole set, in chunks (evaluation_chunk() of the largest output map)
  // spread over `threads` threads; chunk c draws read noise from Rng::derive(seed, "eval/<c>"),
  // so the result does not depend on the thread count.
  LossResult evaluate(const Eigen::Ref<const Eigen::MatrixXf>& x,
                      std::span<const std::uint8_t> labels, int threads, std::uint64_t seed) const;

 private:
  struct Stage {
    std::unique_ptr<WeightedLayer> layer;
    std::vector<std::unique_ptr<UnweightedLayer>> after;  // applied in order to its output
  };

  NetworkSpec spec_;
  std::vector<Stage> stages_;
};

}  // namespace cimsim::algorithms
