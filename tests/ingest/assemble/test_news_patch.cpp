// patch_news against a full rebuild on the small real corpus: after a news item is added, one is
// edited and one removed, the graph patched from the previous build equals a fresh full build of
// the changed corpus as a set (every node field, attribute and provenance, every edge's
// provenance and note), and the patch keeps complete contribution records for the next one.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "graph/graph_diff.h"
#include "ingest/assemble/news_patch.h"
#include "ingest/ingest_pipeline.h"
#include "ingest/sources/source_reader.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

const std::string kSeedNews =
    "news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md";
const std::string kFeedNews =
    "news/feed/2023-05-31-china-isnt-waiting-to-set-down-rules-on-generative-ai.md";
const std::string kAddedNews = "news/feed/2026-11-02-data-security-law-amended.md";

fs::path dictionaries() { return fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries"; }

// The corpus's news items now, parsed as the pipeline parses them, in scan order.
ingest::ParsedSources news_of(const fs::path& corpus) {
  ingest::Diagnostics diags;
  ingest::ParsedSources sources;
  for (const auto& file : ingest::scan_corpora({corpus}, diags)) {
    if (file.format != ingest::SourceFormat::news_markdown) continue;
    ingest::ParsedFile parsed = ingest::read_source(file);
    if (parsed.news) sources.news.push_back({file, std::move(*parsed.news)});
  }
  return sources;
}

std::string lines_of(const graph::GraphDifference& d) {
  std::string out;
  for (const auto& l : d.lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("patch_news: the patched graph equals a full rebuild after news items change") {
  test::TempDir corpus, data, fresh_data;
  test::make_small_corpus(corpus.path(), /*with_bad_files=*/false);
  ingest::SourceContributions records;
  ingest::IngestOptions options = test::small_ingest_options(corpus.path(), data.path());
  options.contributions = &records;
  std::ostringstream log;
  const ingest::IngestSummary before = ingest::run_ingest(options, log);

  // Added, edited, removed.
  test::write_file(
      corpus.path() / fs::u8path(kAddedNews),
      "---\ntitle: \"China amends the Data Security Law\"\ndate: 2026-11-02\n"
      "source: Test Wire\nkind: news\nlanguage: en\n---\n\nThe Cyberspace "
      "Administration of China said the amended Data Security Law takes effect on "
      "December 1, 2026. Baidu and Alibaba welcomed the Generative AI Measures too.\n");
  const fs::path seed = corpus.path() / fs::u8path(kSeedNews);
  const std::string seed_text = test::read_file(seed);
  fs::remove(seed);
  test::write_file(seed, seed_text +
                             "\nOn March 3, 2024 the Ministry of Public Security said "
                             "Tencent had filed its model.\n");
  fs::remove(corpus.path() / fs::u8path(kFeedNews));

  const auto actors = ingest::AliasDictionary::load(dictionaries() / "actors.json");
  const auto catalog = ingest::InstrumentCatalog::load(dictionaries() / "instruments.json");
  const auto linker = ingest::NewsLinker::load(dictionaries() / "instruments.json");
  const auto facts =
      ingest::load_version_facts(fs::path(REGKG_SOURCE_DIR) / "corpus" / "facts" / "versions.json");
  ingest::Diagnostics diags;
  graph::KnowledgeGraph patched;
  ingest::SourceContributions patched_records;
  const ingest::NewsPatch result =
      ingest::patch_news(*before.graph, records, news_of(corpus.path()), actors, catalog, linker,
                         facts, diags, patched, patched_records);
  INFO(result.refused);
  REQUIRE(result.patched);
  CHECK(result.dropped_nodes > 0);

  const ingest::IngestSummary fresh =
      ingest::run_ingest(test::small_ingest_options(corpus.path(), fresh_data.path()), log);
  const graph::GraphDifference d = graph::graph_difference(patched, *fresh.graph);
  INFO(lines_of(d));
  CHECK(d.count == 0);
  CHECK(patched.find("news/2026-11-02-data-security-law-amended"));
  // The patch is not a copy: the previous graph differs from the rebuild.
  CHECK_FALSE(graph::graph_difference(*before.graph, *fresh.graph).empty());

  // The records cover the patched graph: the next refresh can patch it again.
  const auto s = patched_records.summarize(patched);
  CHECK(s.unrecorded_nodes == 0);
  CHECK(s.unrecorded_edges == 0);
}
