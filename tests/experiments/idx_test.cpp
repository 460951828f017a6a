#include "experiments/idx.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "sim/core/errors.hpp"

namespace cimsim::experiments {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> header(std::uint8_t type, std::vector<std::uint32_t> dims) {
  std::vector<std::uint8_t> out = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (auto d : dims) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(d >> s));
  }
  return out;
}

class IdxFiles : public ::testing::Test {
 protected:
  // One folder per test: ctest runs tests in parallel.
  fs::path dir = fs::temp_directory_path() /
                 ("cimsim_idx_" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }

  fs::path write(const std::string& name, const std::vector<std::uint8_t>& bytes) {
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  fs::path write_gz(const std::string& name, const std::vector<std::uint8_t>& bytes) {
    const fs::path p = dir / name;
    gzFile f = gzopen(p.c_str(), "wb");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
    return p;
  }
  std::string error_of(const fs::path& p) {
    try {
      read_idx(p);
    } catch (const core::DataError& e) {
      return e.what();
    }
    return "";
  }
};

std::vector<std::uint8_t> images(std::uint32_t n, std::uint32_t r, std::uint32_t c) {
  auto bytes = header(0x08, {n, r, c});
  for (std::uint32_t i = 0; i < n * r * c; ++i) bytes.push_back(static_cast<std::uint8_t>(i));
  return bytes;
}

std::vector<std::uint8_t> labels(std::vector<std::uint8_t> values) {
  auto bytes = header(0x08, {static_cast<std::uint32_t>(values.size())});
  bytes.insert(bytes.end(), values.begin(), values.end());
  return bytes;
}

TEST_F(IdxFiles, ReadsPlainAndGzipAlike) {
  const auto plain = read_idx(write("a", images(2, 3, 4)));
  const auto gz = read_idx(write_gz("a.gz", images(2, 3, 4)));
  EXPECT_EQ(plain.dims, (std::vector<std::uint32_t>{2, 3, 4}));
  EXPECT_EQ(plain.data, gz.data);
  EXPECT_EQ(plain.data[23], 23);
}

TEST_F(IdxFiles, RejectsBadMagic) {
  auto bytes = images(1, 2, 2);
  bytes[0] = 0x12;
  EXPECT_NE(error_of(write("m", bytes)).find("bad IDX magic number"), std::string::npos);
  auto wrong_type = images(1, 2, 2);
  wrong_type[2] = 0x0D;
  EXPECT_NE(error_of(write("t", wrong_type)).find("unsupported IDX data type"), std::string::npos);
}

TEST_F(IdxFiles, RejectsTruncatedHeaderAndData) {
  auto bytes = images(3, 4, 4);
  bytes.resize(bytes.size() - 5);
  EXPECT_NE(error_of(write("d", bytes))
                .find("truncated IDX data: header promises 48 bytes, file holds 43"),
            std::string::npos);
  EXPECT_NE(error_of(write("h", {0, 0, 8, 3, 0, 0})).find("truncated IDX header"),
            std::string::npos);
  EXPECT_NE(error_of(write_gz("d.gz", bytes)).find("truncated IDX data"), std::string::npos);
  auto extra = images(1, 2, 2);
  extra.push_back(7);
  EXPECT_NE(error_of(write("x", extra)).find("trailing bytes"), std::string::npos);
}

TEST_F(IdxFiles, RejectsAbsurdDimensionsWithoutAllocating) {
  // 2^31 images of 28x28 would need 1.6 TB: refused from the header alone.
  EXPECT_NE(error_of(write("big", header(0x08, {1u << 31, 28, 28}))).find("refusing to allocate"),
            std::string::npos);
  // Exactly 2^31 labels: allowed by the cap, but the file is empty after the header.
  EXPECT_NE(error_of(write("big1", header(0x08, {1u << 31}))).find("truncated IDX data"),
            std::string::npos);
  EXPECT_NE(error_of(write("dims", {0, 0, 8, 9})).find("9 dimensions"), std::string::npos);
}

// The bytes entry point decodes gzip itself; it must read what zlib's gzread read before:
// concatenated members, and bytes after the last member ignored.
TEST(IdxBytes, ParsesGzipMembersLikeGzread) {
  const auto plain = images(2, 3, 4);
  const auto gzip = [](const std::vector<std::uint8_t>& bytes) {
    uLongf size = compressBound(static_cast<uLong>(bytes.size())) + 32;
    std::vector<std::uint8_t> out(size);
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = const_cast<Bytef*>(bytes.data());
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(size);
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
  };
  std::vector<std::uint8_t> two = gzip({plain.begin(), plain.begin() + 10});
  const auto second = gzip({plain.begin() + 10, plain.end()});
  two.insert(two.end(), second.begin(), second.end());
  EXPECT_EQ(parse_idx(two, "two.gz").data, parse_idx(plain, "plain").data);
  std::vector<std::uint8_t> trailing = gzip(plain);
  trailing.insert(trailing.end(), {0, 0, 'j', 'u', 'n', 'k'});
  EXPECT_EQ(parse_idx_dims(trailing, "t.gz"), (std::vector<std::uint32_t>{2, 3, 4}));
  EXPECT_EQ(parse_idx(trailing, "t.gz").data, parse_idx(plain, "plain").data);
  std::vector<std::uint8_t> cut = gzip(plain);
  cut.resize(cut.size() - 12);
  EXPECT_THROW(parse_idx(cut, "cut.gz"), core::DataError);
  std::vector<std::uint8_t> corrupt = gzip(plain);
  corrupt[10] = 0xff;  // the first deflate block header: block type 3 does not exist
  try {
    parse_idx(corrupt, "bad.gz");
    FAIL() << "corrupt gzip data accepted";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.gz: corrupt gzip data"), std::string::npos)
        << e.what();
  }
}

TEST_F(IdxFiles, PairChecksCountsAndLabelRange) {
  const auto img = write("img", images(3, 2, 2));
  const auto ok = read_idx_pair(img, write("lab", labels({1, 9, 0})), 10);
  EXPECT_EQ(ok.count, 3u);
  EXPECT_EQ(ok.labels[1], 9);
  try {
    read_idx_pair(img, write("lab11", labels({1, 11, 0})), 10);
    FAIL() << "label 11 accepted";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("label 11 at index 1 is out of range (expected 0..9)"),
              std::string::npos);
  }
  try {
    read_idx_pair(img, write("lab2", labels({1, 2})), 10);
    FAIL() << "count mismatch accepted";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("holds 3 images but"), std::string::npos);
  }
  EXPECT_THROW(read_idx(dir / "missing"), core::DataError);
  // A name longer than the file system allows: DataError, not std::filesystem::filesystem_error.
  EXPECT_NE(error_of(dir / std::string(300, 'x')).find("no such data file"), std::string::npos);
}

}  // namespace
}  // namespace cimsim::experiments
