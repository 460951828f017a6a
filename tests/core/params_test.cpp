#include "sim/core/params.hpp"

#include <gtest/gtest.h>

namespace cimsim::core {
namespace {

ParamTable table() {
  ParamTable t;
  t.real("g_max_siemens", 1e-6, "S", Range::above(0), "maximum conductance")
      .integer("levels", 64, Range::at_least(2), "number of levels")
      .flag("enabled", true, "switch")
      .choice("mode", std::string("a"), {"a", "b"}, "mode")
      .integer("units", std::nullopt, Range::at_least(1), "required width");
  return t;
}

std::string error_of(const std::string& yaml) {
  try {
    table().read(ConfigNode::parse(yaml, "p.yaml"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ParamTable, FillsDefaultsAndReadsValues) {
  const ParamValues v = table().read(ConfigNode::parse("units: 3\nmode: b\n", "p.yaml"));
  EXPECT_DOUBLE_EQ(v.real("g_max_siemens"), 1e-6);
  EXPECT_EQ(v.integer("levels"), 64);
  EXPECT_EQ(v.integer("units"), 3);
  EXPECT_EQ(v.text("mode"), "b");
  EXPECT_TRUE(v.was_given("units"));
  EXPECT_FALSE(v.was_given("levels"));
  EXPECT_EQ(v.to_yaml()["levels"].as<int>(), 64);
}

TEST(ParamTable, RejectsOutOfRangeWrongTypeUnknownAndMissing) {
  EXPECT_EQ(error_of("units: 0\n"), "p.yaml:1:8: units: expected an integer >= 1, got \"0\"");
  EXPECT_EQ(error_of("units: ten\n"), "p.yaml:1:8: units: expected an integer >= 1, got \"ten\"");
  EXPECT_EQ(error_of("units: 1\ng_max_siemens: -1\n"),
            "p.yaml:2:16: g_max_siemens: expected a number > 0 (S), got \"-1\"");
  EXPECT_EQ(error_of("units: 1\nmode: c\n"), "p.yaml:2:7: mode: expected one of: a, b, got \"c\"");
  EXPECT_NE(error_of("units: 1\nlevelz: 3\n").find("unknown key \"levelz\""), std::string::npos);
  EXPECT_EQ(error_of("levels: 3\n"), "p.yaml:1:1: (top level): missing required key \"units\"");
  EXPECT_EQ(error_of("units: 1\nenabled: maybe\n"),
            "p.yaml:2:10: enabled: expected true or false, got \"maybe\"");
}

TEST(ParamTable, DescribeListsUnitsAndRanges) {
  const std::string text = table().describe("  ");
  EXPECT_NE(text.find("g_max_siemens"), std::string::npos);
  EXPECT_NE(text.find("[S]"), std::string::npos);
  EXPECT_NE(text.find("(required)"), std::string::npos);
  EXPECT_NE(text.find("{a|b}"), std::string::npos);
}

}  // namespace
}  // namespace cimsim::core
