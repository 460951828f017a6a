// Which training samples an epoch visits, and in what order.
//
// permutation: the stored training set in an order reshuffled every epoch (each shuffle starts
// from the previous epoch's order), or in file order without shuffling; an epoch shorter than
// the set takes the first samples of that order. with_replacement: every sample of the epoch is
// drawn uniformly at random from the whole stored set, repeats allowed, as MLP+NeuroSim V3.0
// draws its training images (Train.cpp: `rand() % param->numMnistTrainImages`, 8000 per epoch).
// neurosim_c_rand: the same draws with NeuroSim's own generator, C rand() % stored after
// srand(seed) (glibc's generator, core::CRand; main.cpp calls srand(seed) after the weight
// initialization, and the draws are the only rand() calls after it), so that a run with seed s
// trains on the images NeuroSim's run with srand(s) trains on, in the same order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/c_rand.hpp"
#include "sim/core/rng.hpp"

namespace cimsim::experiments {

enum class SamplingMode { kPermutation, kWithReplacement, kNeuroSimCRand };

SamplingMode parse_sampling(const std::string& name);

class SampleOrder {
 public:
  // `stored` training samples, `per_epoch` of them each epoch (<= stored for permutation),
  // drawn from `rng` (neurosim_c_rand: from srand(c_seed)).
  SampleOrder(SamplingMode mode, bool shuffle, std::int64_t stored, std::int64_t per_epoch,
              core::Rng rng, std::uint32_t c_seed);

  // The indices of the next epoch's samples (per_epoch of them), in training order.
  const std::vector<std::int64_t>& next_epoch();

 private:
  SamplingMode mode_;
  bool shuffle_;
  std::int64_t stored_;
  std::int64_t per_epoch_;
  core::Rng rng_;
  core::CRand c_rand_;
  std::vector<std::int64_t> order_;  // permutation: all stored indices; the epoch is its prefix
  std::vector<std::int64_t> epoch_;
};

}  // namespace cimsim::experiments
