// Tests the graph queries and exporters on a graph ingested from a small real corpus: the
// JD.com -> CAC connection, the legal basis of the Generative AI Measures, citation ranking.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph_export.h"
#include "graph/graph_queries.h"
#include "graph/knowledge_graph.h"
#include "ingest/ingest_pipeline.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshot_store.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;
using graph::KnowledgeGraph;
using Vertex = KnowledgeGraph::Vertex;

namespace {

const std::string kSeedNews =
    "news/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only";

struct RealGraph {
  test::TempDir corpus;
  test::TempDir data;
  std::shared_ptr<const snapshot::Snapshot> snap;
};

// Ingest takes seconds: once per process.
const KnowledgeGraph& real_graph() {
  static RealGraph r;
  static const bool ready = [] {
    test::make_small_corpus(r.corpus.path(), /*with_bad_files=*/false);
    ingest::IngestOptions o;
    o.corpora = {r.corpus.path()};
    o.data_dir = r.data.path();
    o.dictionaries_dir = fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
    o.threads = 2;
    std::ostringstream log;
    ingest::run_ingest(o, log);
    r.snap = snapshot::open_current_snapshot(r.data.path(), 1);
    return true;
  }();
  (void)ready;
  REQUIRE(r.snap != nullptr);
  return *r.snap->graph;
}

Vertex must_find(const KnowledgeGraph& g, const std::string& id) {
  auto v = g.find(id);
  INFO("node id: " << id);
  REQUIRE(v.has_value());
  return *v;
}

std::string describe(const KnowledgeGraph& g, const graph::Path& p) {
  std::string out = p.empty() ? "" : g.node(p.front().from).id;
  for (const auto& h : p)
    out += (h.direction == graph::Traversal::forward ? " -" : " <-") + g.edge(h.edge).type +
           (h.direction == graph::Traversal::forward ? "-> " : "- ") + g.node(h.to).id;
  return out;
}

}  // namespace

