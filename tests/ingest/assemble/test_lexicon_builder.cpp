// The bilingual lexicon learned at ingest (ingest/assemble/lexicon_builder.h) on a small real
// corpus (the PIPL and the Generative AI Measures with their English, the Data Security Law in
// Chinese only): the pairs it learns, and an English query finding a Chinese-only article through
// them (index/plain_query.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "index/lexicon.h"
#include "index/searcher.h"
#include "ingest/assemble/lexicon_builder.h"
#include "ingest/ingest_pipeline.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshot_store.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

bool has(const std::vector<std::string>* terms, const std::string& term) {
  return terms && std::find(terms->begin(), terms->end(), term) != terms->end();
}

std::vector<std::string> top_ids(const index::Searcher& searcher, const std::string& query,
                                 unsigned limit) {
  index::SearchRequest request;
  request.query = query;
  request.limit = limit;
  request.facets = false;
  std::vector<std::string> ids;
  for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

TEST_SUITE("ingest") {
  TEST_CASE("lexicon learned at ingest from aligned articles finds a Chinese-only article") {
    test::TempDir corpus, data;
    test::make_small_corpus(corpus.path(), /*with_bad_files=*/false);
    std::ostringstream log;
    ingest::run_ingest(test::small_ingest_options(corpus.path(), data.path()), log);
    const auto snap = snapshot::open_current_snapshot(data.path(), 1);
    REQUIRE(snap);
    const fs::path index_dir = snap->dir / snapshot::kIndexDir;
    const index::Lexicon lexicon = index::Lexicon::load(index_dir / index::kLexiconFile);
    REQUIRE_FALSE(lexicon.empty());

    // Learned from the PIPL's and the Measures' Chinese and English (Xapian English stems).
    CHECK(has(lexicon.chinese("minor"), "未成年人"));
    CHECK(has(lexicon.chinese("cybersecur"), "网络安全"));
    CHECK(has(lexicon.chinese("hierarch"), "分类分级"));
    // Fragments of longer words are not terms: 网络安 is always 网络安全.
    for (const char* stem : {"network", "secur", "cybersecur"})
      CHECK_FALSE(has(lexicon.chinese(stem), "网络安"));
    CHECK(lexicon.chinese("the") == nullptr);  // stop words are never keys

    // Learned again from the same graph: the same file; a previous lexicon with the same key of
    // the aligned pairs is kept as it is (a refresh that changed no aligned article).
    const std::string written = test::read_file(index_dir / index::kLexiconFile);
    CHECK(ingest::build_lexicon_json(*snap->graph) == written);
    const auto at = written.find("\"aligned_key\":\"");
    REQUIRE(at != std::string::npos);
    const std::string key = written.substr(at, written.find('"', at + 15) + 1 - at);
    const std::string previous = "{" + key + ",\"pairs\":[]}";
    CHECK(ingest::build_lexicon_json(*snap->graph, previous) == previous);
    CHECK(ingest::build_lexicon_json(*snap->graph, "{\"aligned_key\":\"other\",\"pairs\":[]}") ==
          written);

    // The Data Security Law has no English here: its Art. 21 (数据分类分级保护制度) is reached
    // through the lexicon's Chinese for "hierarchical" and "classified".
    const std::string dsl_21 = "cn/data-security-law@2021-06-10/art-21";
    const std::string query = "classified and hierarchical protection of data";
    const auto with = top_ids(*snap->searcher, query, 3);
    INFO("top 3 with the lexicon: " << join(with));
    CHECK(std::find(with.begin(), with.end(), dsl_21) != with.end());

    // Without the lexicon file the same index does not rank it in the top 5: the lexicon is what
    // finds it.
    fs::rename(index_dir / index::kLexiconFile, index_dir / "lexicon.json.away");
    index::Searcher without(index_dir, 1);
    const auto ids = top_ids(without, query, 5);
    INFO("top 5 without the lexicon: " << join(ids));
    CHECK(std::find(ids.begin(), ids.end(), dsl_21) == ids.end());
  }
}
