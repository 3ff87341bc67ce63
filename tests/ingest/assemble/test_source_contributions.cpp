// Per-source contribution records on the small real corpus: every node and edge of the graph has
// its contributors recorded; an article and its obligations are their file's alone; an instrument
// with two dated versions is written by both files; version chains and candidate actors are named
// as the global passes they are.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "graph/vocabulary.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/ingest_pipeline.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

std::vector<std::string> names(const std::vector<graph::Symbol>& symbols) {
  std::vector<std::string> out;
  for (const auto& s : symbols) out.push_back(s.str());
  return out;
}

}  // namespace

TEST_CASE("source contributions: every node and edge of a real build has its contributors") {
  test::TempDir corpus, data;
  test::make_small_corpus(corpus.path(), /*with_bad_files=*/false);
  ingest::SourceContributions records;
  ingest::IngestOptions options = test::small_ingest_options(corpus.path(), data.path());
  options.contributions = &records;
  std::ostringstream log;
  const ingest::IngestSummary summary = ingest::run_ingest(options, log);
  INFO(log.str());
  const graph::KnowledgeGraph& g = *summary.graph;
  CHECK(g.write_observer() == nullptr);  // the records are not left attached to a served graph

  const auto s = records.summarize(g);
  CHECK(s.nodes == g.node_count());
  CHECK(s.unrecorded_nodes == 0);
  CHECK(s.unrecorded_edges == 0);
  CHECK(s.shared_nodes > 0);
  CHECK(s.shared_nodes < s.nodes / 10);  // most of the graph is one source's alone
  CHECK(s.contributors > 10);

  // An article of the Data Security Law and its first obligation: that file's alone.
  const std::string dsl = test::kDsl;
  auto article = g.find("cn/data-security-law@2021-06-10/art-21");
  if (!article) article = g.find("cn/数据安全法@2021-06-10/art-21");
  REQUIRE(article);
  const std::string version = *g.node(*article).attr(graph::attr::kVersion);
  CHECK(names(records.node_contributors(*article)) == std::vector<std::string>{dsl});
  bool saw_obligation = false;
  g.for_each_in_edge(*article, [&](graph::KnowledgeGraph::Edge e, graph::KnowledgeGraph::Vertex o) {
    if (g.edge(e).type != graph::edge::kObligationOf) return;
    saw_obligation = true;
    CHECK(names(records.node_contributors(o)) == std::vector<std::string>{dsl});
    CHECK(names(records.edge_contributors(o, *article, graph::edge::kObligationOf)) ==
          std::vector<std::string>{dsl});
  });
  CHECK(saw_obligation);
  auto part_of = g.out_neighbor(*article, graph::edge::kPartOf);
  REQUIRE(part_of);
  CHECK(names(records.edge_contributors(*article, *part_of, graph::edge::kPartOf)) ==
        std::vector<std::string>{dsl});

  // The Counter-espionage Law's two dated files both write its instrument node, in build order;
  // the newer version supersedes the older by the version-chain pass.
  std::optional<graph::KnowledgeGraph::Vertex> older, newer;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto& n = bg[*it];
    if (n.kind != graph::NodeKind::version) continue;
    if (n.source.file == "statutes-zh/行政法/反间谍法(2014-11-01).md") older = *it;
    if (n.source.file == "statutes-zh/行政法/反间谍法(2023-04-26).md") newer = *it;
  }
  REQUIRE(older);
  REQUIRE(newer);
  auto instrument = g.out_neighbor(*older, graph::edge::kVersionOf);
  REQUIRE(instrument);
  const auto writers = names(records.node_contributors(*instrument));
  CHECK(std::count(writers.begin(), writers.end(), "statutes-zh/行政法/反间谍法(2014-11-01).md") ==
        1);
  CHECK(std::count(writers.begin(), writers.end(), "statutes-zh/行政法/反间谍法(2023-04-26).md") ==
        1);
  CHECK(names(records.edge_contributors(*newer, *older, graph::edge::kSupersedes)) ==
        std::vector<std::string>{std::string(ingest::pass::kVersionChains)});

  // Candidate actors are the pass's (the small corpus names none twice; bench/contribution_report
  // shows the full corpus's).
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto* c = bg[*it].attr(graph::attr::kCandidate);
    if (!c || *c != "yes") continue;
    const auto who = names(records.node_contributors(*it));
    CHECK(std::find(who.begin(), who.end(), ingest::pass::kCandidateActors) != who.end());
  }

  // A news item is its file's; its event of publication too.
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto& n = bg[*it];
    if (n.kind != graph::NodeKind::news) continue;
    CHECK(names(records.node_contributors(*it)) == std::vector<std::string>{n.source.file.str()});
  }
}
