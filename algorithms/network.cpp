#include "algorithms/network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/core/parallel.hpp"

namespace cimsim::algorithms {

Network::Network(const NetworkSpec& spec, const ArrayFactory& make_array, core::Rng& init_rng)
    : spec_(spec) {
  if (spec.layers.empty()) throw std::invalid_argument("Network: no layers");
  Eigen::Index fan_in = spec.input_size;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const Eigen::Index fan_out = spec.layers[i].units;
    const Eigen::Index inputs = fan_in + (spec.bias ? 1 : 0);
    auto array = make_array(i, fan_out, inputs);
    float bound = spec.init_scale;
    if (spec.init == InitKind::kXavier) {
      bound *= std::sqrt(6.0f / static_cast<float>(fan_in + fan_out));
    } else if (spec.init == InitKind::kHe) {
      bound *= std::sqrt(6.0f / static_cast<float>(fan_in));
    }
    Eigen::MatrixXf w(fan_out, inputs);
    init_rng.fill_uniform(w.data(), static_cast<std::size_t>(w.size()), -bound, bound);
    if (spec.bias) w.col(inputs - 1).setZero();
    array->set_weights(w);
    layers_.emplace_back(std::move(array), spec.layers[i].activation, spec.bias);
    fan_in = fan_out;
  }
}

const Eigen::MatrixXf& Network::forward(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  const Eigen::MatrixXf* current = nullptr;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    if (i == 0) {
      layers_[i].forward(x);
    } else {
      layers_[i].forward(*current);
    }
    if (i + 1 < layers_.size()) core::quantize(spec_.activation_quantizer, layers_[i].mutable_output());
    current = &layers_[i].output();
  }
  return *current;
}

void Network::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                    core::Rng& noise) const {
  Eigen::MatrixXf current = x;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    layers_[i].infer(current, y, noise);
    if (i + 1 < layers_.size()) {
      core::quantize(spec_.activation_quantizer, y);
      current.swap(y);
    }
  }
}

LossResult Network::evaluate(const Eigen::Ref<const Eigen::MatrixXf>& x,
                             std::span<const std::uint8_t> labels, int threads,
                             std::uint64_t seed, Eigen::Index chunk) const {
  const Eigen::Index n = x.cols();
  const std::size_t chunks = static_cast<std::size_t>((n + chunk - 1) / chunk);
  std::vector<LossResult> parts(chunks);
  core::parallel_for(chunks, threads, [&](std::size_t c) {
    const Eigen::Index begin = static_cast<Eigen::Index>(c) * chunk;
    const Eigen::Index count = std::min(chunk, n - begin);
    core::Rng noise = core::Rng::derive(seed, "eval/" + std::to_string(c));
    Eigen::MatrixXf y;
    infer(x.middleCols(begin, count), y, noise);
    parts[c] = loss_only(spec_.loss, y, labels.subspan(static_cast<std::size_t>(begin),
                                                        static_cast<std::size_t>(count)));
  });
  LossResult total;
  for (const auto& p : parts) {  // fixed order: sums do not depend on the thread count
    total.loss_sum += p.loss_sum;
    total.correct += p.correct;
  }
  return total;
}

}  // namespace cimsim::algorithms
