#include "sim/core/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace cimsim::core {
namespace {

TEST(AtomicFile, WritesReplacesAndAppends) {
  const auto dir = std::filesystem::temp_directory_path() / "cimsim_atomic_test";
  std::filesystem::remove_all(dir);
  const auto file = dir / "sub" / "a.txt";
  write_file_atomic(file, "one");
  EXPECT_EQ(read_file(file), "one");
  write_file_atomic(file, "two");
  EXPECT_EQ(read_file(file), "two");
  const auto csv = dir / "r.csv";
  append_line_durable(csv, "h\n", "1\n");
  append_line_durable(csv, "h\n", "2\n");
  EXPECT_EQ(read_file(csv), "h\n1\n2\n");
  for (const auto& entry : std::filesystem::directory_iterator(dir / "sub")) {
    EXPECT_EQ(entry.path().filename(), "a.txt");  // no temporary files left behind
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cimsim::core
