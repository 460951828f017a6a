// The BP-vs-DFA study (experiments/bp_vs_dfa/): every sweep file validates at each size of run.sh
// (run.sh --dry-run), and the whole pipeline (every sweep, then report.py) runs end to end on tiny
// generated data and writes a report whose plots and tables exist.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
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

// run.sh --dry-run: the number of points of each sweep at one size ("sweep NAME: N points, ...
// (all valid)"); a sweep whose points do not all validate fails the test.
std::map<std::string, int> dry_run_points(const std::string& size) {
  const fs::path log = fs::temp_directory_path() /
                       ("cimsim_study_dry_" + std::to_string(::getpid()) + size + ".log");
  const std::string command = "bash " + (kStudy / "run.sh").string() + " " + size +
                              " --dry-run --cimsim " + CIMSIM_BINARY + " > " + log.string() +
                              " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  fs::remove(log);
  EXPECT_EQ(status, 0) << text.str();
  std::map<std::string, int> points;
  const std::regex summary(R"(sweep bp_vs_dfa_(\w+): (\d+) points, .*\(all valid\))");
  for (std::string line; std::getline(text, line);) {
    std::smatch match;
    if (std::regex_search(line, match, summary)) points[match[1]] = std::stoi(match[2]);
  }
  return points;
}

TEST(StudyTest, EverySweepValidatesAtEverySizeOfRunSh) {
  const auto files = study_sweeps();
  ASSERT_GE(files.size(), 15u);
  const auto standard = dry_run_points("");
  const auto full = dry_run_points("--full");
  const auto smoke = dry_run_points("--smoke");
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    ASSERT_TRUE(standard.contains(name) && full.contains(name) && smoke.contains(name)) << name;
    // --full and --smoke train one seed per point; the default size, each sweep file's own seeds.
    EXPECT_EQ(full.at(name), smoke.at(name)) << name;
    EXPECT_EQ(standard.at(name) % smoke.at(name), 0) << name;
    EXPECT_GT(standard.at(name), smoke.at(name)) << name;
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
  tiny.set = {{"data.dir", (dir / "data").string()},
              {"data.train_limit", "0"},
              {"data.test_limit", "0"},
              {"train.epochs", "1"}};
  tiny.seeds = 1;
  for (const auto& file : study_sweeps()) {
    SweepOptions options;
    options.out_dir = dir / "results" / file.stem();
    const SweepOutcome outcome = run_sweep(load_sweep(file, tiny), options);
    ASSERT_TRUE(outcome.failures.empty()) << file << ": " << outcome.failures.front();
  }
  // report.py into dir/<out>; its exit status, its output in dir/report.log.
  const auto write_report = [&](const std::string& out, const std::string& options) {
    const std::string command = "/usr/bin/python3 " + (kStudy / "report.py").string() +
                                " --results " + (dir / "results").string() + " --out " +
                                (dir / out).string() + " --cimsim " + CIMSIM_BINARY +
                                " --size smoke " + options + " > " + (dir / "report.log").string() +
                                " 2>&1";
    return std::system(command.c_str());
  };
  const auto read = [](const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  ASSERT_EQ(write_report("report", ""), 0) << read(dir / "report.log");
  const std::string report = read(dir / "report" / "report.md");
  for (const std::string heading :
       {"## Summary", "## 1. Device nonidealities", "## 2. Quantization", "## 3. Depth and width",
        "## 4. The device presets side by side", "## 5. Fashion-MNIST", "## 6. A second nominal",
        "### Depth: accuracy and cost of the same runs", "## 7. A convolutional network"}) {
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

  // --compare sets a finished study of another size beside this one (here the same tables,
  // named "full": every conclusion is the same); a study without run.sh's marker is refused.
  const std::string compare = "--compare full " + (dir / "results").string();
  EXPECT_NE(write_report("compared", compare), 0);
  EXPECT_NE(read(dir / "report.log").find("not a finished study"), std::string::npos);
  std::ofstream(dir / "results" / "complete").close();
  ASSERT_EQ(write_report("compared", compare), 0) << read(dir / "report.log");
  const std::string compared = read(dir / "compared" / "report.md");
  EXPECT_NE(compared.find("## The smoke and the full size"), std::string::npos);
  EXPECT_NE(compared.find("The conclusion is the same on every sweep."), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cimsim::experiments
