#include "sim/core/json.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace cimsim::core {
namespace {

TEST(Json, DumpsNestedValuesInOrderWithEscapes) {
  Json root = Json::object();
  root.set("name", "a\"b");
  root.set("count", 3);
  root.set("ratio", 0.25);
  root.set("bad", std::numeric_limits<double>::quiet_NaN());
  Json& list = root.set("list", Json::array());
  list.push(true);
  list.push(nullptr);
  EXPECT_EQ(root.dump(1),
            "{\n \"name\": \"a\\\"b\",\n \"count\": 3,\n \"ratio\": 0.25,\n \"bad\": null,\n"
            " \"list\": [\n  true,\n  null\n ]\n}\n");
}

}  // namespace
}  // namespace cimsim::core
