#include "algorithms/layer_spec.hpp"

#include <algorithm>

#include "algorithms/layer_type.hpp"

namespace cimsim::algorithms {

const std::vector<std::string>& layer_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const LayerType& type : layer_type_registry().entries()) out.push_back(type.name);
    return out;
  }();
  return names;
}

LayerKind parse_layer_kind(const std::string& name) {
  if (const LayerType* type = layer_type_registry().find(name)) return type->kind;
  throw std::invalid_argument("unknown layer type: " + name);
}

bool LayerSpec::weighted() const { return layer_type(kind).weighted(); }

Eigen::Index evaluation_chunk(Eigen::Index positions) {
  return std::clamp<Eigen::Index>(65536 / std::max<Eigen::Index>(1, positions), 1, 512);
}

std::string TensorShape::text() const {
  if (!spatial) return std::to_string(channels);
  return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
}

std::vector<TensorShape> infer_shapes(const TensorShape& input,
                                      const std::vector<LayerSpec>& layers) {
  if (layers.empty()) throw ShapeError(0, "the network has no layers");
  if (layers.back().kind != LayerKind::kDense) {
    throw ShapeError(layers.size() - 1, "the output layer must be a dense layer");
  }
  std::vector<TensorShape> shapes;
  TensorShape current = input;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    current = layer_type(layers[i].kind).output_shape(i, layers[i], current);
    shapes.push_back(current);
  }
  return shapes;
}

}  // namespace cimsim::algorithms
