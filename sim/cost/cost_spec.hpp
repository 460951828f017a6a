// The `hardware.cost` section: technology node, clock, memory cell, digital precisions, the
// feedback-path implementation, the chip budget and the activity assumptions of the analytic
// event-count estimate. Parsed once into a plain struct (Timeloop style: specs, then model).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/config.hpp"
#include "sim/core/params.hpp"
#include "sim/cost/device_electricals.hpp"

namespace cimsim::sim::cost {

enum class CellType { k1T1R, kCrossbar, kSram6T };
enum class FeedbackStorage { kDigital, kAnalog };
// How the training step's latency is accounted (schedule.hpp states each mode's hardware
// assumption): dependency-driven, DNN+NeuroSim-style layer-serial, or pipelined across samples.
enum class ScheduleMode { kDependency, kLayerSerial, kPipelined };
// How a layer's arrays are sized: every array a whole rows x cols tile, or cut to the rows and
// columns the layer's weights use (MLP+NeuroSim V3.0 main.cpp sizes arrayIH and arrayHO to their
// weight matrices).
enum class ArrayShape { kFixed, kFitLayer };
// Which bit-serial stages are built: a shift register per row and a shift-adder per read circuit
// always, or only where they serialize something (NeuroSim.cpp NeuroSimSubArrayInitialize:
// shift-add only for more than one read pulse; no per-row input register).
enum class SerialPeriphery { kAlways, kWhenSerial };
// Which 1T1R access gates a forward read charges to VDD: those of the rows driven with a 1 bit,
// once per read (the input gates the transistor), or every row the layer's weights occupy, once
// per conversion (the input is on the bit line and the gates are pulsed for each sensed column,
// MLP+NeuroSim V3.0 Train.cpp, "All WLs open"). docs/cost_model.md.
enum class ReadGateLines { kActiveRows, kAllRowsPerConversion };
// Energy of an integrate-and-fire conversion: NeuroSim's 65 nm SPICE figure scaled to the node
// by F VDD^2, or the 65 nm figure at every node (NeuroSim/ReadCircuit.cpp).
enum class IntegrateFireEnergy { kNodeScaled, kSpice65nm };

struct CostSpec {
  int node_nm = 32;
  double clock_hz = 1e9;  // digital periphery clock
  CellType cell_type = CellType::k1T1R;
  double cell_width_f = 12;             // cell pitch along a row, in F
  double cell_height_f = 4;             // cell pitch along a column, in F
  double access_resistance_ohm = 15e3;  // 1T1R access transistor on-resistance (sizes it)
  double array_wire_width_m = 0;        // array wire width; 0: the node's minimum wire width
  ArrayShape array_shape = ArrayShape::kFixed;
  SerialPeriphery serial_periphery = SerialPeriphery::kAlways;
  std::int64_t error_bits = 8;  // teaching-signal and gradient precision (digital)
  // Where B lives; not a key of this section: the caller sets it from hardware.feedback.array
  // (software: digital SRAM + MAC lanes, crossbar: analog tiles).
  FeedbackStorage feedback_storage = FeedbackStorage::kDigital;
  // Resistance in series with every cell a read sees (ohm); not a key of this section: the
  // caller sets it from hardware.crossbar.access_resistance_ohm, which models the access
  // transistor in the reads (0: reads see the cell alone).
  double read_series_resistance_ohm = 0;
  // Whether BP's error phase reads the arrays transposed (their row-side read circuits and
  // column-side drivers are built); not a key of this section: the caller sets it from
  // hardware.crossbar.backward (digital: W^T delta in digital logic, no transposed read).
  bool transposed_reads = true;
  std::int64_t feedback_bits = 8;  // precision of B entries
  std::int64_t bus_bits = 64;      // H-tree bus width
  ScheduleMode schedule = ScheduleMode::kDependency;
  ReadGateLines read_gate_lines = ReadGateLines::kActiveRows;
  IntegrateFireEnergy integrate_fire_energy = IntegrateFireEnergy::kNodeScaled;
  double chip_area_budget_mm2 = 858;  // the lithography reticle limit, 26 mm x 33 mm
  // Activity assumptions of estimate_counts() (ignored when real counts are priced).
  double input_bit_density = 0.5;       // fraction of first-layer input bits that are 1
  double hidden_bit_density = 0.5;      // the same for hidden activations
  double error_bit_density = 0.5;       // the same for error signals
  double update_cell_fraction = 1.0;    // fraction of cells in updated rows that get pulses
  double mean_pulses_per_update = 1.0;  // mean pulses per programmed cell per update
  DeviceElectricals electricals;        // the device's figures, `electricals:` keys on top
};

// Keys of `hardware.cost` with defaults, units and ranges.
const core::ParamTable& cost_spec_params();
// Validates the map (null: all defaults). Unknown node -> ConfigError listing the known nodes.
// `device` holds the electrical figures of the device model (default: Ag:a-Si); keys given
// under `electricals:` replace them.
CostSpec read_cost_spec(const core::ConfigNode& node, const DeviceElectricals& device = {});
// The resolved section (every key, defaults included).
YAML::Node cost_spec_to_yaml(const CostSpec& spec);

const char* to_string(CellType type);
const char* to_string(FeedbackStorage storage);
const char* to_string(ScheduleMode mode);
const char* to_string(ArrayShape shape);
const char* to_string(SerialPeriphery periphery);
const char* to_string(ReadGateLines lines);
const char* to_string(IntegrateFireEnergy energy);
// The inverse of to_string(FeedbackStorage); nullopt for any other name.
std::optional<FeedbackStorage> feedback_storage_from_string(const std::string& name);

}  // namespace cimsim::sim::cost