TEST_SUITE("snapshot") {
  TEST_CASE("graph queries on a real corpus: paths / citations / ranking") {
    const KnowledgeGraph& g = real_graph();
    const auto& bg = g.boost_graph();
    const Vertex jd = must_find(g, "actor/jd-com");
    const Vertex cac = must_find(g, "actor/cac");
    const Vertex measures = must_find(g, "cn/generative-ai-measures");

    SUBCASE("JD.com reaches the CAC through the news item and the measures") {
      graph::PathOptions o;
      o.k = 5;
      o.max_length = 3;
      auto r = graph::shortest_paths(g, jd, cac, o);
      REQUIRE_FALSE(r.paths.empty());
      CHECK_FALSE(r.truncated);
      std::vector<std::string> described;
      for (const auto& p : r.paths) described.push_back(describe(g, p));
      std::string all;
      for (const auto& d : described) all += "\n  " + d;
      MESSAGE("paths JD.com -> CAC:" << all);
      for (size_t i = 1; i < r.paths.size(); ++i) CHECK(r.paths[i - 1].size() <= r.paths[i].size());
      // The seed news also mentions the CAC itself, so the shortest link is 2 hops; the
      // rule-mediated link is the 3-hop path below.
      const std::string expected = "actor/jd-com <-mentions- " + kSeedNews + " -about-> " +
                                   "cn/generative-ai-measures -issued_by-> actor/cac";
      CHECK(std::count(described.begin(), described.end(), expected) == 1);
      for (const auto& p : r.paths) {
        CHECK(p.size() <= 3);
        for (const auto& h : p) {
          const Vertex src = h.direction == graph::Traversal::forward ? h.from : h.to;
          const Vertex dst = h.direction == graph::Traversal::forward ? h.to : h.from;
          CHECK(boost::source(h.edge, bg) == src);
          CHECK(boost::target(h.edge, bg) == dst);
          CHECK_FALSE(g.edge(h.edge).provenance.file.empty());
        }
      }
      // Restricted to these edge types, the 3-hop path comes right after the 2-hop mention.
      o.edge_types = {"mentions", "about", "issued_by"};
      o.k = 2;
      auto two = graph::shortest_paths(g, jd, cac, o);
      REQUIRE(two.paths.size() == 2);
      CHECK(two.paths[0].size() == 2);
      CHECK(two.paths[1].size() == 3);
      CHECK(describe(g, two.paths[1]) == expected);
    }

    SUBCASE("the measures' citation network holds the four laws of Article 1") {
      auto net = graph::citation_network(g, measures, 1, graph::Direction::out);
      std::set<std::string> ids;
      for (const auto& n : net.nodes) ids.insert(g.node(n.vertex).id);
      for (const char* law : {"cn/cybersecurity-law", "cn/data-security-law", "cn/pipl",
                              "cn/science-technology-progress-law"}) {
        CAPTURE(law);
        CHECK(ids.count(law) == 1);
      }
      // The same from an article of the measures.
      auto from_article = graph::citation_network(
          g, must_find(g, "cn/generative-ai-measures@2023-07-10/art-1"), 1, graph::Direction::out);
      CHECK(from_article.nodes.size() == net.nodes.size());
      auto citing_pipl =
          graph::citation_network(g, must_find(g, "cn/pipl"), 1, graph::Direction::in);
      std::set<std::string> citing;
      for (const auto& n : citing_pipl.nodes) citing.insert(g.node(n.vertex).id);
      CHECK(citing.count("cn/generative-ai-measures") == 1);
    }

    SUBCASE("most_cited ranks a cited law above an uncited instrument") {
      auto ranked = graph::most_cited(g, graph::kMaxMostCited);
      REQUIRE_FALSE(ranked.empty());
      auto pos = [&](const std::string& id) {
        for (size_t i = 0; i < ranked.size(); ++i)
          if (g.node(ranked[i].instrument).id == id) return i;
        return ranked.size();
      };
      const size_t pipl = pos("cn/pipl");
      REQUIRE(pipl < ranked.size());
      CHECK(ranked[pipl].citing_instruments >= 1);
      size_t uncited = ranked.size();
      for (size_t i = 0; i < ranked.size(); ++i)
        if (ranked[i].citing_instruments == 0) {
          uncited = i;
          break;
        }
      REQUIRE(uncited < ranked.size());
      CHECK(pipl < uncited);
      CHECK(ranked[pipl].pagerank > ranked[uncited].pagerank);
      MESSAGE("top: " << g.node(ranked[0].instrument).id << " cited by "
                      << ranked[0].citing_instruments << ", PageRank " << ranked[0].pagerank);
    }

    SUBCASE("a 2-hop neighbourhood of the measures is bounded and includes the CAC") {
      graph::NeighborhoodOptions o;
      o.depth = 2;
      o.max_nodes = 200;
      auto n = graph::neighborhood(g, measures, o);
      CHECK(n.nodes.size() <= 200);
      bool has_cac = false;
      for (const auto& x : n.nodes) has_cac = has_cac || x.vertex == cac;
      CHECK(has_cac);
    }
  }

  TEST_CASE("graph query exports of the real graph read back in NetworkX") {
    const KnowledgeGraph& g = real_graph();
    test::TempDir dir;
    const fs::path file = dir.path() / "real.graphml";
    graph::ExportCounts counts;
    {
      std::ofstream out(file, std::ios::binary);
      counts = graph::write_graphml(g, out);
    }
    CHECK(counts.nodes == g.node_count());
    CHECK(counts.edges == g.edge_count());
    auto csv = graph::write_neo4j_csv(g, dir.path() / "csv");
    CHECK(csv.edges == g.edge_count());
    if (std::system("/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
      MESSAGE("skipped: /usr/bin/python3 lacks networkx");
      return;
    }
    test::write_file(dir.path() / "check.py", R"PY(
import sys, csv, networkx as nx
G = nx.read_graphml(sys.argv[1])
assert G.number_of_nodes() == int(sys.argv[2]), G.number_of_nodes()
assert G.number_of_edges() == int(sys.argv[3]), G.number_of_edges()
assert G.nodes['actor/jd-com']['kind'] == 'actor'
with open(sys.argv[4] + '/edges.csv', newline='', encoding='utf-8') as f:
    assert sum(1 for _ in csv.reader(f)) - 1 == int(sys.argv[3])
)PY");
    const std::string cmd = "/usr/bin/python3 '" + (dir.path() / "check.py").string() + "' '" +
                            file.string() + "' " + std::to_string(counts.nodes) + " " +
                            std::to_string(counts.edges) + " '" + (dir.path() / "csv").string() +
                            "'";
    CHECK(std::system(cmd.c_str()) == 0);
  }
}
