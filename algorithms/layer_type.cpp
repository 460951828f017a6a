// The registry of layer types: every type listed in algorithms/layer_types.def.
#include "algorithms/layer_type.hpp"

#include <stdexcept>

namespace cimsim::algorithms {

#define CIMSIM_LAYER(kind, register_type) void register_type(LayerTypeRegistry& registry);
#include "algorithms/layer_types.def"
#undef CIMSIM_LAYER

const LayerTypeRegistry& layer_type_registry() {
  static const LayerTypeRegistry registry = [] {
    LayerTypeRegistry r;
#define CIMSIM_LAYER(kind, register_type) register_type(r);
#include "algorithms/layer_types.def"
#undef CIMSIM_LAYER
    // layer_type() indexes the entries by kind: each line registers its own kind, in order.
    for (std::size_t i = 0; i < r.entries().size(); ++i) {
      if (static_cast<std::size_t>(r.entries()[i].kind) != i) {
        throw std::logic_error("layer_types.def: " + r.entries()[i].name +
                               " registers another line's LayerKind");
      }
    }
    return r;
  }();
  return registry;
}

const LayerType& layer_type(LayerKind kind) {
  return layer_type_registry().entries().at(static_cast<std::size_t>(kind));
}

}  // namespace cimsim::algorithms
