#include "sim/cost/network_shape.hpp"

#include <stdexcept>

namespace cimsim::sim::cost {

std::optional<TrainerKind> trainer_kind_from_string(const std::string& name) {
  if (name == "bp") return TrainerKind::kBp;
  if (name == "fa") return TrainerKind::kFa;
  if (name == "dfa") return TrainerKind::kDfa;
  if (name == "drtp") return TrainerKind::kDrtp;
  return std::nullopt;
}

const char* to_string(TrainerKind kind) {
  switch (kind) {
    case TrainerKind::kBp:
      return "bp";
    case TrainerKind::kFa:
      return "fa";
    case TrainerKind::kDfa:
      return "dfa";
    case TrainerKind::kDrtp:
      return "drtp";
  }
  return "?";
}

NetworkShape mlp_shape(const std::vector<std::int64_t>& sizes, bool bias, TrainerKind trainer,
                       std::int64_t batch_size, std::int64_t epoch_samples) {
  if (sizes.size() < 2) throw std::invalid_argument("mlp_shape: need inputs and >= 1 layer");
  NetworkShape shape;
  for (std::size_t i = 1; i < sizes.size(); ++i) {
    shape.layers.push_back({sizes[i - 1] + (bias ? 1 : 0), sizes[i]});
  }
  shape.trainer = trainer;
  shape.batch_size = batch_size;
  shape.epoch_samples = epoch_samples;
  return shape;
}

}  // namespace cimsim::sim::cost
