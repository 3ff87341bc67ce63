// Tests read_whole_file: bytes as they are on disk, empty files, and what cannot be read.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "tests/test_support.h"
#include "text/whole_file.h"

using regkg::text::read_whole_file;

TEST_SUITE("text") {
  TEST_CASE("read_whole_file returns the bytes as written: NUL and broken UTF-8 included") {
    regkg::test::TempDir dir;
    const auto path = dir.path() / "bytes.md";
    std::string bytes = "第十七条 provider\n";
    bytes.push_back('\0');
    bytes += "\xE5\xAE tail";  // a truncated UTF-8 sequence
    bytes += std::string(100000, 'x');
    {
      std::ofstream out(path, std::ios::binary);
      out << bytes;
    }
    const auto read = read_whole_file(path);
    REQUIRE(read.has_value());
    CHECK(read->size() == bytes.size());
    CHECK(*read == bytes);
  }

  TEST_CASE(
      "read_whole_file: an empty file is an empty string and a missing file or a folder none") {
    regkg::test::TempDir dir;
    const auto empty = dir.path() / "empty.json";
    { std::ofstream out(empty, std::ios::binary); }
    const auto read = read_whole_file(empty);
    REQUIRE(read.has_value());
    CHECK(read->empty());
    CHECK_FALSE(read_whole_file(dir.path() / "missing.json").has_value());
    CHECK_FALSE(read_whole_file(dir.path()).has_value());
  }
}
