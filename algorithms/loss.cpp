#include "algorithms/loss.hpp"

#include <cmath>
#include <stdexcept>

namespace cimsim::algorithms {
namespace {

// Index of the largest entry of a column (first one on ties).
Eigen::Index arg_max(const Eigen::MatrixXf& m, Eigen::Index col) {
  Eigen::Index best = 0;
  m.col(col).maxCoeff(&best);
  return best;
}

LossResult evaluate(LossKind kind, const Eigen::MatrixXf& output,
                    std::span<const std::uint8_t> labels, Eigen::MatrixXf* grad) {
  const Eigen::Index classes = output.rows();
  const Eigen::Index batch = output.cols();
  if (static_cast<std::size_t>(batch) != labels.size()) {
    throw std::invalid_argument("loss: batch size and label count differ");
  }
  if (grad) grad->resize(classes, batch);
  LossResult result;
  for (Eigen::Index j = 0; j < batch; ++j) {
    const Eigen::Index label = labels[static_cast<std::size_t>(j)];
    result.correct += arg_max(output, j) == label;
    if (kind == LossKind::kSoftmaxCrossEntropy) {
      // Shift by the max for stability; the log-sum-exp gives -log p(label) exactly.
      const float shift = output.col(j).maxCoeff();
      const Eigen::ArrayXf e = (output.col(j).array() - shift).exp();
      const float sum = e.sum();
      result.loss_sum += std::log(sum) - (output(label, j) - shift);
      if (grad) {
        grad->col(j) = (e / sum).matrix();
        (*grad)(label, j) -= 1.0f;
      }
    } else {
      Eigen::VectorXf diff = output.col(j);
      diff(label) -= 1.0f;
      const float factor = kind == LossKind::kSquaredError ? 2.0f : 1.0f;
      result.loss_sum += 0.5 * factor * diff.squaredNorm();
      if (grad) grad->col(j) = factor * diff;
    }
  }
  return result;
}

}  // namespace

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = {"cross_entropy", "mse"};
  return names;
}

LossKind parse_loss(const std::string& name) {
  if (name == "cross_entropy") return LossKind::kSoftmaxCrossEntropy;
  if (name == "mse") return LossKind::kMse;
  throw std::invalid_argument("unknown loss: " + name);
}

LossKind with_mse_convention(LossKind kind, const std::string& convention) {
  if (kind != LossKind::kMse && kind != LossKind::kSquaredError) return kind;
  if (convention == "half") return LossKind::kMse;
  if (convention == "full") return LossKind::kSquaredError;
  throw std::invalid_argument("unknown mse convention: " + convention);
}

LossResult loss_and_gradient(LossKind kind, const Eigen::MatrixXf& output,
                             std::span<const std::uint8_t> labels, Eigen::MatrixXf& grad) {
  return evaluate(kind, output, labels, &grad);
}

LossResult loss_only(LossKind kind, const Eigen::MatrixXf& output,
                     std::span<const std::uint8_t> labels) {
  return evaluate(kind, output, labels, nullptr);
}

}  // namespace cimsim::algorithms
