// lookup: interpolation of a measured curve and the errors a bad file gives.
#include "devices/lookup_device.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "device_test_util.hpp"

namespace cimsim::devices {
namespace {

using testing::config_error;
using testing::make;

class LookupDeviceTest : public ::testing::Test {
 protected:
  std::string write_csv(const std::string& name, const std::string& text) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cimsim_lookup_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

const char* kCurve =
    "# toy curve\n"
    "branch,pulse,conductance_siemens\n"
    "ltp,0,1e-6\nltp,1,3e-6\nltp,2,4e-6\nltp,3,4.5e-6\n"
    "ltd,0,4.5e-6\nltd,1,2e-6\nltd,2,1e-6\n";

TEST_F(LookupDeviceTest, FollowsTheMeasuredBranches) {
  const auto model = make("{type: lookup, csv_file: " + write_csv("c.csv", kCurve) + "}");
  EXPECT_DOUBLE_EQ(model->info().g_min_siemens, 1e-6);
  EXPECT_DOUBLE_EQ(model->info().g_max_siemens, 4.5e-6);
  EXPECT_EQ(model->info().levels, 4);
  core::Rng rng(1);
  CellBlock block = model->make_block(1, 1, rng);
  model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
  EXPECT_FLOAT_EQ(block.g(0, 0), 3e-6f);
  model->apply_pulses(block, PulseArray::Constant(1, 1, 5), rng);
  EXPECT_FLOAT_EQ(block.g(0, 0), 4.5e-6f);
  model->apply_pulses(block, -PulseArray::Ones(1, 1), rng);
  EXPECT_FLOAT_EQ(block.g(0, 0), 2e-6f);
  // Between points: 3.5 uS sits half way between LTP pulses 1 and 2.
  model->program(block, CellArray::Constant(1, 1, 3.5e-6f), rng);
  model->apply_pulses(block, PulseArray::Ones(1, 1), rng);
  EXPECT_NEAR(block.g(0, 0), 4.25e-6, 1e-12);
}

TEST_F(LookupDeviceTest, MissingFileNamesTheKey) {
  const std::string message = config_error("{type: lookup, csv_file: /nonexistent/x.csv}");
  EXPECT_NE(message.find("csv_file"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/x.csv"), std::string::npos) << message;
}

// Found probing the experiment fuzzer by hand (fuzz/corpus/experiment/bad_long_csv_file.yaml):
// a name longer than the file system allows made std::filesystem::is_regular_file throw.
TEST_F(LookupDeviceTest, FileNameTooLongIsAConfigError) {
  const std::string message =
      config_error("{type: lookup, csv_file: " + std::string(300, 'c') + ".csv}");
  EXPECT_NE(message.find("csv_file: expected a readable CSV file"), std::string::npos) << message;
}

TEST_F(LookupDeviceTest, NonMonotonicBranchNamesKeyAndLine) {
  const std::string file =
      write_csv("bad.csv",
                "branch,pulse,conductance_siemens\nltp,0,1e-6\nltp,1,3e-6\nltp,2,2e-6\n"
                "ltd,0,3e-6\nltd,1,1e-6\n");
  const std::string message = config_error("{type: lookup, csv_file: " + file + "}");
  EXPECT_NE(message.find("csv_file"), std::string::npos) << message;
  EXPECT_NE(message.find("bad.csv:4"), std::string::npos) << message;
  EXPECT_NE(message.find("not monotonic"), std::string::npos) << message;
}

TEST_F(LookupDeviceTest, BadHeaderAndFieldsAreReported) {
  EXPECT_THROW(read_measured_curve(write_csv("h.csv", "pulse,g\n")), core::DataError);
  EXPECT_THROW(
      read_measured_curve(write_csv("f.csv", "branch,pulse,conductance_siemens\nltp,0,x\n")),
      core::DataError);
  EXPECT_THROW(
      read_measured_curve(write_csv("b.csv", "branch,pulse,conductance_siemens\nup,0,1\n")),
      core::DataError);
}

// Found by fuzz/ (fuzz/corpus/lookup_csv/interleaved_crlf.csv): interpolating as a + q (b - a)
// left the measured range at the end of a branch (1e-6 S came back as 9.9999999999999974e-07 S).
TEST_F(LookupDeviceTest, InterpolationIsExactAtTheMeasuredPoints) {
  const MeasuredCurve curve = parse_measured_curve(
      "branch , pulse , conductance_siemens\r\n\r\nltd,0,5e-6\r\nltp,0.5,1e-6\r\nltd,10,1e-6\r\n"
      "ltp,20.25,5e-6\r\n",
      "crlf.csv");
  EXPECT_EQ(curve.ltd.pulse_at(1e-6), 10.0);
  EXPECT_EQ(curve.ltd.conductance_at(curve.ltd.pulse_at(1e-6) + 1), 1e-6);
  EXPECT_EQ(curve.ltd.conductance_at(0), 5e-6);
  EXPECT_EQ(curve.ltp.conductance_at(curve.ltp.pulse_at(5e-6) + 1000), 5e-6);
  EXPECT_EQ(curve.ltp.conductance_at(0.5), 1e-6);
}

TEST_F(LookupDeviceTest, ShippedSyntheticCurveLoads) {
  const auto model = make("{type: lookup, csv_file: " + testing::synthetic_csv() + "}");
  EXPECT_EQ(model->info().levels, 41);
  EXPECT_NEAR(model->info().g_max_siemens, 10e-6, 1e-11);
}

}  // namespace
}  // namespace cimsim::devices
