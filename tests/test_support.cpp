// Shared test helpers (see test_support.h).
#include "tests/test_support.h"
#include "text/whole_file.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>

namespace regkg::test {

std::filesystem::path corpus_dir() {
  if (const char* env = std::getenv("REGKG_CORPUS"); env && *env) return env;
  return REGKG_DEFAULT_CORPUS;
}

bool full_corpus_available() { return !std::filesystem::exists(corpus_dir() / "EMBEDDED.tsv"); }

bool skip_without_full_corpus(const char* reason) {
  if (full_corpus_available()) return false;
  std::cout << "REGKG-SKIP: needs the full corpus (scripts/get-corpus.sh or ../shared/corpus): "
            << reason << std::endl;
  return true;
}

size_t embedded_file_count(const std::string& prefix) {
  std::istringstream in(read_file(corpus_dir() / "EMBEDDED.tsv"));
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.rfind(prefix, 0) == 0;
  return n;
}

std::filesystem::path corpus_file(const std::string& relative) {
  return corpus_dir() / std::filesystem::u8path(relative);
}

std::string read_file(const std::filesystem::path& path) {
  std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) throw std::runtime_error("cannot read " + path.string());
  return std::move(*contents);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("regkg-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(rd() % 100000));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace regkg::test
