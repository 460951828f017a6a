#include "algorithms/network.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "algorithms/layer_type.hpp"
#include "sim/core/c_rand.hpp"
#include "sim/core/parallel.hpp"

namespace cimsim::algorithms {

Network::Network(const NetworkSpec& spec, const ArrayFactory& make_array, core::Rng& init_rng)
    : spec_(spec) {
  const std::vector<TensorShape> shapes = infer_shapes(spec.input, spec.layers);
  TensorShape in = spec.input;
  // kNeuroSimCRand: one C rand() sequence over all layers, as WeightInitialize draws them.
  core::CRand c_rand(spec.init_c_seed);
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    const LayerType& type = layer_type(l.kind);
    if (type.weighted()) {
      const Eigen::Index taps = type.kernel_inputs(l, in);
      const Eigen::Index inputs = taps + (spec.bias ? 1 : 0);
      auto array = make_array(stages_.size(), l.units, inputs);
      // Glorot's fan-out of a convolution counts every output its kernel reaches: C_out k^2.
      const Eigen::Index fan_out = l.units * type.window(l) * type.window(l);
      float bound = spec.init_scale;
      if (spec.init == InitKind::kXavier) {
        bound *= std::sqrt(6.0f / static_cast<float>(taps + fan_out));
      } else if (spec.init == InitKind::kHe) {
        bound *= std::sqrt(6.0f / static_cast<float>(taps));
      }
      Eigen::MatrixXf w(l.units, inputs);
      if (spec.init == InitKind::kNeuroSimCRand) {
        // Row by row (an output's weights, then the next output's), rand() % 7 - 3 in thirds.
        w.setZero();
        for (Eigen::Index o = 0; o < w.rows(); ++o) {
          for (Eigen::Index t = 0; t < taps; ++t) {
            w(o, t) = bound * static_cast<float>(c_rand.next() % 7 - 3) / 3.0f;
          }
        }
      } else if (spec.init == InitKind::kNeuroSim) {
        init_rng.fill_uniform(w.data(), static_cast<std::size_t>(w.size()), 0.0f, 1.0f);
        w = w.unaryExpr([bound](float u) {
          return bound * (std::min(std::floor(u * 7.0f), 6.0f) - 3.0f) / 3.0f;
        });
      } else {
        init_rng.fill_uniform(w.data(), static_cast<std::size_t>(w.size()), -bound, bound);
      }
      if (spec.bias) w.col(inputs - 1).setZero();
      array->set_weights(w);
      Stage stage;
      stage.layer = type.make_weighted(std::move(array), l, spec.bias, in, shapes[i]);
      stage.layer->set_learning_rate_scale(l.learning_rate_scale);
      stages_.push_back(std::move(stage));
    } else if (type.make_unweighted) {
      stages_.back().after.push_back(type.make_unweighted(l, in, shapes[i]));
    }
    in = shapes[i];
  }
}

std::vector<LayerGeometry> Network::geometry() const {
  std::vector<LayerGeometry> out;
  for (std::size_t i = 0, spec_index = 0; i < stages_.size(); ++i, ++spec_index) {
    while (!spec_.layers[spec_index].weighted()) ++spec_index;
    const LayerSpec& l = spec_.layers[spec_index];
    const WeightedLayer& layer = *stages_[i].layer;
    const Eigen::Index window = layer_type(l.kind).window(l);
    const Eigen::Index overlap =
        std::max<Eigen::Index>(1, (window * window) / (l.stride * l.stride));
    out.push_back({layer.units(), layer.kernel_inputs(), layer.kernel_outputs(),
                   layer.kernel_outputs() * overlap});
  }
  return out;
}

const Eigen::MatrixXf& Network::forward(const Eigen::Ref<const Eigen::MatrixXf>& x) {
  const Eigen::MatrixXf* current = nullptr;
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    Stage& stage = stages_[i];
    current = i == 0 ? &stage.layer->forward(x) : &stage.layer->forward(*current);
    if (i + 1 < stages_.size())
      core::quantize(spec_.activation_quantizer, stage.layer->mutable_output());
    for (const auto& after : stage.after) current = &after->forward(*current);
  }
  return *current;
}

void Network::infer(const Eigen::Ref<const Eigen::MatrixXf>& x, Eigen::MatrixXf& y,
                    core::Rng& noise) const {
  Eigen::MatrixXf current = x;
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    stages_[i].layer->infer(current, y, noise);
    if (i + 1 == stages_.size()) break;
    core::quantize(spec_.activation_quantizer, y);
    for (const auto& after : stages_[i].after) {
      after->infer(y, current);
      current.swap(y);
    }
    current.swap(y);
  }
}

void Network::unpool(std::size_t l, Eigen::MatrixXf& next_input_error,
                     Eigen::MatrixXf& output_error) const {
  const std::vector<std::unique_ptr<UnweightedLayer>>& after = stages_[l].after;
  if (after.empty()) {
    output_error.swap(next_input_error);
    return;
  }
  for (std::size_t p = after.size(); p-- > 0;) {
    after[p]->backward(next_input_error, output_error);
    if (p > 0) next_input_error.swap(output_error);
  }
}

LossResult Network::evaluate(const Eigen::Ref<const Eigen::MatrixXf>& x,
                             std::span<const std::uint8_t> labels, int threads,
                             std::uint64_t seed) const {
  Eigen::Index positions = 1;
  for (const Stage& s : stages_)
    positions = std::max(positions, s.layer->output_shape().positions());
  const Eigen::Index chunk = evaluation_chunk(positions);
  const Eigen::Index n = x.cols();
  const std::size_t chunks = static_cast<std::size_t>((n + chunk - 1) / chunk);
  std::vector<LossResult> parts(chunks);
  core::parallel_for(chunks, threads, [&](std::size_t c) {
    const Eigen::Index begin = static_cast<Eigen::Index>(c) * chunk;
    const Eigen::Index count = std::min(chunk, n - begin);
    core::Rng noise = core::Rng::derive(seed, "eval/" + std::to_string(c));
    Eigen::MatrixXf y;
    infer(x.middleCols(begin, count), y, noise);
    parts[c] =
        loss_only(spec_.loss, y,
                  labels.subspan(static_cast<std::size_t>(begin), static_cast<std::size_t>(count)));
  });
  LossResult total;
  for (const auto& p : parts) {  // fixed order: sums do not depend on the thread count
    total.loss_sum += p.loss_sum;
    total.correct += p.correct;
  }
  return total;
}

}  // namespace cimsim::algorithms
