// The BP-vs-DFA study (experiments/bp_vs_dfa/): every sweep file validates at its default and its
// --full size, and the whole pipeline (every sweep, then report.py) runs end to end on tiny
// generated data and writes a report whose plots and tables exist.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "experiments/sweep_runner.hpp"
#include "experiments/sweep_spec.hpp"
#include "sim/core/log.hpp"
#include "tiny_idx.hpp"

namespace cimsim::experiments {
namespace {

namespace fs = std::filesystem;

const fs::path kStudy = fs::path(CIMSIM_SOURCE_DIR) / "experiments" / "bp_vs_dfa";

std::vector<fs::path> study_sweeps() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kStudy / "sweeps")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(StudyTest, EverySweepValidatesAtDefaultAndFullSize) {
  const auto files = study_sweeps();
  ASSERT_GE(files.size(), 15u);
  SweepAdjustments full;  // run.sh --full
  full.set = {{"data.train_limit", "0"}, {"train.epochs", "10"}};
  full.seeds = 3;
  SweepAdjustments one_seed;
  one_seed.seeds = 1;
  // Points are made lazily: validate each one as `cimsim sweep` does before running.
  const auto validate_points = [](const SweepSpec& sweep) {
    for (std::size_t i = 0; i < sweep.points.size(); ++i) sweep.points.spec(sweep.points.at(i));
  };
  for (const auto& file : files) {
    const SweepSpec sweep = load_sweep(file);
    EXPECT_GT(sweep.points.size(), 0u) << file;
    validate_points(sweep);
    const SweepSpec full_size = load_sweep(file, full);
    // Each sweep file names its own seeds; --full gives every one 3.
    EXPECT_EQ(full_size.points.size(), load_sweep(file, one_seed).points.size() * 3) << file;
    validate_points(full_size);
  }
}

TEST(StudyTest, PipelineWritesTheReportFromEverySweep) {
  if (std::system("/usr/bin/python3 -c 'import matplotlib' 2>/dev/null") != 0) {
    GTEST_SKIP() << "no /usr/bin/python3 with matplotlib";
  }
  core::set_log_level(core::LogLevel::kQuiet);
  const fs::path dir = fs::temp_directory_path() / ("cimsim_study_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  // 28x28 images, so that the study's 20x20 centre crop applies; both datasets read this folder.
  testing::write_idx_pair(dir / "data", "train", 20, 28);
  testing::write_idx_pair(dir / "data", "t10k", 10, 28);
  SweepAdjustments tiny;
  tiny.set = {{"data.dir", (dir / "data").string()}, {"data.train_limit", "0"},
              {"data.test_limit", "0"}, {"train.epochs", "1"}};
  tiny.seeds = 1;
  for (const auto& file : study_sweeps()) {
    SweepOptions options;
    options.out_dir = dir / "results" / file.stem();
    const SweepOutcome outcome = run_sweep(load_sweep(file, tiny), options);
    ASSERT_TRUE(outcome.failures.empty()) << file << ": " << outcome.failures.front();
  }
  const std::string command = "/usr/bin/python3 " + (kStudy / "report.py").string() +
                              " --results " + (dir / "results").string() + " --out " +
                              (dir / "report").string() + " --cimsim " + CIMSIM_BINARY +
                              " --size smoke > " + (dir / "report.log").string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << std::ifstream(dir / "report.log").rdbuf();

  std::ifstream in(dir / "report" / "report.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string report = text.str();
  for (const std::string heading :
       {"## Summary", "## 1. Device nonidealities", "## 2. Quantization",
        "## 3. Depth and width", "## 4. The device presets side by side", "## 5. Fashion-MNIST",
        "## 6. A second nominal", "### Depth: accuracy and cost of the same runs",
        "## 7. A convolutional network"}) {
    EXPECT_NE(report.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(report.find("**BP** "), std::string::npos);
  std::set<std::string> images;
  const std::regex image(R"(\]\((plots/[a-z0-9_]+\.png)\))");
  for (auto it = std::sregex_iterator(report.begin(), report.end(), image);
       it != std::sregex_iterator(); ++it) {
    images.insert((*it)[1]);
  }
  EXPECT_GE(images.size(), 40u);
  for (const auto& path : images) EXPECT_TRUE(fs::exists(dir / "report" / path)) << path;
  for (const auto& file : study_sweeps()) {
    EXPECT_TRUE(fs::exists(dir / "report" / "data" / (file.stem().string() + ".csv"))) << file;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cimsim::experiments
