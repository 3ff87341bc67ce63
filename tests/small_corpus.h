// Builds a small real corpus of symlinks (and optional broken files) for ingest-based tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest_pipeline.h"
#include "tests/test_support.h"

namespace regkg::test {

// Corpus-relative paths of the real files the small corpus links to.
inline std::vector<std::string> small_corpus_files() {
  return {
      "statutes-zh/行政法/数据安全法(2021-06-10).md",
      "statutes-zh/行政法/个人信息保护法(2021-08-20).md",
      "statutes-zh/行政法/网络安全法(2016-11-07).md",
      "statutes-zh/行政法/科学技术进步法(2021-12-24).md",
      "statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md",
      "statutes-zh/行政法/反间谍法(2014-11-01).md",
      "statutes-zh/行政法/反间谍法(2023-04-26).md",
      "compass/instruments.json",
      "compass/jurisdictions.json",
      "compass/relations.json",
      "compass/cn-generative-ai-measures-articles.json",
      "compass/cn-pipl-articles.json",
      "compass/provisions.json",
      "news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md",
      "news/feed/2023-05-31-china-isnt-waiting-to-set-down-rules-on-generative-ai.md",
  };
}

// The files the refresh tests edit, add back and remove (corpus-relative).
inline const char* kDsl = "statutes-zh/行政法/数据安全法(2021-06-10).md";
inline const char* kAdded = "statutes-zh/行政法/科学技术进步法(2021-12-24).md";
inline const char* kRemoved = "statutes-zh/行政法/反间谍法(2014-11-01).md";

// Deliberately broken files (notmuch test/corpora style), by corpus-relative path.
inline const char* kBadUtf8Statute = "statutes-zh/行政法/坏编码(2020-01-01).md";
inline const char* kTruncatedJson = "compass/truncated-articles.json";
inline const char* kEmptyMarkdown = "news/feed/empty.md";

// Links each real corpus file named in `files` (corpus-relative) at the same relative path under
// `root`, creating folders as needed. Symlinks only: nothing is copied.
inline void link_corpus_files(const std::filesystem::path& root,
                              const std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  for (const auto& rel : files) {
    const fs::path link = root / fs::u8path(rel);
    fs::create_directories(link.parent_path());
    fs::create_symlink(corpus_file(rel), link);
  }
}

// Builds the small corpus under `root` (which must exist). Symlinks only: nothing is copied.
inline void make_small_corpus(const std::filesystem::path& root, bool with_bad_files) {
  namespace fs = std::filesystem;
  link_corpus_files(root, small_corpus_files());
  if (with_bad_files) {
    write_file(root / fs::u8path(kBadUtf8Statute),
               "# 标题\n\n<!-- INFO END -->\n第一条 \xff\xfe\n");
    write_file(root / fs::u8path(kTruncatedJson),
               "[\n  {\n    \"id\": \"cn-x-art-1\",\n    \"instrumentId\": \"cn-x\",\n    \"fullT");
    write_file(root / fs::u8path(kEmptyMarkdown), "");
  }
}

// Options to ingest `corpus` into `data` with the project's dictionaries, on 2 threads, keeping
// every snapshot.
inline ingest::IngestOptions small_ingest_options(const std::filesystem::path& corpus,
                                                  const std::filesystem::path& data) {
  ingest::IngestOptions o;
  o.corpora = {corpus};
  o.data_dir = data;
  o.dictionaries_dir = std::filesystem::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
  o.threads = 2;
  o.keep = 0;
  return o;
}

}  // namespace regkg::test
