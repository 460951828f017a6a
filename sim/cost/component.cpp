#include "sim/cost/component.hpp"

namespace cimsim::sim::cost {

const char* to_string(Component component) {
  switch (component) {
    case Component::kCellArray:
      return "cell_array";
    case Component::kRowDriver:
      return "row_driver";
    case Component::kInputDriver:
      return "input_driver";
    case Component::kColumnMux:
      return "column_mux";
    case Component::kAdc:
      return "adc";
    case Component::kShiftAdd:
      return "shift_add";
    case Component::kAdderTree:
      return "adder_tree";
    case Component::kActivation:
      return "activation";
    case Component::kErrorUnit:
      return "error_unit";
    case Component::kOuterProduct:
      return "outer_product";
    case Component::kWriteDriver:
      return "write_driver";
    case Component::kBuffer:
      return "buffer";
    case Component::kInterconnect:
      return "interconnect";
    case Component::kFeedbackPath:
      return "feedback_path";
    case Component::kPooling:
      return "pooling";
  }
  return "?";
}

double ComponentValues::total() const {
  double sum = 0;
  for (const double v : value) sum += v;
  return sum;
}

ComponentValues& ComponentValues::operator+=(const ComponentValues& other) {
  for (std::size_t i = 0; i < kComponentCount; ++i) value[i] += other.value[i];
  return *this;
}

ComponentValues& ComponentValues::operator*=(double factor) {
  for (double& v : value) v *= factor;
  return *this;
}

}  // namespace cimsim::sim::cost
