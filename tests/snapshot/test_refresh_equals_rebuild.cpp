// A refresh (the cached run a long-running `regkg watch` or `serve --follow` makes) against a full
// rebuild of the same corpus, after each kind of change in turn: an article's text edited, a file
// that cites another changed, a new dated version of the cited instrument added (the unchanged
// citing file must follow it), the cited article removed, a file removed, a news item added. The
// graphs are compared as sets, with provenance (graph/graph_diff.h): every node with its fields
// and attributes, every edge with its provenance and note. This is the test a refresh that
// patches the previous graph instead of rebuilding it has to pass.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "graph/graph_diff.h"
#include "graph/vocabulary.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/ingest_cache.h"
#include "ingest/ingest_pipeline.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

const std::string kPipl = "statutes-zh/行政法/个人信息保护法(2021-08-20).md";
const std::string kAmendedDsl = "statutes-zh/行政法/数据安全法(2021-07-01).md";
const std::string kNews = "news/feed/2026-11-02-data-security-law-amended.md";

// Replaces the symlink (or file) at `relative` with a real file holding `content`.
void put(const fs::path& corpus, const std::string& relative, const std::string& content) {
  const fs::path path = corpus / fs::u8path(relative);
  fs::create_directories(path.parent_path());
  fs::remove(path);
  test::write_file(path, content);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

// The refreshed graph of the cached ingest into `data` against a fresh, uncached rebuild.
struct Refresh {
  test::TempDir& corpus;
  test::TempDir& data;
  ingest::IngestCache cache;

  void check(const std::string& change) {
    INFO(change);
    std::ostringstream log;
    ingest::SourceContributions records;
    ingest::IngestOptions options = test::small_ingest_options(corpus.path(), data.path());
    options.cache = &cache;
    options.contributions = &records;
    const ingest::IngestSummary refreshed = ingest::run_ingest(options, log);
    test::TempDir fresh_data;
    ingest::IngestOptions fresh_options =
        test::small_ingest_options(corpus.path(), fresh_data.path());
    const ingest::IngestSummary fresh = ingest::run_ingest(fresh_options, log);
    INFO(log.str());
    if (last) CHECK(refreshed.files_reused > 0);  // a refresh, not the first run
    const graph::GraphDifference d = graph_difference(*refreshed.graph, *fresh.graph);
    std::string lines;
    for (const auto& l : d.lines) lines += l + "\n";
    INFO(lines);
    CHECK(d.count == 0);
    CHECK(refreshed.warnings == fresh.warnings);
    CHECK(refreshed.errors == fresh.errors);
    const auto s = records.summarize(*refreshed.graph);
    CHECK(s.unrecorded_nodes == 0);
    CHECK(s.unrecorded_edges == 0);
    last = refreshed.graph;
  }
  std::shared_ptr<const graph::KnowledgeGraph> last;
};

bool has_node(const graph::KnowledgeGraph& g, const std::string& id) {
  return g.find(id).has_value();
}

// What the PIPL's Article 9 cites in the Data Security Law: "FILE art-21", "FILE version" or "".
std::string pipl_article_9_cites(const graph::KnowledgeGraph& g) {
  std::string cited;
  for (auto [it, end] = boost::vertices(g.boost_graph()); it != end; ++it) {
    const auto& n = g.node(*it);
    if (n.kind != graph::NodeKind::article || n.source.file != kPipl || n.id.size() < 6 ||
        n.id.compare(n.id.size() - 6, 6, "/art-9") != 0)
      continue;
    g.for_each_out_edge(*it, [&](graph::KnowledgeGraph::Edge e, graph::KnowledgeGraph::Vertex t) {
      const auto& target = g.node(t);
      if (g.edge(e).type != graph::edge::kCites ||
          target.source.file.str().find("数据安全法") == std::string::npos)
        return;
      cited = target.source.file.str() + (target.kind == graph::NodeKind::version ? " version"
                                          : target.id.find("/art-21") != std::string::npos
                                              ? " art-21"
                                              : " " + target.id);
    });
  }
  return cited;
}

}  // namespace

TEST_CASE("a refresh equals a full rebuild as sets with provenance after each kind of change") {
  test::TempDir corpus, data;
  test::make_small_corpus(corpus.path(), /*with_bad_files=*/false);
  const std::string dsl = test::read_file(test::corpus_file(test::kDsl));
  put(corpus.path(), test::kDsl, dsl);
  Refresh refresh{corpus, data, {}, nullptr};
  refresh.check("the first run");

  // 1. One article's text edited.
  const std::string edited =
      replaced(dsl, "国家建立数据分类分级保护制度", "国家建立数据分类分级和量子目录保护制度");
  put(corpus.path(), test::kDsl, edited);
  refresh.check("an article's text edited");
  REQUIRE(refresh.last);
  {
    const auto& g = *refresh.last;
    bool found = false;
    for (auto [it, end] = boost::vertices(g.boost_graph()); it != end; ++it)
      found = found || g.node(*it).text_zh.find("量子目录") != std::string::npos;
    CHECK(found);
  }

  // 2. A file that cites another changed: the Personal Information Protection Law (2021-08-20)
  // now cites Article 21 of the Data Security Law, resolved in the DSL's only version.
  const std::string pipl = test::read_file(test::corpus_file(kPipl));
  put(corpus.path(), kPipl,
      replaced(pipl, "第九条 个人信息处理者应当对其个人信息处理活动负责",
               "第九条 个人信息处理者应当依照《中华人民共和国数据安全法》第二十一条的规定，"
               "对其个人信息处理活动负责"));
  refresh.check("a file that cites another changed");
  CHECK(pipl_article_9_cites(*refresh.last) == test::kDsl + std::string(" art-21"));

  // 3. A new dated version of the DSL, in force before the PIPL's date, with one article amended
  // again (a byte-identical copy would be ingested once): the unchanged PIPL's citation must now
  // resolve to the new version's Article 21. A patch that re-resolves only the changed files'
  // citations fails here.
  const std::string amended = replaced(edited, "量子目录保护制度", "量子目录和星图目录保护制度");
  put(corpus.path(), kAmendedDsl, amended);
  refresh.check("a new version of an instrument added");
  CHECK(pipl_article_9_cites(*refresh.last) == kAmendedDsl + " art-21");

  // 4. The cited article removed from the new version: the citation falls back to the version.
  put(corpus.path(), kAmendedDsl,
      replaced(amended, "第二十一条 国家建立数据分类分级", "国家建立数据分类分级"));
  refresh.check("a cited article removed");
  CHECK(pipl_article_9_cites(*refresh.last) == kAmendedDsl + " version");

  // 5. A file removed (the older of two versions: the version chain changes).
  fs::remove(corpus.path() / fs::u8path(test::kRemoved));
  refresh.check("a file removed");

  // 6. A news item added, about the amended law.
  put(corpus.path(), kNews,
      "---\ntitle: \"China amends the Data Security Law\"\ndate: 2026-11-02\nsource: Test Wire\n"
      "kind: news\nlanguage: en\n---\n\nThe Cyberspace Administration of China said the amended "
      "Data Security Law (数据安全法) takes effect on December 1, 2026. Baidu and Alibaba welcomed "
      "the new data catalogue rules.\n");
  refresh.check("a news item added");
  CHECK(has_node(*refresh.last, "news/2026-11-02-data-security-law-amended"));
}
