// The corpus scanner: which files are sources, which are ignored and why (issue 16: a README that
// quotes a statute's marker must not become the instrument cn/README), linked folders.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "ingest/sources/corpus_scanner.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg::ingest;
using regkg::test::TempDir;
using regkg::test::write_file;

namespace {

const char* kStatute =
    "# 中华人民共和国测试法\n\n2021年6月10日 通过\n\n<!-- INFO END -->\n\n第一条 "
    "为了测试，制定本法。\n";

std::map<std::string, SourceFile> scan(const fs::path& root, Diagnostics& diags) {
  std::map<std::string, SourceFile> out;
  for (auto& f : scan_corpora({root}, diags)) out[f.relative] = f;
  return out;
}

}  // namespace

TEST_CASE("corpus scanner: documentation and regkg's own files are ignored with the reason") {
  TempDir dir;
  const fs::path root = dir.path();
  // A README that explains the statute format, marker included (the shape of the real corpus's).
  write_file(root / "README.md",
             "# Corpus\n\nEach statute has a header ending in <!-- INFO END -->.\n");
  write_file(root / "compass" / "DATA-LICENSE.md", "# Data licence\n");
  write_file(root / "LICENSE", "MIT\n");
  write_file(root / "statutes-zh" / "行政法" / "CHANGELOG.md", "<!-- INFO END -->\n");
  write_file(root / "statutes-zh" / "行政法" / "_index.md",
             "---\nbookCollapseSection: true\n---\n");
  write_file(root / "statutes-zh" / "行政法" / "测试法(2021-06-10).md", kStatute);
  write_file(root / "sources.json", "{\"sources\": []}\n");
  write_file(root / "facts" / "versions.json", "{\"versions\": []}\n");
  write_file(root / "dictionaries" / "actors.json", "{\"actors\": []}\n");
  write_file(root / "EMBEDDED.tsv", "path\n");
  write_file(root / "news" / "feed" / "x.md",
             "---\ntitle: \"x\"\npublishedDateTime: 2023-01-01T00:00:00Z\n---\n");

  Diagnostics diags;
  const auto files = scan(root, diags);
  CHECK(diags.items().empty());
  // facts/ and dictionaries/ configure the ingest: not listed at all.
  CHECK(files.count("facts/versions.json") == 0);
  CHECK(files.count("dictionaries/actors.json") == 0);
  REQUIRE(files.size() == 9);

  const std::map<std::string, std::string> ignored = {
      {"README.md", "documentation, not a rule"},
      {"compass/DATA-LICENSE.md", "documentation, not a rule"},
      {"LICENSE", "documentation, not a rule"},
      {"statutes-zh/行政法/CHANGELOG.md", "documentation, not a rule"},
      {"statutes-zh/行政法/_index.md", "a Hugo section index (LawRefBook), not a rule"},
      {"sources.json", "the regkg fetch manifest, not a rule"},
      {"EMBEDDED.tsv", "not a source format (.tsv)"},
  };
  for (const auto& [path, reason] : ignored) {
    CAPTURE(path);
    REQUIRE(files.count(path) == 1);
    CHECK(files.at(path).format == SourceFormat::unknown);
    CHECK(files.at(path).ignore_reason == reason);
  }
  CHECK(files.at("statutes-zh/行政法/测试法(2021-06-10).md").format ==
        SourceFormat::statute_markdown);
  CHECK(files.at("statutes-zh/行政法/测试法(2021-06-10).md").ignore_reason.empty());
  CHECK(files.at("news/feed/x.md").format == SourceFormat::news_markdown);
}

TEST_CASE(
    "corpus scanner: linked folders are read once and a link loop is reported and not followed") {
  TempDir dir;
  const fs::path src = dir.path() / "checkout" / "行政法";
  write_file(src / "测试法(2021-06-10).md", kStatute);
  const fs::path root = dir.path() / "corpus";
  fs::create_directories(root / "statutes-zh");
  fs::create_directory_symlink(src, root / "statutes-zh" / "行政法");
  fs::create_directory_symlink(src, root / "statutes-zh" / "again");  // the same folder twice
  fs::create_directory_symlink(root, root / "statutes-zh" / "loop");  // a loop back to the root

  Diagnostics diags;
  const auto files = scan(root, diags);
  REQUIRE(files.size() == 1);
  const SourceFile& f = files.begin()->second;
  CHECK((f.relative == "statutes-zh/行政法/测试法(2021-06-10).md" ||
         f.relative == "statutes-zh/again/测试法(2021-06-10).md"));
  CHECK(f.format == SourceFormat::statute_markdown);
  REQUIRE(diags.items().size() == 2);
  for (const auto& d : diags.items())
    CHECK(d.message.find("linked folder already read") != std::string::npos);
}
