#include "sim/core/config.hpp"

#include <gtest/gtest.h>

#include "sim/core/errors.hpp"

namespace cimsim::core {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigNode, ReportsFileLineColumnAndPath) {
  const ConfigNode root =
      ConfigNode::parse("model:\n  layers:\n    - units: 10\n    - units: ten\n", "x.yaml");
  const ConfigNode units = root.at("model").at("layers").at(1).at("units");
  EXPECT_EQ(units.path(), "model.layers[1].units");
  EXPECT_EQ(error_of([&] { units.as_integer(); }),
            "x.yaml:4:14: model.layers[1].units: expected an integer, got \"ten\"");
}

TEST(ConfigNode, MissingKeyNamesParentAndKey) {
  const ConfigNode root = ConfigNode::parse("model:\n  width: 3\n", "m.yaml");
  EXPECT_EQ(error_of([&] { root.at("model").at("depth"); }),
            "m.yaml:2:3: model: missing required key \"depth\"");
}

TEST(ConfigNode, UnknownKeyPointsAtKey) {
  const ConfigNode root = ConfigNode::parse("a: 1\nbogus: 2\n", "u.yaml");
  const std::string msg = error_of([&] { root.check_keys({"a", "b"}); });
  EXPECT_EQ(msg, "u.yaml:2:1: bogus: unknown key \"bogus\"; expected one of: a, b");
}

TEST(ConfigNode, SyntaxErrorHasPosition) {
  const std::string msg = error_of([] { ConfigNode::parse("a: [1, 2\nb: 3\n", "s.yaml"); });
  EXPECT_NE(msg.find("s.yaml:"), std::string::npos);
  EXPECT_NE(msg.find("invalid YAML syntax"), std::string::npos);
}

// A new user's tour found `seed: 1` ... `seed: 2` and `{units: 32, ..., units: 64}` accepted,
// one of the two values silently used.
TEST(ConfigNode, DuplicateKeysAreRefusedNamingBothOccurrences) {
  EXPECT_EQ(error_of([] { ConfigNode::parse("seed: 1\nname: x\nseed: 2\n", "d.yaml"); }),
            "d.yaml:3:1: seed: duplicate key \"seed\", first given at d.yaml:1:1; a key may "
            "appear once in a map");
  EXPECT_EQ(error_of([] {
              ConfigNode::parse(
                  "model:\n  layers:\n    - {units: 32, activation: tanh, units: 64}\n", "n.yaml");
            }),
            "n.yaml:3:37: model.layers[0].units: duplicate key \"units\", first given at "
            "n.yaml:3:8; a key may appear once in a map");
  // The same key in different maps, or as a value, is fine.
  EXPECT_NO_THROW(ConfigNode::parse("a: {x: 1}\nb: {x: 2}\nc: [x, x]\n", "ok.yaml"));
  ConfigNode root = ConfigNode::parse("a: 1\n", "o.yaml");
  EXPECT_EQ(error_of([&] { root.apply_override("b={c: 1, c: 2}"); }),
            "--set b={c: 1, c: 2}: value:1:8: c: duplicate key \"c\", first given at value:1:2; "
            "a key may appear once in a map");
}

// 10,000 nested lists used to be reported as "invalid YAML syntax: bad file".
TEST(ConfigNode, DeepNestingSaysSo) {
  const std::string deep = "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  const std::string msg = error_of([&] { ConfigNode::parse(deep, "deep.yaml"); });
  EXPECT_NE(msg.find("deep.yaml:1:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("nesting too deep: more than"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("bad file"), std::string::npos) << msg;
}

TEST(ConfigNode, OverrideSetsNestedValueAndOrigin) {
  ConfigNode root = ConfigNode::parse("train:\n  epochs: 3\nlayers: [{units: 5}]\n", "o.yaml");
  root.apply_override("train.epochs=7");
  root.apply_override("layers[0].units=oops");
  root.apply_override("new.section.key=1.5");
  EXPECT_EQ(root.at("train").at("epochs").as_integer(), 7);
  EXPECT_DOUBLE_EQ(root.at("new").at("section").at("key").as_real(), 1.5);
  EXPECT_EQ(error_of([&] { root.at("layers").at(0).at("units").as_integer(); }),
            "--set layers[0].units=oops: layers[0].units: expected an integer, got \"oops\"");
}

TEST(ConfigNode, OverrideRejectsBadSyntax) {
  ConfigNode root = ConfigNode::parse("a: 1\n", "o.yaml");
  EXPECT_NE(error_of([&] { root.apply_override("novalue"); }).find("expected path.to.key=value"),
            std::string::npos);
  EXPECT_NE(error_of([&] { root.apply_override("a..b=1"); }).find("expected a key path"),
            std::string::npos);
  EXPECT_NE(error_of([&] { root.apply_override("a[3]=1"); }).find("index out of range"),
            std::string::npos);
  // Found probing the sweep fuzzer by hand (fuzz/corpus/sweep/bad_huge_index.yaml): an index past
  // 2^64 escaped as std::out_of_range from std::stoull.
  EXPECT_EQ(error_of([&] { root.apply_override("a[99999999999999999999999].b=1"); }),
            "--set a[99999999999999999999999].b=1: index 99999999999999999999999 is out of range");
}

TEST(ConfigNode, OverlayKeepsPresetOrigin) {
  const ConfigNode preset = ConfigNode::parse("g_max: 1\nlevels: zz\n", "preset.yaml");
  const ConfigNode root = ConfigNode::parse("device:\n  preset: p\n  g_max: 2\n", "main.yaml");
  const ConfigNode merged = root.at("device").overlay_on(preset, {"preset"});
  EXPECT_EQ(merged.at("g_max").as_integer(), 2);
  EXPECT_FALSE(merged.has("preset"));
  EXPECT_EQ(error_of([&] { merged.at("levels").as_integer(); }),
            "preset.yaml:2:9: device.levels: expected an integer, got \"zz\"");
}

TEST(ConfigNode, RealRejectsNonFinite) {
  const ConfigNode root = ConfigNode::parse("a: 1e999\nb: .nan\n", "r.yaml");
  EXPECT_THROW(root.at("a").as_real(), ConfigError);
  EXPECT_THROW(root.at("b").as_real(), ConfigError);
}

TEST(ConfigNode, LoadFileRefusesDevicesInsteadOfReadingForever) {
  // `cimsim run /dev/zero` used to read until memory ran out.
  const auto error_of = [](const char* path) -> std::string {
    try {
      ConfigNode::load_file(path);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return std::string(path) + " accepted";
  };
  EXPECT_EQ(error_of("/dev/zero"),
            "/dev/zero: cannot open config file (/dev/zero: not a regular file)");
  EXPECT_EQ(error_of("/nonexistent/x.yaml"),
            "/nonexistent/x.yaml: cannot open config file (/nonexistent/x.yaml: cannot open)");
}

}  // namespace
}  // namespace cimsim::core
