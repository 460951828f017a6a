#include "sim/tile_spec.hpp"

#include <gtest/gtest.h>

#include "sim/core/errors.hpp"

namespace cimsim::sim {
namespace {

TileSpec read(const std::string& yaml, bool trained = false) {
  return read_tile_spec(core::ConfigNode::parse(yaml, "hw.yaml").at("tile"), trained);
}

std::string error_of(const std::string& yaml, bool trained = false) {
  try {
    read(yaml, trained);
  } catch (const core::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(TileSpec, DefaultsAndDerivedSizes) {
  const TileSpec s = read_tile_spec(core::ConfigNode::parse("tile: {}\n", "hw.yaml").at("tile"));
  EXPECT_EQ(s.rows, 128);
  EXPECT_EQ(s.cells_per_weight(), 2);    // 8 bits over 4-bit cells
  EXPECT_EQ(s.columns_per_weight(), 4);  // differential pairs
  EXPECT_EQ(s.weight_columns(), 128);
  EXPECT_EQ(s.input_cycles(), 8);  // bit-serial
  const TileSpec r = read_tile_spec(
      core::ConfigNode::parse(
          "tile: {mapping: reference, weight_bits: 7, cell_bits: 3, input_mode: dac}\n", "hw.yaml")
          .at("tile"));
  EXPECT_EQ(r.cells_per_weight(), 3);
  EXPECT_EQ(r.columns_per_weight(), 3);
  EXPECT_EQ(r.weight_columns(), 127);
  EXPECT_EQ(r.input_cycles(), 1);
}

TEST(TileSpec, BadValuesNameTheKey) {
  EXPECT_EQ(error_of("tile:\n  adc_bits: 0\n"),
            "hw.yaml:2:13: tile.adc_bits: expected an integer in [1, 16], got \"0\"");
  EXPECT_NE(
      error_of("tile:\n  adc_bits: 30\n").find("tile.adc_bits: expected an integer in [1, 16]"),
      std::string::npos);
  EXPECT_NE(error_of("tile:\n  rows: 4096\n").find("tile.rows: expected an integer in [8, 1024]"),
            std::string::npos);
  EXPECT_NE(error_of("tile:\n  cols_per_adc: 7\n")
                .find("tile.cols_per_adc: expected a divisor of "
                      "cols (128)"),
            std::string::npos);
  EXPECT_NE(error_of("tile:\n  cols_per_write_driver: 48\n")
                .find("tile.cols_per_write_driver: expected a divisor of cols (128)"),
            std::string::npos);
  EXPECT_NE(error_of("tile:\n  adc_type: flash\n  adc_bits: 10\n")
                .find("tile.adc_bits: expected at most 8 bits for a flash ADC"),
            std::string::npos);
  EXPECT_NE(error_of("tile:\n  cols: 8\n  cols_per_adc: 8\n  weight_bits: 16\n  cell_bits: 1\n")
                .find("tile.cols: a tile of 8 weight columns cannot hold one weight of 32 columns"),
            std::string::npos);
  EXPECT_NE(error_of("tile:\n  adc_kind: sar\n").find("unknown key \"adc_kind\""),
            std::string::npos);
}

TEST(TileSpec, TrainedWeightsDefaultToOneCell) {
  EXPECT_EQ(read("tile: {}\n").weight_bits, 8);
  EXPECT_EQ(read("tile: {}\n", true).weight_bits, 4);
  EXPECT_EQ(read("tile: {cell_bits: 6}\n", true).cells_per_weight(), 1);
  EXPECT_EQ(read("tile: {cell_bits: 6, weight_bits: 5}\n", true).weight_bits, 5);
  // The narrowest tile holds a trained 1-bit pair; 8-bit weights would not fit.
  EXPECT_EQ(read("tile: {cols: 8, cols_per_adc: 8, cell_bits: 1}\n", true).columns_per_weight(), 2);
}

TEST(TileSpec, TrainedWeightWiderThanACellProposesTheFix) {
  EXPECT_EQ(
      error_of("tile:\n  cell_bits: 4\n  weight_bits: 6\n", true),
      "hw.yaml:3:16: tile.weight_bits: in-situ training updates one cell per weight side, so "
      "a trained weight has at most cell_bits (4) bits, not 6: set hardware.tile.weight_bits: "
      "4 or hardware.tile.cell_bits: 6, or leave weight_bits out (it then follows cell_bits)");
  // No cell stores 12 bits: only the weight can shrink.
  EXPECT_NE(error_of("tile: {weight_bits: 12}\n", true)
                .find("not 12: set hardware.tile.weight_bits: 4, or leave weight_bits out"),
            std::string::npos);
  EXPECT_EQ(error_of("tile: {weight_bits: 12}\n"), "");  // fixed matrices may be bit-sliced
}

TEST(TileSpec, ResolvedYamlRoundTrips) {
  const TileSpec s = read_tile_spec(
      core::ConfigNode::parse("tile: {rows: 64, adc_type: flash, adc_bits: 4}\n", "hw.yaml")
          .at("tile"));
  const YAML::Node yaml = tile_spec_to_yaml(s);
  YAML::Emitter text;
  text << yaml;
  const TileSpec back = read_tile_spec(core::ConfigNode::parse(text.c_str(), "resolved.yaml"));
  EXPECT_EQ(back.rows, 64);
  EXPECT_EQ(back.adc_type, AdcType::kFlash);
  EXPECT_EQ(back.adc_bits, 4);
}

}  // namespace
}  // namespace cimsim::sim
