#include "experiments/dataset.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace cimsim::experiments {
namespace {

TEST(Dataset, CropKeepsTheCentreAndPoolingAverages) {
  std::vector<std::uint8_t> image(6 * 6);
  std::iota(image.begin(), image.end(), 0);
  int rows = 0, cols = 0;
  const auto crop = crop_and_pool(image.data(), 6, 6, 4, 1, rows, cols);
  EXPECT_EQ(rows, 4);
  EXPECT_EQ(cols, 4);
  EXPECT_FLOAT_EQ(crop[0], 7.0f);   // row 1, col 1 of the original
  EXPECT_FLOAT_EQ(crop[15], 28.0f); // row 4, col 4
  const auto pooled = crop_and_pool(image.data(), 6, 6, 4, 2, rows, cols);
  EXPECT_EQ(rows, 2);
  EXPECT_FLOAT_EQ(pooled[0], (7.0f + 8.0f + 13.0f + 14.0f) / 4.0f);
}

TEST(Dataset, MissingFilesNameTheKeyAndTheFix) {
  const core::ConfigNode node =
      core::ConfigNode::parse("data:\n  dataset: idx\n  dir: /nonexistent/folder\n", "d.yaml");
  const core::ParamValues values = data_params().read(node.at("data"));
  try {
    load_dataset(values, node.at("data"));
    FAIL() << "missing data accepted";
  } catch (const core::ConfigError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("d.yaml:2:3: data: cannot load dataset \"idx\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("no such data file"), std::string::npos) << msg;
    EXPECT_NE(msg.find("scripts/setup.sh"), std::string::npos) << msg;
  }
}

// A dir: too long for the file system reports the missing files; std::filesystem::exists threw.
TEST(Dataset, DirTooLongForAFileNameIsAConfigError) {
  const core::ConfigNode node = core::ConfigNode::parse(
      "data:\n  dataset: idx\n  dir: /" + std::string(300, 'd') + "\n", "d.yaml");
  const core::ParamValues values = data_params().read(node.at("data"));
  try {
    load_dataset(values, node.at("data"));
    FAIL() << "missing data accepted";
  } catch (const core::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("no such data file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cimsim::experiments
