// The components a report breaks area and energy down by, and a fixed-size table of values
// indexed by them.
#pragma once

#include <array>
#include <cstddef>

namespace cimsim::sim::cost {

enum class Component : std::size_t {
  kCellArray = 0,  // memory cells: read current, programming pulses in the cell
  kRowDriver,      // wordline/row decoders and drivers, array lines charged
  kInputDriver,    // DACs or bit-serial input registers
  kColumnMux,      // column multiplexers and column lines
  kAdc,            // ADCs / sense amplifiers
  kShiftAdd,       // shift-and-add after each ADC
  kAdderTree,      // merging tiles, slices and pairs; accumulators
  kActivation,     // neuron units
  kErrorUnit,      // digital MACs of the error phase (derivative products, output error)
  kOuterProduct,   // weight-gradient (outer product to pulse counts) units
  kWriteDriver,    // programming drivers and level shifters
  kBuffer,         // SRAM activation / error buffers
  kInterconnect,   // H-tree between buffers and tiles
  kFeedbackPath,   // B matrices (their arrays or SRAM) and their readout / MACs
  kPooling,        // max / average pooling units after conv layers, and their unpooling
};
inline constexpr std::size_t kComponentCount = 15;
const char* to_string(Component component);

struct ComponentValues {
  std::array<double, kComponentCount> value{};

  double& operator[](Component c) { return value[static_cast<std::size_t>(c)]; }
  double operator[](Component c) const { return value[static_cast<std::size_t>(c)]; }
  double total() const;
  ComponentValues& operator+=(const ComponentValues& other);
  ComponentValues& operator*=(double factor);
};

}  // namespace cimsim::sim::cost
