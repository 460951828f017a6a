// `flatten`: a spatial map read as flat values. Tensors are already one column per sample
// (channels-last), so it only changes the shape and the network builds nothing for it.
#include "algorithms/layer_type.hpp"

namespace cimsim::algorithms {

void register_flatten_layer(LayerTypeRegistry& registry) {
  registry.add(
      {.kind = LayerKind::kFlatten,
       .name = "flatten",
       .output_shape = [](std::size_t, const LayerSpec&, const TensorShape& in) -> TensorShape {
         return {in.size(), 1, 1, false};
       }});
}

}  // namespace cimsim::algorithms
