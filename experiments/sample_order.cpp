#include "experiments/sample_order.hpp"

#include <numeric>
#include <stdexcept>

namespace cimsim::experiments {

SamplingMode parse_sampling(const std::string& name) {
  if (name == "permutation") return SamplingMode::kPermutation;
  if (name == "with_replacement") return SamplingMode::kWithReplacement;
  if (name == "neurosim_c_rand") return SamplingMode::kNeuroSimCRand;
  throw std::invalid_argument("unknown sampling mode " + name);
}

SampleOrder::SampleOrder(SamplingMode mode, bool shuffle, std::int64_t stored,
                         std::int64_t per_epoch, core::Rng rng, std::uint32_t c_seed)
    : mode_(mode),
      shuffle_(shuffle),
      stored_(stored),
      per_epoch_(per_epoch),
      rng_(rng),
      c_rand_(c_seed) {
  if (stored < 1 || per_epoch < 1)
    throw std::invalid_argument("SampleOrder: no samples to train on");
  if (mode == SamplingMode::kPermutation && per_epoch > stored) {
    throw std::invalid_argument(
        "SampleOrder: a permutation epoch cannot be longer than the training set");
  }
  if (mode == SamplingMode::kPermutation) {
    order_.resize(static_cast<std::size_t>(stored));
    std::iota(order_.begin(), order_.end(), std::int64_t{0});
  }
  epoch_.resize(static_cast<std::size_t>(per_epoch));
}

const std::vector<std::int64_t>& SampleOrder::next_epoch() {
  if (mode_ == SamplingMode::kWithReplacement) {
    for (auto& index : epoch_)
      index = static_cast<std::int64_t>(rng_.below(static_cast<std::uint64_t>(stored_)));
    return epoch_;
  }
  if (mode_ == SamplingMode::kNeuroSimCRand) {
    for (auto& index : epoch_) index = c_rand_.next() % stored_;
    return epoch_;
  }
  if (shuffle_) rng_.shuffle(order_);
  std::copy(order_.begin(), order_.begin() + per_epoch_, epoch_.begin());
  return epoch_;
}

}  // namespace cimsim::experiments
