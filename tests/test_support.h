// Shared test helpers: where the real corpus is, reading files, temporary directories.
#pragma once

#include <filesystem>
#include <string>

namespace regkg::test {

// The real corpus: $REGKG_CORPUS, else ../shared/corpus beside the checkout when it exists, else
// the embedded default corpus (corpus/, a selection: see corpus/README.md).
std::filesystem::path corpus_dir();
// False when corpus_dir() is the embedded selection (it has EMBEDDED.tsv), true for a full corpus.
bool full_corpus_available();
// For a test case that needs what only the full corpus has (every statute, the publishers' news
// excerpts): on the embedded corpus prints "REGKG-SKIP: <reason>" and returns true; ctest reports
// the case as skipped (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt) and counts it at the end.
bool skip_without_full_corpus(const char* reason);
// Files of the embedded corpus whose path starts with `prefix` ("statutes-zh/"), by EMBEDDED.tsv.
size_t embedded_file_count(const std::string& prefix);
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

// The first statement of a test case that needs the full corpus.
#define REGKG_NEEDS_FULL_CORPUS(reason) \
  if (::regkg::test::skip_without_full_corpus(reason)) return
