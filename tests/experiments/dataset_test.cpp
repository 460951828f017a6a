#include "experiments/dataset.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <numeric>

#include "tiny_idx.hpp"

namespace cimsim::experiments {
namespace {

TEST(Dataset, CropKeepsTheCentreAndPoolingAverages) {
  std::vector<std::uint8_t> image(6 * 6);
  std::iota(image.begin(), image.end(), 0);
  int rows = 0, cols = 0;
  const auto crop = crop_and_pool(image.data(), 6, 6, 4, 1, rows, cols);
  EXPECT_EQ(rows, 4);
  EXPECT_EQ(cols, 4);
  EXPECT_FLOAT_EQ(crop[0], 7.0f);    // row 1, col 1 of the original
  EXPECT_FLOAT_EQ(crop[15], 28.0f);  // row 4, col 4
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
    // The user's own folder: setup.sh would not fill it, so the message does not send them there.
    EXPECT_EQ(msg.find("scripts/setup.sh"), std::string::npos) << msg;
  }
}

// The default folder of mnist is the one scripts/setup.sh fills: there the fix is named.
TEST(Dataset, MissingDefaultDataNamesSetupScript) {
  const std::filesystem::path empty =
      std::filesystem::temp_directory_path() / ("cimsim_no_data_" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  ::setenv("CIMSIM_DATA_DIR", empty.c_str(), 1);
  const core::ConfigNode node = core::ConfigNode::parse("data:\n  dataset: mnist\n", "d.yaml");
  try {
    load_dataset(data_params().read(node.at("data")), node.at("data"));
    ADD_FAILURE() << "missing data accepted";
  } catch (const core::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("scripts/setup.sh"), std::string::npos) << e.what();
  }
  ::unsetenv("CIMSIM_DATA_DIR");
  std::filesystem::remove_all(empty);
}

// /dev/zero or a FIFO in place of a data file used to read "no such data file"; an IDX file of
// zero images "no training images left after the validation split".
TEST(Dataset, DevicesPipesAndEmptyFilesSayWhatTheyAre) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("cimsim_odd_data_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  testing::write_idx_pair(dir, "t10k", 5);
  const auto error_of = [&]() -> std::string {
    const core::ConfigNode node =
        core::ConfigNode::parse("data:\n  dataset: idx\n  dir: " + dir.string() + "\n", "d.yaml");
    try {
      load_dataset(data_params().read(node.at("data")), node.at("data"));
    } catch (const core::ConfigError& e) {
      return e.what();
    }
    return "(accepted)";
  };
  fs::create_symlink("/dev/zero", dir / "train-images-idx3-ubyte");
  testing::write_idx_pair(dir, "x", 1);
  fs::rename(dir / "x-labels-idx1-ubyte", dir / "train-labels-idx1-ubyte");
  EXPECT_NE(error_of().find("train-images-idx3-ubyte: not a regular file"), std::string::npos)
      << error_of();
  fs::remove(dir / "train-images-idx3-ubyte");
  ASSERT_EQ(::mkfifo((dir / "train-images-idx3-ubyte").c_str(), 0600), 0);
  EXPECT_NE(error_of().find("train-images-idx3-ubyte: not a regular file"), std::string::npos)
      << error_of();
  fs::remove(dir / "train-images-idx3-ubyte");
  testing::write_idx_pair(dir, "train", 0);
  EXPECT_NE(error_of().find("train-images-idx3-ubyte: the file holds no images"), std::string::npos)
      << error_of();
  fs::remove_all(dir);
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

TEST(Dataset, BinaryNormalizeThresholdsPixelsAtHalfScale) {
  // NeuroSim V3 IO.cpp: each [0, 1] pixel truncated at BWthreshold = 0.5.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("cimsim_binary_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  testing::write_idx_pair(dir, "train", 12);
  testing::write_idx_pair(dir, "t10k", 5);
  const auto load = [&](const std::string& normalize) {
    const core::ConfigNode node = core::ConfigNode::parse(
        "data:\n  dataset: idx\n  dir: " + dir.string() + "\n  normalize: " + normalize + "\n",
        "d.yaml");
    return load_dataset(data_params().read(node.at("data")), node.at("data"));
  };
  const Dataset unit = load("unit");
  const Dataset binary = load("binary");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(unit.train.x.size(), binary.train.x.size());
  const Eigen::ArrayXXf expected = (unit.train.x.array() >= 0.5f).cast<float>();
  EXPECT_TRUE((binary.train.x.array() == expected).all());
  EXPECT_GT(expected.sum(), 0.0f);             // some ink (180+ of 255)
  EXPECT_LT(expected.sum(), expected.size());  // and some background (20..60 of 255)
  EXPECT_TRUE((binary.test.x.array() == (unit.test.x.array() >= 0.5f).cast<float>()).all());
}

}  // namespace
}  // namespace cimsim::experiments
