// Tests the CSR adjacency index against the Boost graph it copies, and its life cycle (rebuilt
// after a change, dropped by a move).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/adjacency_index.h"
#include "graph/knowledge_graph.h"

using namespace regkg::graph;
using Vertex = KnowledgeGraph::Vertex;

namespace {

Vertex node(KnowledgeGraph& g, const std::string& id, NodeKind kind = NodeKind::actor) {
  NodeData n;
  n.id = id;
  n.kind = kind;
  return g.upsert_node(std::move(n));
}

void edge(KnowledgeGraph& g, Vertex a, Vertex b, const std::string& type) {
  EdgeData e;
  e.type = type;
  REQUIRE(g.add_edge(a, b, std::move(e)));
}

// Every vertex's arcs are exactly Boost's out- and in-edges, in Boost's order, with the right
// types and edge numbers that lead back to the same edges.
void check_matches_boost(const KnowledgeGraph& g) {
  const AdjacencyIndex& adj = g.adjacency();
  const auto& bg = g.boost_graph();
  REQUIRE(adj.vertex_count() == g.node_count());
  REQUIRE(adj.edge_count() == g.edge_count());
  for (Vertex v = 0; v < g.node_count(); ++v) {
    CAPTURE(g.node(v).id);
    CHECK(adj.kind(v) == g.node(v).kind);
    std::vector<const EdgeData*> boost_out, csr_out, boost_in, csr_in;
    std::vector<Vertex> boost_out_v, csr_out_v, boost_in_v, csr_in_v;
    for (auto [it, end] = boost::out_edges(v, bg); it != end; ++it) {
      boost_out.push_back(&g.edge(*it));
      boost_out_v.push_back(boost::target(*it, bg));
    }
    for (auto [it, end] = boost::in_edges(v, bg); it != end; ++it) {
      boost_in.push_back(&g.edge(*it));
      boost_in_v.push_back(boost::source(*it, bg));
    }
    for (const auto& a : adj.out(v)) {
      csr_out.push_back(&g.edge(adj.edge(a.edge)));
      csr_out_v.push_back(a.neighbor);
      CHECK(adj.type_name(a.type) == g.edge(adj.edge(a.edge)).type);
    }
    for (const auto& a : adj.in(v)) {
      csr_in.push_back(&g.edge(adj.edge(a.edge)));
      csr_in_v.push_back(a.neighbor);
      CHECK(adj.type_name(a.type) == g.edge(adj.edge(a.edge)).type);
    }
    CHECK(csr_out == boost_out);
    CHECK(csr_out_v == boost_out_v);
    CHECK(csr_in == boost_in);
    CHECK(csr_in_v == boost_in_v);
  }
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("the adjacency index lists each vertex's edges as Boost does / types interned") {
    KnowledgeGraph g;
    Vertex a = node(g, "a"), b = node(g, "b", NodeKind::article), c = node(g, "c");
    Vertex d = node(g, "d", NodeKind::news);
    edge(g, a, b, "cites");
    edge(g, c, b, "cites");
    edge(g, a, b, "part_of");  // parallel edge of another type
    edge(g, b, a, "mentions");
    edge(g, d, a, "mentions");
    edge(g, a, c, "cites");
    check_matches_boost(g);
    const AdjacencyIndex& adj = g.adjacency();
    CHECK(adj.type_count() == 3);
    CHECK(adj.type_id("cites") >= 0);
    CHECK(adj.type_id("nope") == -1);
    auto mask = adj.type_mask({"mentions", "nope"});
    CHECK(mask[static_cast<size_t>(adj.type_id("mentions"))] == 1);
    CHECK(mask[static_cast<size_t>(adj.type_id("cites"))] == 0);
    auto all = adj.type_mask({});
    CHECK(std::count(all.begin(), all.end(), 1) == 3);
    CHECK(adj.out(a).size() == 3);
    CHECK(adj.in(a).size() == 2);
    CHECK(adj.in(b).size() == 3);
    CHECK(adj.out(d).size() == 1);
    CHECK(adj.in(d).size() == 0);
  }

  TEST_CASE("the adjacency index is rebuilt after a change and dropped by a move") {
    KnowledgeGraph g;
    Vertex a = node(g, "a"), b = node(g, "b");
    edge(g, a, b, "r");
    CHECK(g.adjacency().edge_count() == 1);
    Vertex c = node(g, "c");
    edge(g, b, c, "s");
    CHECK(g.adjacency().vertex_count() == 3);
    CHECK(g.adjacency().edge_count() == 2);
    check_matches_boost(g);
    // A move deep-copies the Boost graph: the index must describe the new copy.
    KnowledgeGraph moved(std::move(g));
    CHECK(moved.adjacency().edge_count() == 2);
    check_matches_boost(moved);
  }
}
