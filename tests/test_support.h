// Shared test helpers: where the real corpus is, reading files, temporary directories.
#pragma once

#include <filesystem>
#include <string>

namespace regkg::test {

// The real corpus (../shared/corpus beside the checkout, or $REGKG_CORPUS).
std::filesystem::path corpus_dir();
// A file under the corpus, e.g. corpus_file("statutes-zh/行政法/数据安全法(2021-06-10).md").
std::filesystem::path corpus_file(const std::string& relative);
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace regkg::test
