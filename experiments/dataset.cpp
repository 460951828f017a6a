#include "experiments/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "experiments/idx.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

// The first existing of `name` and `name.gz` in `dir`. The error_code overloads: a `dir` too
// long for the file system must not throw filesystem_error (the reader reports the missing file).
std::filesystem::path find_file(const std::filesystem::path& dir, const std::string& name) {
  std::error_code error;
  const auto plain = dir / name;
  if (std::filesystem::exists(plain, error)) return plain;
  const auto gz = dir / (name + ".gz");
  if (std::filesystem::exists(gz, error)) return gz;
  return plain;
}

Split to_split(const LabeledImages& raw, std::uint32_t begin, std::uint32_t count, int crop,
               int factor, Eigen::Index& rows_out, Eigen::Index& cols_out) {
  Split split;
  const std::size_t image_size = static_cast<std::size_t>(raw.rows) * raw.cols;
  int out_rows = 0, out_cols = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::vector<float> pixels =
        crop_and_pool(raw.pixels.data() + (begin + i) * image_size, static_cast<int>(raw.rows),
                      static_cast<int>(raw.cols), crop, factor, out_rows, out_cols);
    if (i == 0) split.x.resize(static_cast<Eigen::Index>(pixels.size()), count);
    split.x.col(i) =
        Eigen::Map<const Eigen::VectorXf>(pixels.data(), static_cast<Eigen::Index>(pixels.size()));
    split.labels.push_back(raw.labels[begin + i]);
  }
  rows_out = out_rows;
  cols_out = out_cols;
  return split;
}

}  // namespace

const core::ParamTable& data_params() {
  static const core::ParamTable table = [] {
    core::ParamTable t;
    t.choice(
         "dataset", std::string("mnist"), {"mnist", "fashion_mnist", "idx"},
         "mnist, fashion_mnist, or idx (a folder given by dir with the four standard IDX files)")
        .text("dir", std::string(""),
              "folder of the IDX files; empty = the dataset's default place")
        .integer("train_limit", 0, core::Range::at_least(0),
                 "use the first N training images (0 = all)")
        .integer("test_limit", 0, core::Range::at_least(0), "use the first N test images (0 = all)")
        .real("validation_fraction", 0.0, "", core::Range{0.0, 1.0, false, true},
              "fraction of the training images held out for validation (taken from the end)")
        // binary: MLP+NeuroSim V3.0 trains on black-and-white images (IO.cpp truncates each
        // [0, 1] pixel at BWthreshold = 0.5), in its forward reads and its weight updates alike.
        .choice("normalize", std::string("unit"), {"unit", "standard", "none", "binary"},
                "unit: pixels/255 in [0,1]; standard: zero mean, unit variance (training stats); "
                "none: 0..255; "
                "binary: 1 where pixel/255 >= 0.5, else 0 (NeuroSim V3)")
        .integer("crop", 0, core::Range::at_least(0),
                 "keep the centre crop x crop pixels (0 = whole image)")
        .integer("downsample", 1, core::Range::at_least(1),
                 "average-pool the image by this factor");
    return t;
  }();
  return table;
}

std::filesystem::path default_data_dir(const std::string& dataset) {
  if (dataset == "fashion_mnist") return "/usr/share/datasets/fashion-mnist";
  if (const char* env = std::getenv("CIMSIM_DATA_DIR")) return std::filesystem::path(env) / dataset;
  return std::filesystem::path(CIMSIM_SOURCE_DIR) / "data" / dataset;
}

std::vector<float> crop_and_pool(const std::uint8_t* image, int rows, int cols, int crop,
                                 int factor, int& out_rows, int& out_cols) {
  const int crop_rows = crop > 0 ? crop : rows;
  const int crop_cols = crop > 0 ? crop : cols;
  const int top = (rows - crop_rows) / 2;
  const int left = (cols - crop_cols) / 2;
  out_rows = crop_rows / factor;
  out_cols = crop_cols / factor;
  std::vector<float> out(static_cast<std::size_t>(out_rows) * out_cols);
  const float area = static_cast<float>(factor * factor);
  for (int r = 0; r < out_rows; ++r) {
    for (int c = 0; c < out_cols; ++c) {
      float sum = 0;
      for (int dr = 0; dr < factor; ++dr) {
        for (int dc = 0; dc < factor; ++dc) {
          sum += image[(top + r * factor + dr) * cols + (left + c * factor + dc)];
        }
      }
      out[static_cast<std::size_t>(r) * out_cols + c] = sum / area;
    }
  }
  return out;
}

