// Losses on the network output for classification with integer labels.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace cimsim::algorithms {

enum class LossKind {
  // Softmax over the outputs, then cross-entropy; the output layer should be linear.
  kSoftmaxCrossEntropy,
  // Half squared error against one-hot targets: L = 1/2 |a - y|^2, dL/da = a - y.
  kMse,
  // Squared error without the half: L = |a - y|^2, dL/da = 2 (a - y). MLP+NeuroSim V3.0's
  // Train.cpp forms the output delta this way: s2 = -2 a (1 - a) (y - a) for its sigmoid outputs
  // (`model.mse_convention: full`).
  kSquaredError,
};

LossKind parse_loss(const std::string& name);  // "cross_entropy" | "mse"
// The MSE's convention: "half" (kMse) or "full" (kSquaredError); other losses pass through.
LossKind with_mse_convention(LossKind kind, const std::string& convention);
const std::vector<std::string>& loss_names();

struct LossResult {
  double loss_sum = 0;       // summed over the batch
  std::int64_t correct = 0;  // arg-max predictions equal to the label
};

// Evaluates the loss of `output` (classes x batch) and writes dL/d(output) for each sample
// (not divided by the batch size; the update divides) into `grad`.
LossResult loss_and_gradient(LossKind kind, const Eigen::MatrixXf& output,
                             std::span<const std::uint8_t> labels, Eigen::MatrixXf& grad);
// Loss and correct count only.
LossResult loss_only(LossKind kind, const Eigen::MatrixXf& output,
                     std::span<const std::uint8_t> labels);

}  // namespace cimsim::algorithms
