// copy_without_sources on a real build of the small corpus: dropping the older Counter-espionage
// Law file removes what it alone wrote, keeps (and lists) the instrument it shares with the newer
// file, drops the version-chain edge to its version and names the pass that made it, and carries
// every other node, edge and contribution record over unchanged.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "graph/graph_diff.h"
#include "graph/vocabulary.h"
#include "ingest/assemble/graph_without_sources.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/ingest_pipeline.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

using namespace regkg;

TEST_CASE("copy_without_sources: what a file alone wrote goes and everything else stays") {
  test::TempDir corpus, data;
  test::make_small_corpus(corpus.path(), /*with_bad_files=*/false);
  ingest::SourceContributions records;
  ingest::IngestOptions options = test::small_ingest_options(corpus.path(), data.path());
  options.contributions = &records;
  std::ostringstream log;
  const ingest::IngestSummary summary = ingest::run_ingest(options, log);
  INFO(log.str());
  const graph::KnowledgeGraph& g = *summary.graph;
  const auto& bg = g.boost_graph();

  const std::string older = test::kRemoved;  // 反间谍法(2014-11-01)
  graph::KnowledgeGraph copy;
  ingest::SourceContributions copy_records;
  const ingest::GraphWithoutSources result =
      ingest::copy_without_sources(g, records, {older}, copy, copy_records);

  // Counted: every node is kept or dropped, and so is every edge.
  CHECK(result.dropped_nodes > 50);
  CHECK(copy.node_count() + result.dropped_nodes == g.node_count());
  CHECK(copy.edge_count() + result.dropped_edges == g.edge_count());

  size_t alone = 0;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto who = records.node_contributors(*it);
    bool only_older = std::find(who.begin(), who.end(), graph::Symbol(older)) != who.end();
    for (const auto& w : who)
      only_older = only_older && (w == older || w.str().rfind("pass:", 0) == 0);
    alone += only_older;
    const auto kept = copy.find(bg[*it].id);
    CHECK_MESSAGE(kept.has_value() != only_older, bg[*it].id);
    if (!kept) continue;
    // Kept nodes are the original's, field for field, with their contributors.
    const auto& n = copy.node(*kept);
    CHECK(n.label == bg[*it].label);
    CHECK(n.text_zh == bg[*it].text_zh);
    CHECK(n.attrs == bg[*it].attrs);
    CHECK(n.source.file == bg[*it].source.file);
    CHECK(copy_records.node_contributors(*kept) == who);
  }
  CHECK(alone == result.dropped_nodes);

  // The instrument both dated files write is kept and listed as shared.
  std::optional<graph::KnowledgeGraph::Vertex> older_version, instrument;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it)
    if (bg[*it].kind == graph::NodeKind::version && bg[*it].source.file == older)
      older_version = *it;
  REQUIRE(older_version);
  instrument = g.out_neighbor(*older_version, graph::edge::kVersionOf);
  REQUIRE(instrument);
  const auto kept_instrument = copy.find(bg[*instrument].id);
  REQUIRE(kept_instrument);
  CHECK(std::find(result.shared_nodes.begin(), result.shared_nodes.end(), *kept_instrument) !=
        result.shared_nodes.end());
  CHECK_FALSE(copy.find(bg[*older_version].id));

  // The newer version's supersedes edge went with the older version; the pass that made it must
  // run again.
  CHECK(result.orphaned_contributors.count(std::string(ingest::pass::kVersionChains)) == 1);
  CHECK(result.orphaned_contributors.count(older) == 0);

  // Every kept edge keeps its contributors; the copy's records cover the whole copy.
  const auto& cg = copy.boost_graph();
  for (auto [it, end] = boost::edges(cg); it != end; ++it)
    CHECK_FALSE(
        copy_records.edge_contributors(boost::source(*it, cg), boost::target(*it, cg), cg[*it].type)
            .empty());
  const auto s = copy_records.summarize(copy);
  CHECK(s.unrecorded_nodes == 0);
  CHECK(s.unrecorded_edges == 0);

  // Dropping nothing copies the graph exactly.
  graph::KnowledgeGraph same;
  ingest::SourceContributions same_records;
  const auto none = ingest::copy_without_sources(g, records, {}, same, same_records);
  CHECK(none.dropped_nodes == 0);
  CHECK(none.dropped_edges == 0);
  CHECK(graph::graph_difference(g, same).empty());
}
