#include "sim/tile_spec.hpp"

#include <string>

#include "sim/core/errors.hpp"

namespace cimsim::sim {

using core::Range;

std::int64_t TileSpec::cells_per_weight() const {
  return (weight_bits + cell_bits - 1) / cell_bits;
}

std::int64_t TileSpec::columns_per_weight() const {
  return cells_per_weight() * (mapping == WeightMapping::kDifferential ? 2 : 1);
}

std::int64_t TileSpec::weight_columns() const {
  return cols - (mapping == WeightMapping::kReference ? 1 : 0);
}

std::int64_t TileSpec::input_cycles() const {
  return input_mode == InputMode::kBitSerial ? input_bits : 1;
}

std::int64_t TileSpec::cells_per_write_batch() const { return cols / cols_per_write_driver; }

const core::ParamTable& tile_spec_params() {
  static const core::ParamTable table = [] {
    const TileSpec d;  // the defaults are the struct's
    core::ParamTable t;
    t.integer("rows", d.rows, Range::between(8, kMaxTileSide), "cells per column (inputs per tile)")
        .integer("cols", d.cols, Range::between(8, kMaxTileSide), "cells per row")
        .integer("cols_per_adc", d.cols_per_adc, Range::between(1, kMaxTileSide),
                 "columns sharing one ADC through a multiplexer (must divide cols)")
        .integer("cols_per_write_driver", d.cols_per_write_driver, Range::between(1, kMaxTileSide),
                 "columns sharing one write driver, written one batch after another (must "
                 "divide cols; NeuroSim V3 numWriteColMuxed = 16)")
        .integer("adc_bits", d.adc_bits, Range::between(1, 16), "ADC resolution")
        .choice("adc_type", std::string(to_string(d.adc_type)),
                {"sar", "flash", "sense_amp", "integrate_fire"},
                "ADC architecture (sense_amp: NeuroSim multilevel current sense amplifier; "
                "integrate_fire: NeuroSim V3 current-counting read circuit)")
        .integer("input_bits", d.input_bits, Range::between(1, 16), "activation (input) precision")
        .choice("input_mode", std::string(to_string(d.input_mode)), {"dac", "bit_serial"},
                "inputs through a DAC (one read cycle) or one bit per read cycle")
        .integer("cell_bits", d.cell_bits, Range::between(1, kMaxCellBits), "bits stored per cell")
        .integer("weight_bits", d.weight_bits, Range::between(1, 16),
                 "bits per weight (ceil(weight_bits / cell_bits) cells per weight); default "
                 "cell_bits when a layer is trained on the tiles")
        .choice("mapping", std::string(to_string(d.mapping)), {"differential", "reference"},
                "signed weights as G+ - G- pairs, or against one reference column per tile");
    return t;
  }();
  return table;
}

TileSpec tile_spec_from_values(const core::ParamValues& v) {
  TileSpec s;
  s.rows = v.integer("rows");
  s.cols = v.integer("cols");
  s.cols_per_adc = v.integer("cols_per_adc");
  s.adc_bits = v.integer("adc_bits");
  const std::string& adc = v.text("adc_type");
  s.adc_type = adc == "flash"            ? AdcType::kFlash
               : adc == "sense_amp"      ? AdcType::kSenseAmp
               : adc == "integrate_fire" ? AdcType::kIntegrateFire
                                         : AdcType::kSar;
  s.cols_per_write_driver = v.integer("cols_per_write_driver");
  s.input_bits = v.integer("input_bits");
  s.input_mode = v.text("input_mode") == "dac" ? InputMode::kDac : InputMode::kBitSerial;
  s.cell_bits = v.integer("cell_bits");
  s.weight_bits = v.integer("weight_bits");
  s.mapping =
      v.text("mapping") == "reference" ? WeightMapping::kReference : WeightMapping::kDifferential;
  return s;
}

TileSpec read_tile_spec(const core::ConfigNode& node, bool trained,
                        const std::vector<std::string>& also_allowed) {
  const core::ParamValues values = tile_spec_params().read(node, also_allowed);
  TileSpec s = tile_spec_from_values(values);
  // Combination checks name the key that has to change.
  const auto key = [&](const char* name) -> core::ConfigNode {
    if (const auto found = node.find(name)) return *found;
    return node;
  };
  if (trained && !values.was_given("weight_bits")) s.weight_bits = s.cell_bits;
  if (trained && s.weight_bits > s.cell_bits) {
    const std::string cell_bits = std::to_string(s.cell_bits);
    const std::string weight_bits = std::to_string(s.weight_bits);
    const std::string wider_cells =
        s.weight_bits <= kMaxCellBits ? " or hardware.tile.cell_bits: " + weight_bits : "";
    const std::string fix = "set hardware.tile.weight_bits: " + cell_bits + wider_cells +
                            ", or leave weight_bits out (it then follows cell_bits)";
    key("weight_bits")
        .fail_message(
            "in-situ training updates one cell per weight side, so a trained weight has "
            "at most cell_bits (" +
            cell_bits + ") bits, not " + weight_bits + ": " + fix);
  }
  if (s.cols % s.cols_per_adc != 0) {
    key("cols_per_adc").fail("a divisor of cols (" + std::to_string(s.cols) + ")");
  }
  if (s.cols % s.cols_per_write_driver != 0) {
    key("cols_per_write_driver").fail("a divisor of cols (" + std::to_string(s.cols) + ")");
  }
  if (s.columns_per_weight() > s.weight_columns()) {
    key("cols").fail_message("a tile of " + std::to_string(s.weight_columns()) +
                             " weight columns cannot hold one weight of " +
                             std::to_string(s.columns_per_weight()) + " columns");
  }
  // A flash converter needs 2^bits - 1 comparators; beyond 8 bits (255) it is not built.
  if (s.adc_type == AdcType::kFlash && s.adc_bits > 8) {
    key("adc_bits").fail("at most 8 bits for a flash ADC (2^bits - 1 comparators)");
  }
  return s;
}

YAML::Node tile_spec_to_yaml(const TileSpec& s) {
  YAML::Node n(YAML::NodeType::Map);
  n["rows"] = s.rows;
  n["cols"] = s.cols;
  n["cols_per_adc"] = s.cols_per_adc;
  n["cols_per_write_driver"] = s.cols_per_write_driver;
  n["adc_bits"] = s.adc_bits;
  n["adc_type"] = to_string(s.adc_type);
  n["input_bits"] = s.input_bits;
  n["input_mode"] = to_string(s.input_mode);
  n["cell_bits"] = s.cell_bits;
  n["weight_bits"] = s.weight_bits;
  n["mapping"] = to_string(s.mapping);
  return n;
}

const char* to_string(AdcType type) {
  switch (type) {
    case AdcType::kSar:
      return "sar";
    case AdcType::kFlash:
      return "flash";
    case AdcType::kSenseAmp:
      return "sense_amp";
    case AdcType::kIntegrateFire:
      return "integrate_fire";
  }
  return "?";
}

const char* to_string(InputMode mode) { return mode == InputMode::kDac ? "dac" : "bit_serial"; }

const char* to_string(WeightMapping mapping) {
  return mapping == WeightMapping::kReference ? "reference" : "differential";
}

}  // namespace cimsim::sim
