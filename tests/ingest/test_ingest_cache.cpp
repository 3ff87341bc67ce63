// The cache a long-running ingest (regkg watch) keeps between runs: after files are changed (one
// with its size unchanged), added and removed, a cached run re-parses and re-analyses only those,
// yet writes a graph file byte for byte equal to an uncached full rebuild's, with the same
// diagnostics (the broken files' errors are replayed, not lost).
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "ingest/ingest_cache.h"
#include "ingest/ingest_pipeline.h"
#include "snapshot/snapshot_manifest.h"
#include "snapshot/snapshot_store.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

using test::kAdded;
using test::kDsl;
using test::kRemoved;

ingest::IngestOptions options_for(const fs::path& corpus, const fs::path& data,
                                  ingest::IngestCache* cache) {
  ingest::IngestOptions o = test::small_ingest_options(corpus, data);
  o.cache = cache;
  return o;
}

fs::path snapshot_file(const fs::path& data, const std::string& id, const char* name) {
  return data / "snapshots" / id / name;
}

std::string diagnostics_of(const fs::path& data, const std::string& id) {
  std::string out;
  for (const auto& d :
       snapshot::read_manifest(snapshot_file(data, id, snapshot::kManifestFile)).diagnostics)
    out += d.severity + " " + d.path + ":" + std::to_string(d.line) + " " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a cached ingest re-parses only changed files and equals an uncached rebuild") {
  test::TempDir corpus, data, fresh_data;
  test::make_small_corpus(corpus.path(), /*with_bad_files=*/true);
  fs::remove(corpus.path() / fs::u8path(kAdded));
  fs::remove(corpus.path() / fs::u8path(kDsl));
  const std::string dsl = test::read_file(test::corpus_file(kDsl));
  test::write_file(corpus.path() / fs::u8path(kDsl), dsl);

  ingest::IngestCache cache;
  std::ostringstream log;
  auto first = ingest::run_ingest(options_for(corpus.path(), data.path(), &cache), log);
  INFO(log.str());
  CHECK(first.files_reused == 0);
  CHECK(first.files_parsed == first.files_seen - first.ignored);
  CHECK(first.articles_reused == 0);
  CHECK(first.articles_analysed > 300);
  CHECK(first.errors >= 2);  // the broken files

  // Nothing changed: nothing is parsed or analysed again.
  auto same = ingest::run_ingest(options_for(corpus.path(), data.path(), &cache), log);
  CHECK(same.files_parsed == 0);
  CHECK(same.articles_analysed == 0);
  CHECK(same.articles_reused == first.articles_analysed);
  CHECK(same.errors == first.errors);

  // Amend one article without changing the file's size (same byte count: ctime and mtime tell),
  // add a law and remove another.
  const std::string old_phrase = "国家建立数据分类分级保护制度";
  const std::string new_phrase = "国家建立数据量子目录保护制度";
  REQUIRE(old_phrase.size() == new_phrase.size());
  std::string amended = dsl;
  REQUIRE(amended.find(old_phrase) != std::string::npos);
  amended.replace(amended.find(old_phrase), old_phrase.size(), new_phrase);
  test::write_file(corpus.path() / fs::u8path(kDsl), amended);
  fs::create_symlink(test::corpus_file(kAdded), corpus.path() / fs::u8path(kAdded));
  fs::remove(corpus.path() / fs::u8path(kRemoved));

  auto cached = ingest::run_ingest(options_for(corpus.path(), data.path(), &cache), log);
  CHECK(cached.files_parsed == 2);       // the amended law and the added one
  CHECK(cached.articles_analysed > 40);  // the added law's articles, and one amended
  CHECK(cached.articles_analysed < first.articles_analysed / 2);
  CHECK(cached.articles_reused > 200);

  auto fresh = ingest::run_ingest(options_for(corpus.path(), fresh_data.path(), nullptr), log);
  CHECK(fresh.files_parsed == fresh.files_seen - fresh.ignored);
  CHECK(cached.nodes == fresh.nodes);
  CHECK(cached.edges == fresh.edges);
  CHECK(cached.errors == fresh.errors);
  CHECK(cached.warnings == fresh.warnings);
  // The whole graph, byte for byte: same nodes, texts, attributes, edges, provenance, order.
  const std::string cached_graph =
      test::read_file(snapshot_file(data.path(), cached.snapshot_id, snapshot::kGraphFile));
  const std::string fresh_graph =
      test::read_file(snapshot_file(fresh_data.path(), fresh.snapshot_id, snapshot::kGraphFile));
  CHECK(cached_graph.size() == fresh_graph.size());
  CHECK(cached_graph == fresh_graph);
  CHECK(cached_graph.find(new_phrase) != std::string::npos);
  CHECK(cached_graph.find(old_phrase) == std::string::npos);
  CHECK(diagnostics_of(data.path(), cached.snapshot_id) ==
        diagnostics_of(fresh_data.path(), fresh.snapshot_id));
  CHECK(diagnostics_of(data.path(), cached.snapshot_id).find("truncated-articles.json") !=
        std::string::npos);

  // What left the corpus left the cache.
  CHECK(cache.parsed.size() == cached.files_parsed + cached.files_reused);
}