DatasetGeometry dataset_geometry(const core::ParamValues& data, const core::ConfigNode& node) {
  std::int64_t rows = 28, cols = 28, images = 60000;  // MNIST and Fashion-MNIST (LeCun; Xiao 2017)
  std::int64_t test_images = 10000;                   // their test sets
  if (data.text("dataset") == "idx") {
    const std::filesystem::path dir = data.text("dir");
    if (dir.empty()) node.fail_message("dataset \"idx\" needs dir: the folder of the IDX files");
    try {
      const std::vector<std::uint32_t> dims =
          read_idx_dims(find_file(dir, "train-images-idx3-ubyte"));
      if (dims.size() != 3) throw core::DataError("training images are not a 3-D IDX array");
      if (dims[0] == 0) throw core::DataError("the training image file holds no images");
      images = dims[0];
      rows = dims[1];
      cols = dims[2];
    } catch (const core::DataError& e) {
      node.fail_message(std::string("cannot read dataset \"idx\": ") + e.what());
    }
    try {
      const std::vector<std::uint32_t> test_dims =
          read_idx_dims(find_file(dir, "t10k-images-idx3-ubyte"));
      test_images = test_dims.empty() ? 0 : test_dims[0];
    } catch (const core::DataError&) {
      test_images = 0;  // only the training header is needed for the shapes
    }
  }
  const std::int64_t crop = data.integer("crop");
  const std::int64_t factor = data.integer("downsample");
  const std::int64_t limit = data.integer("train_limit");
  const std::int64_t total = limit > 0 ? std::min(limit, images) : images;
  DatasetGeometry g;
  g.image_rows = (crop > 0 ? crop : rows) / factor;
  g.image_cols = (crop > 0 ? crop : cols) / factor;
  g.train_samples =
      total - static_cast<std::int64_t>(std::floor(data.real("validation_fraction") * total));
  const std::int64_t test_limit = data.integer("test_limit");
  g.test_samples = test_limit > 0 ? std::min(test_limit, test_images) : test_images;
  g.epoch_samples = g.train_samples;
  return g;
}

Dataset load_dataset(const core::ParamValues& data, const core::ConfigNode& node) {
  const std::string dataset = data.text("dataset");
  std::filesystem::path dir = data.text("dir");
  const bool default_dir = dir.empty();
  if (default_dir) {
    if (dataset == "idx")
      node.fail_message("dataset \"idx\" needs dir: the folder of the IDX files");
    dir = default_data_dir(dataset);
  }
  Dataset out;
  out.name = dataset;
  LabeledImages train_raw, test_raw;
  try {
    train_raw = read_idx_pair(find_file(dir, "train-images-idx3-ubyte"),
                              find_file(dir, "train-labels-idx1-ubyte"), out.classes);
    test_raw = read_idx_pair(find_file(dir, "t10k-images-idx3-ubyte"),
                             find_file(dir, "t10k-labels-idx1-ubyte"), out.classes);
  } catch (const core::DataError& e) {
    // setup.sh fills the default data folders only; a folder the user chose is theirs to fix.
    node.fail_message(
        std::string("cannot load dataset \"") + dataset + "\": " + e.what() +
        (default_dir ? " (run scripts/setup.sh to fetch MNIST and install Fashion-MNIST)" : ""));
  }
  const int crop = static_cast<int>(data.integer("crop"));
  const int factor = static_cast<int>(data.integer("downsample"));
  const int smallest = static_cast<int>(std::min(train_raw.rows, train_raw.cols));
  if (crop > smallest)
    node.fail_message("crop " + std::to_string(crop) + " is larger than the images");
  if ((crop > 0 ? crop : smallest) < factor)
    node.fail_message("downsample factor larger than the image");
  if (train_raw.rows != test_raw.rows || train_raw.cols != test_raw.cols) {
    node.fail_message("training and test images differ in size");
  }

  auto limited = [](std::uint32_t available, std::int64_t limit) {
    return limit > 0 ? std::min<std::uint32_t>(available, static_cast<std::uint32_t>(limit))
                     : available;
  };
  const std::uint32_t train_total = limited(train_raw.count, data.integer("train_limit"));
  const std::uint32_t test_total = limited(test_raw.count, data.integer("test_limit"));
  const auto validation_count =
      static_cast<std::uint32_t>(std::floor(data.real("validation_fraction") * train_total));
  const std::uint32_t train_count = train_total - validation_count;
  if (train_count == 0) node.fail_message("no training images left after the validation split");

  out.train = to_split(train_raw, 0, train_count, crop, factor, out.image_rows, out.image_cols);
  out.validation = to_split(train_raw, train_count, validation_count, crop, factor, out.image_rows,
                            out.image_cols);
  out.test = to_split(test_raw, 0, test_total, crop, factor, out.image_rows, out.image_cols);
  if (validation_count == 0) out.validation.x.resize(out.train.x.rows(), 0);

  const std::string normalize = data.text("normalize");
  if (normalize == "unit") {
    for (Split* s : {&out.train, &out.validation, &out.test}) s->x /= 255.0f;
  } else if (normalize == "binary") {
    for (Split* s : {&out.train, &out.validation, &out.test}) {
      s->x = (s->x.array() >= 0.5f * 255.0f).cast<float>().matrix();
    }
  } else if (normalize == "standard") {
    // One mean and deviation over all training pixels, as in common MNIST pipelines.
    const double mean = out.train.x.cast<double>().mean();
    const double var = (out.train.x.cast<double>().array() - mean).square().mean();
    const float inv_std = static_cast<float>(1.0 / std::sqrt(std::max(var, 1e-12)));
    for (Split* s : {&out.train, &out.validation, &out.test}) {
      s->x = ((s->x.array() - static_cast<float>(mean)) * inv_std).matrix();
    }
  }
  return out;
}

}  // namespace cimsim::experiments
