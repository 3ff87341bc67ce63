// Tests PageRank: both solvers against values worked out by hand and against each other, with
// dangling nodes, cycles, parallel edges and an edge-type filter.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/pagerank.h"

using namespace regkg::graph;
using Vertex = KnowledgeGraph::Vertex;

namespace {

Vertex node(KnowledgeGraph& g, const std::string& id) {
  NodeData n;
  n.id = id;
  n.kind = NodeKind::actor;
  return g.upsert_node(std::move(n));
}

void edge(KnowledgeGraph& g, Vertex a, Vertex b, const std::string& type = "r") {
  EdgeData e;
  e.type = type;
  REQUIRE(g.add_edge(a, b, std::move(e)));
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("pagerank: a 3-cycle is uniform / a star's centre collects the mass") {
    for (auto method : {PageRankMethod::scc, PageRankMethod::power}) {
      CAPTURE(static_cast<int>(method));
      PageRankOptions o;
      o.method = method;
      o.tolerance = 1e-12;
      o.max_iterations = 1000;
      KnowledgeGraph cycle;
      Vertex a = node(cycle, "a"), b = node(cycle, "b"), c = node(cycle, "c");
      edge(cycle, a, b);
      edge(cycle, b, c);
      edge(cycle, c, a);
      auto r = pagerank(cycle, o);
      CHECK(r.converged);
      for (double x : r.rank) CHECK(x == doctest::Approx(1.0 / 3).epsilon(1e-9));

      // Two leaves pointing at a dangling centre (N = 3): the centre's mass x is spread
      // uniformly, so a leaf gets y = (1-d)/N + d*x/N and the centre x = y + 2*d*y; with
      // x + 2y = 1 that gives y = 1 / (3 + 2d).
      KnowledgeGraph star;
      Vertex hub = node(star, "hub"), l1 = node(star, "l1"), l2 = node(star, "l2");
      edge(star, l1, hub);
      edge(star, l2, hub);
      auto s = pagerank(star, o);
      const double d = 0.85, n = 3;
      // y = (1-d)/n + d*x/n ; x = y + d*2*y ; x + 2y = 1
      const double y = 1.0 / (2 + 1 + 2 * d);
      CHECK(s.rank[l1] == doctest::Approx(y).epsilon(1e-9));
      CHECK(s.rank[l2] == doctest::Approx(y).epsilon(1e-9));
      CHECK(s.rank[hub] == doctest::Approx(y * (1 + 2 * d)).epsilon(1e-9));
      CHECK(s.rank[l1] == doctest::Approx((1 - d) / n + d * s.rank[hub] / n).epsilon(1e-9));
      CHECK(sum(s.rank) == doctest::Approx(1.0));
    }
  }

  TEST_CASE("pagerank: the scc solver and power iteration agree on a mixed graph") {
    KnowledgeGraph g;
    std::vector<Vertex> v;
    for (int i = 0; i < 40; ++i) v.push_back(node(g, "n" + std::to_string(i)));
    // A chain (acyclic), two cycles joined by a bridge, parallel edges of two types, dangling
    // ends and isolated nodes.
    for (int i = 0; i < 10; ++i) edge(g, v[i], v[i + 1]);
    for (int i = 12; i < 17; ++i) edge(g, v[i], v[i + 1]);
    edge(g, v[17], v[12]);
    edge(g, v[14], v[20]);
    for (int i = 20; i < 25; ++i) edge(g, v[i], v[i + 1]);
    edge(g, v[25], v[20]);
    edge(g, v[25], v[20], "other");
    edge(g, v[5], v[14]);
    edge(g, v[30], v[31], "other");
    PageRankOptions scc, power;
    power.method = PageRankMethod::power;
    scc.tolerance = power.tolerance = 1e-13;
    scc.max_iterations = power.max_iterations = 5000;
    auto a = pagerank(g, scc), b = pagerank(g, power);
    REQUIRE(a.converged);
    REQUIRE(b.converged);
    CHECK(sum(a.rank) == doctest::Approx(1.0));
    for (size_t i = 0; i < v.size(); ++i) {
      CAPTURE(i);
      CHECK(a.rank[i] == doctest::Approx(b.rank[i]).epsilon(1e-8));
    }
    // Only "r" edges: 30 -> 31 is no link any more, so 31 gets only the uniform share that
    // every node without in-links gets.
    PageRankOptions only_r = scc;
    only_r.edge_types = {"r"};
    auto c = pagerank(g, only_r);
    CHECK(c.rank[v[31]] < a.rank[v[31]]);
    CHECK(c.rank[v[31]] == doctest::Approx(c.rank[v[35]]));  // 35 is isolated
    CHECK(a.rank[v[31]] > a.rank[v[35]]);
  }

  TEST_CASE("pagerank: bad options name the parameter") {
    KnowledgeGraph g;
    node(g, "a");
    PageRankOptions o;
    o.damping = 1.0;
    CHECK_THROWS_WITH_AS(pagerank(g, o), doctest::Contains("damping"), std::invalid_argument);
    o = {};
    o.max_iterations = 0;
    CHECK_THROWS_WITH_AS(pagerank(g, o), doctest::Contains("max_iterations"),
                         std::invalid_argument);
    o = {};
    o.tolerance = 0;
    CHECK_THROWS_WITH_AS(pagerank(g, o), doctest::Contains("tolerance"), std::invalid_argument);
    auto one = pagerank(g);
    REQUIRE(one.rank.size() == 1);
    CHECK(one.rank[0] == doctest::Approx(1.0));
  }
}
