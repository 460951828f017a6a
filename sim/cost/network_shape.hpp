// What the cost model needs to know about a network and its training run, independent of the
// experiment parser: layer sizes, the training rule, batch size and epoch length.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cimsim::sim::cost {

// bp: errors through W^T, layer after layer; fa: through fixed random B_l, layer after layer;
// dfa: output error projected to every layer at once through B_l; drtp: the target projected
// to every layer (available before the forward pass ends).
enum class TrainerKind { kBp, kFa, kDfa, kDrtp };
std::optional<TrainerKind> trainer_kind_from_string(const std::string& name);
const char* to_string(TrainerKind kind);

struct LayerShape {
  std::int64_t inputs = 0;  // rows of the weight matrix as mapped (bias row included if any)
  std::int64_t outputs = 0;
};

struct NetworkShape {
  std::vector<LayerShape> layers;
  TrainerKind trainer = TrainerKind::kBp;
  std::int64_t batch_size = 1;         // weights are programmed once per batch
  std::int64_t epoch_samples = 60000;  // training samples per epoch
};

// An MLP: sizes[0] inputs, then the width of each layer; `bias` adds one input row per layer.
NetworkShape mlp_shape(const std::vector<std::int64_t>& sizes, bool bias, TrainerKind trainer,
                       std::int64_t batch_size, std::int64_t epoch_samples);

}  // namespace cimsim::sim::cost
