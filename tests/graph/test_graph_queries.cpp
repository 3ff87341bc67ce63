// Tests the graph queries on small synthetic graphs: neighbours, neighbourhoods, k shortest
// paths (both directions, budgets), the instrument-level citation network and most_cited.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph_queries.h"
#include "graph/in_force.h"
#include "graph/knowledge_graph.h"

using namespace regkg::graph;
using Vertex = KnowledgeGraph::Vertex;

namespace {

Vertex add(KnowledgeGraph& g, const std::string& id, NodeKind kind,
           std::vector<std::pair<std::string, std::string>> attrs = {}, std::string date = "") {
  NodeData n;
  n.id = id;
  n.kind = kind;
  n.label = id;
  n.date = std::move(date);
  for (auto& [k, v] : attrs) n.set_attr(k, v);
  return g.upsert_node(std::move(n));
}

void link(KnowledgeGraph& g, Vertex a, Vertex b, const std::string& type) {
  EdgeData e;
  e.type = type;
  e.provenance.file = "test.md";
  e.provenance.rule = "test";
  REQUIRE(g.add_edge(a, b, std::move(e)));
}

std::string id(const KnowledgeGraph& g, Vertex v) { return g.node(v).id; }

std::vector<std::string> ids(const KnowledgeGraph& g, const std::vector<SubgraphNode>& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) out.push_back(id(g, n.vertex));
  return out;
}

std::set<std::string> id_set(const KnowledgeGraph& g, const std::vector<SubgraphNode>& nodes) {
  auto v = ids(g, nodes);
  return {v.begin(), v.end()};
}

// The node ids a path visits, start included.
std::vector<std::string> walk(const KnowledgeGraph& g, const Path& p) {
  std::vector<std::string> out;
  if (p.empty()) return out;
  out.push_back(id(g, p.front().from));
  for (const auto& h : p) out.push_back(id(g, h.to));
  return out;
}

// Every hop joins its nodes by its edge, in the stated direction, and hops chain.
void check_path(const KnowledgeGraph& g, const Path& p, Vertex from, Vertex to) {
  const auto& bg = g.boost_graph();
  REQUIRE_FALSE(p.empty());
  CHECK(p.front().from == from);
  CHECK(p.back().to == to);
  std::set<Vertex> seen{from};
  for (size_t i = 0; i < p.size(); ++i) {
    const auto& h = p[i];
    if (i > 0) CHECK(h.from == p[i - 1].to);
    CHECK(seen.insert(h.to).second);  // simple
    if (h.direction == Traversal::forward) {
      CHECK(boost::source(h.edge, bg) == h.from);
      CHECK(boost::target(h.edge, bg) == h.to);
    } else {
      CHECK(boost::source(h.edge, bg) == h.to);
      CHECK(boost::target(h.edge, bg) == h.from);
    }
  }
}

// jd <-mentions- n2 -mentions-> cac                    (2 hops)
// jd <-mentions- n1 -about-> m -issued_by-> cac        (3 hops)
// jd <-mentions- n1 -cites-> m -issued_by-> cac        (3 hops, a parallel edge)
// jd -x-> a1 -x-> a2 -x-> a3 -x-> cac                  (4 hops)
// lonely: no edges
struct PathGraph {
  KnowledgeGraph g;
  Vertex jd, cac, n1, n2, m, a1, a2, a3, lonely;
  PathGraph() {
    jd = add(g, "actor/jd", NodeKind::actor);
    cac = add(g, "actor/cac", NodeKind::actor);
    n1 = add(g, "news/1", NodeKind::news);
    n2 = add(g, "news/2", NodeKind::news);
    m = add(g, "cn/measures", NodeKind::instrument);
    a1 = add(g, "actor/a1", NodeKind::actor);
    a2 = add(g, "actor/a2", NodeKind::actor);
    a3 = add(g, "actor/a3", NodeKind::actor);
    lonely = add(g, "actor/lonely", NodeKind::actor);
    link(g, n1, jd, "mentions");
    link(g, n1, m, "about");
    link(g, n1, m, "cites");
    link(g, m, cac, "issued_by");
    link(g, n2, jd, "mentions");
    link(g, n2, cac, "mentions");
    link(g, jd, a1, "x");
    link(g, a1, a2, "x");
    link(g, a2, a3, "x");
    link(g, a3, cac, "x");
  }
};

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("neighbors: stable order / direction / filters / paging / errors") {
    KnowledgeGraph g;
    Vertex x = add(g, "x", NodeKind::instrument);
    Vertex a = add(g, "a", NodeKind::version);
    Vertex b = add(g, "b", NodeKind::actor);
    Vertex c = add(g, "c", NodeKind::version);
    Vertex d = add(g, "d", NodeKind::news);
    Vertex e = add(g, "e", NodeKind::news);
    link(g, x, a, "t1");
    link(g, x, b, "t2");
    link(g, x, c, "t1");
    link(g, d, x, "about");
    link(g, e, x, "t1");

    auto names = [&](const NeighborPage& p) {
      std::vector<std::string> out;
      for (const auto& n : p.items) out.push_back(id(g, n.neighbor));
      return out;
    };
    auto all = neighbors(g, x);
    CHECK(all.total == 5);
    CHECK(names(all) == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(all.items[0].direction == Traversal::forward);
    CHECK(all.items[3].direction == Traversal::backward);
    CHECK(g.edge(all.items[3].edge).type == "about");

    NeighborsOptions o;
    o.direction = Direction::in;
    CHECK(names(neighbors(g, x, o)) == std::vector<std::string>{"d", "e"});
    o.direction = Direction::out;
    CHECK(names(neighbors(g, x, o)) == std::vector<std::string>{"a", "b", "c"});

    o = {};
    o.filter.edge_types = {"t1"};
    auto t1 = neighbors(g, x, o);
    CHECK(names(t1) == std::vector<std::string>{"a", "c", "e"});
    CHECK(t1.total == 3);
    o.filter.node_kinds = {NodeKind::version};
    CHECK(names(neighbors(g, x, o)) == std::vector<std::string>{"a", "c"});

    o = {};
    o.offset = 1;
    o.limit = 2;
    auto page = neighbors(g, x, o);
    CHECK(names(page) == std::vector<std::string>{"b", "c"});
    CHECK(page.total == 5);
    o.offset = 10;
    page = neighbors(g, x, o);
    CHECK(page.items.empty());
    CHECK(page.total == 5);

    o = {};
    o.limit = 0;
    CHECK_THROWS_WITH_AS(neighbors(g, x, o), doctest::Contains("limit"), std::invalid_argument);
    o.limit = kMaxNeighborLimit + 1;
    CHECK_THROWS_WITH_AS(neighbors(g, x, o), doctest::Contains("limit"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(neighbors(g, 99), doctest::Contains("v"), std::invalid_argument);
    CHECK(neighbors(g, add(g, "alone", NodeKind::actor)).total == 0);
  }

  TEST_CASE("neighborhood: depth / induced edges / cycles / caps / filters") {
    KnowledgeGraph g;
    std::vector<Vertex> chain;
    for (int i = 0; i < 5; ++i) chain.push_back(add(g, "c" + std::to_string(i), NodeKind::actor));
    for (int i = 0; i + 1 < 5; ++i) link(g, chain[i], chain[i + 1], "next");

    SUBCASE("depth 1 and 2 along a chain, both directions") {
      NeighborhoodOptions o;
      auto n1 = neighborhood(g, chain[2], o);
      CHECK(ids(g, n1.nodes) == std::vector<std::string>{"c2", "c3", "c1"});
      CHECK(n1.edges.size() == 2);
      CHECK_FALSE(n1.truncated);
      o.depth = 2;
      auto n2 = neighborhood(g, chain[0], o);
      CHECK(ids(g, n2.nodes) == std::vector<std::string>{"c0", "c1", "c2"});
      CHECK(n2.nodes[2].depth == 2);
      CHECK(n2.edges.size() == 2);
    }
    SUBCASE("a cycle: every node once, the closing edge included") {
      link(g, chain[4], chain[0], "next");  // c0..c4 is now a 5-cycle
      NeighborhoodOptions o;
      o.depth = 3;
      auto n = neighborhood(g, chain[0], o);
      CHECK(n.nodes.size() == 5);
      CHECK(id_set(g, n.nodes).size() == 5);
      CHECK(n.edges.size() == 5);  // induced: c2-c3 is among the returned nodes
      o.depth = 1;
      auto n1 = neighborhood(g, chain[0], o);
      CHECK(id_set(g, n1.nodes) == std::set<std::string>{"c0", "c1", "c4"});
    }
    SUBCASE("caps: truncated rather than exceeded") {
      KnowledgeGraph star;
      Vertex hub = add(star, "hub", NodeKind::instrument);
      for (int i = 0; i < 50; ++i)
        link(star, add(star, "leaf" + std::to_string(i), NodeKind::article), hub, "part_of");
      NeighborhoodOptions o;
      o.max_nodes = 10;
      auto n = neighborhood(star, hub, o);
      CHECK(n.truncated);
      CHECK(n.nodes.size() == 10);
      CHECK(n.edges.size() == 9);
      o.max_nodes = 100;
      o.max_edges = 5;
      n = neighborhood(star, hub, o);
      CHECK(n.truncated);
      CHECK(n.edges.size() == 5);
      CHECK(n.nodes.size() == 51);
      o.max_edges = 100;
      CHECK_FALSE(neighborhood(star, hub, o).truncated);
    }
    SUBCASE("kind and edge-type filters; a refused node is not walked through") {
      Vertex news = add(g, "news", NodeKind::news);
      Vertex far = add(g, "far", NodeKind::actor);
      link(g, news, chain[0], "mentions");
      link(g, news, far, "mentions");
      NeighborhoodOptions o;
      o.depth = 2;
      o.filter.node_kinds = {NodeKind::actor};
      auto n = neighborhood(g, chain[0], o);
      CHECK(id_set(g, n.nodes) == std::set<std::string>{"c0", "c1", "c2"});
      o.filter.node_kinds = {};
      o.filter.edge_types = {"mentions"};
      n = neighborhood(g, chain[0], o);
      CHECK(id_set(g, n.nodes) == std::set<std::string>{"c0", "news", "far"});
      CHECK(n.edges.size() == 2);
    }
    SUBCASE("bad arguments name the parameter") {
      NeighborhoodOptions o;
      o.depth = 4;
      CHECK_THROWS_WITH_AS(neighborhood(g, chain[0], o), doctest::Contains("depth"),
                           std::invalid_argument);
      o.depth = 0;
      CHECK_THROWS_AS(neighborhood(g, chain[0], o), std::invalid_argument);
      o = {};
      o.max_nodes = 0;
      CHECK_THROWS_WITH_AS(neighborhood(g, chain[0], o), doctest::Contains("max_nodes"),
                           std::invalid_argument);
      o = {};
      o.max_edges = kMaxNeighborhoodEdges + 1;
      CHECK_THROWS_WITH_AS(neighborhood(g, chain[0], o), doctest::Contains("max_edges"),
                           std::invalid_argument);
      CHECK_THROWS_AS(neighborhood(g, 1000, {}), std::invalid_argument);
    }
  }

  TEST_CASE("in-force filter on neighbors / neighborhood and paths") {
    KnowledgeGraph g;
    Vertex law = add(g, "cn/law", NodeKind::instrument);
    Vertex v1 = add(g, "cn/law@2010-01-01", NodeKind::version, {}, "2010-01-01");
    Vertex v2 = add(g, "cn/law@2020-01-01", NodeKind::version, {}, "2020-01-01");
    Vertex art1 =
        add(g, "cn/law@2010-01-01/art-1", NodeKind::article, {{"version", "cn/law@2010-01-01"}});
    Vertex art2 =
        add(g, "cn/law@2020-01-01/art-1", NodeKind::article, {{"version", "cn/law@2020-01-01"}});
    Vertex actor = add(g, "actor/x", NodeKind::actor);
    link(g, v1, law, "version_of");
    link(g, v2, law, "version_of");
    link(g, art1, v1, "part_of");
    link(g, art2, v2, "part_of");
    link(g, art1, actor, "binds");

    auto neighbor_ids = [&](InForceFilter* f) {
      NeighborsOptions o;
      o.in_force = f;
      std::vector<std::string> out;
      for (const auto& n : neighbors(g, law, o).items) out.push_back(id(g, n.neighbor));
      return out;
    };
    InForceFilter in2015(g, "2015-06-01");
    InForceFilter in2021(g, "2021-06-01");
    InForceFilter in2000(g, "2000-01-01");
    CHECK(neighbor_ids(nullptr).size() == 2);
    CHECK(neighbor_ids(&in2015) == std::vector<std::string>{"cn/law@2010-01-01"});
    CHECK(neighbor_ids(&in2021) == std::vector<std::string>{"cn/law@2020-01-01"});
    CHECK(neighbor_ids(&in2000).empty());

    NeighborhoodOptions no;
    no.depth = 2;
    no.in_force = &in2015;
    CHECK(id_set(g, neighborhood(g, law, no).nodes) ==
          std::set<std::string>{"cn/law", "cn/law@2010-01-01", "cn/law@2010-01-01/art-1"});

    PathOptions po;
    po.in_force = &in2021;
    CHECK(shortest_paths(g, law, actor, po).paths.empty());  // through the 2010 text only
    po.in_force = &in2015;
    auto r = shortest_paths(g, law, actor, po);
    REQUIRE(r.paths.size() == 1);
    CHECK(r.paths[0].size() == 3);
  }

  TEST_CASE("shortest_paths: both directions / k distinct paths sorted by length") {
    PathGraph pg;
    const auto& g = pg.g;

    SUBCASE("k = 1 finds the shortest, walking edges backwards") {
      auto r = shortest_paths(g, pg.jd, pg.cac);
      REQUIRE(r.paths.size() == 1);
      check_path(g, r.paths[0], pg.jd, pg.cac);
      CHECK(walk(g, r.paths[0]) == std::vector<std::string>{"actor/jd", "news/2", "actor/cac"});
      CHECK(r.paths[0][0].direction == Traversal::backward);
      CHECK(r.paths[0][1].direction == Traversal::forward);
      CHECK_FALSE(r.truncated);
    }
    SUBCASE("an edge-type filter forces the 3-hop route through the measures") {
      PathOptions o;
      o.edge_types = {"mentions", "about", "issued_by"};
      o.k = 5;
      auto r = shortest_paths(g, pg.jd, pg.n1, o);
      REQUIRE(!r.paths.empty());
      o.edge_types = {"about", "issued_by", "mentions"};
      r = shortest_paths(g, pg.jd, pg.m, o);
      REQUIRE(r.paths.size() >= 1);
      CHECK(walk(g, r.paths[0]) == std::vector<std::string>{"actor/jd", "news/1", "cn/measures"});
      // Without mentions (and x) JD.com is cut off from everything.
      o.edge_types = {"about", "issued_by"};
      CHECK(shortest_paths(g, pg.jd, pg.cac, o).paths.empty());
    }
    SUBCASE("k = 5 returns all four simple paths, distinct, sorted by length") {
      PathOptions o;
      o.k = 5;
      auto r = shortest_paths(g, pg.jd, pg.cac, o);
      REQUIRE(r.paths.size() == 4);
      std::vector<size_t> lengths;
      std::set<std::vector<const EdgeData*>> distinct;
      for (const auto& p : r.paths) {
        check_path(g, p, pg.jd, pg.cac);
        lengths.push_back(p.size());
        std::vector<const EdgeData*> edges;
        for (const auto& h : p) edges.push_back(&g.edge(h.edge));
        distinct.insert(edges);
      }
      CHECK(lengths == std::vector<size_t>{2, 3, 3, 4});
      CHECK(distinct.size() == 4);
      // The two 3-hop paths differ in the parallel news/1 -> measures edge.
      std::set<std::string> middle{g.edge(r.paths[1][1].edge).type,
                                   g.edge(r.paths[2][1].edge).type};
      CHECK(middle == std::set<std::string>{"about", "cites"});
      CHECK(walk(g, r.paths[3]) ==
            std::vector<std::string>{"actor/jd", "actor/a1", "actor/a2", "actor/a3", "actor/cac"});
    }
    SUBCASE("max_length bounds the paths") {
      PathOptions o;
      o.k = 5;
      o.max_length = 3;
      auto r = shortest_paths(g, pg.jd, pg.cac, o);
      CHECK(r.paths.size() == 3);
      o.max_length = 1;
      CHECK(shortest_paths(g, pg.jd, pg.cac, o).paths.empty());
    }
    SUBCASE("from == to gives one empty path; no path gives none") {
      auto same = shortest_paths(g, pg.m, pg.m);
      REQUIRE(same.paths.size() == 1);
      CHECK(same.paths[0].empty());
      auto none = shortest_paths(g, pg.jd, pg.lonely);
      CHECK(none.paths.empty());
      CHECK_FALSE(none.truncated);
      PathOptions o;
      o.k = 3;
      CHECK(shortest_paths(g, pg.lonely, pg.jd, o).paths.empty());
    }
    SUBCASE("bad arguments name the parameter") {
      PathOptions o;
      o.max_length = 9;
      CHECK_THROWS_WITH_AS(shortest_paths(g, pg.jd, pg.cac, o), doctest::Contains("max_length"),
                           std::invalid_argument);
      o = {};
      o.k = 6;
      CHECK_THROWS_WITH_AS(shortest_paths(g, pg.jd, pg.cac, o), doctest::Contains("k "),
                           std::invalid_argument);
      o = {};
      o.expansion_budget = 0;
      CHECK_THROWS_WITH_AS(shortest_paths(g, pg.jd, pg.cac, o),
                           doctest::Contains("expansion_budget"), std::invalid_argument);
      CHECK_THROWS_WITH_AS(shortest_paths(g, 500, pg.cac), doctest::Contains("from"),
                           std::invalid_argument);
      CHECK_THROWS_WITH_AS(shortest_paths(g, pg.jd, 500), doctest::Contains("to"),
                           std::invalid_argument);
    }
  }

  TEST_CASE("shortest_paths: cycles and the expansion budget") {
    SUBCASE("a directed cycle is walked both ways") {
      KnowledgeGraph g;
      Vertex a = add(g, "a", NodeKind::actor), b = add(g, "b", NodeKind::actor),
             c = add(g, "c", NodeKind::actor);
      link(g, a, b, "r");
      link(g, b, c, "r");
      link(g, c, a, "r");
      PathOptions o;
      o.k = 5;
      auto r = shortest_paths(g, a, c, o);
      REQUIRE(r.paths.size() == 2);
      CHECK(r.paths[0].size() == 1);
      CHECK(r.paths[0][0].direction == Traversal::backward);
      CHECK(r.paths[1].size() == 2);
      check_path(g, r.paths[1], a, c);
    }
    SUBCASE("a grid: the budget stops the work and reports truncated") {
      KnowledgeGraph g;
      const int n = 60;
      std::vector<Vertex> v;
      for (int i = 0; i < n * n; ++i) v.push_back(add(g, "g" + std::to_string(i), NodeKind::actor));
      for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
          if (c + 1 < n) link(g, v[r * n + c], v[r * n + c + 1], "e");
          if (r + 1 < n) link(g, v[r * n + c], v[(r + 1) * n + c], "e");
        }
      Vertex far = add(g, "unreachable", NodeKind::actor);
      PathOptions o;
      o.max_length = 8;
      o.k = 5;
      // The search is bidirectional: an isolated target ends it after one expansion per side.
      auto r = shortest_paths(g, v[0], far, o);
      CHECK(r.paths.empty());
      CHECK_FALSE(r.truncated);
      CHECK(r.expansions == 2);
      // Opposite corners, 118 hops apart: each side expands 4 levels (1 + 2 + 3 + 4 nodes) before
      // the 8-hop limit is reached.
      const Vertex corner = v[n * n - 1];
      o.expansion_budget = 20;
      r = shortest_paths(g, v[0], corner, o);
      CHECK(r.paths.empty());
      CHECK_FALSE(r.truncated);
      CHECK(r.expansions == 20);
      o.expansion_budget = 10;
      r = shortest_paths(g, v[0], corner, o);
      CHECK(r.paths.empty());
      CHECK(r.truncated);  // "no path" would be a guess: say the search was cut short
      CHECK(r.expansions == 10);
      // Within the budget: 5 paths of 8 hops to the node 4 right and 4 down.
      o.expansion_budget = kDefaultExpansionBudget;
      r = shortest_paths(g, v[0], v[4 * n + 4], o);
      CHECK_FALSE(r.truncated);
      const size_t full_work = r.expansions;
      REQUIRE(r.paths.size() == 5);
      for (const auto& p : r.paths) {
        CHECK(p.size() == 8);
        check_path(g, p, v[0], v[4 * n + 4]);
      }
      // With a small budget Yen's spur searches run out: the paths found so far are returned.
      o.expansion_budget = full_work / 2;
      r = shortest_paths(g, v[0], v[4 * n + 4], o);
      CHECK(r.truncated);
      CHECK(r.paths.size() < 5);
      CHECK(r.expansions <= full_work / 2);
      MESSAGE("5 grid paths took " << full_work << " expansions");
    }
  }

  TEST_CASE("citation network and most_cited at instrument level") {
    KnowledgeGraph g;
    // Instruments A..F with one version and one article each (articles name their version).
    std::vector<std::string> names{"A", "B", "C", "D", "E", "F"};
    std::vector<Vertex> inst, ver, art;
    for (const auto& n : names) {
      inst.push_back(add(g, "cn/" + n, NodeKind::instrument));
      ver.push_back(add(g, "cn/" + n + "@2020", NodeKind::version, {{"instrument", "cn/" + n}}));
      art.push_back(
          add(g, "cn/" + n + "@2020/art-1", NodeKind::article, {{"version", "cn/" + n + "@2020"}}));
      link(g, ver.back(), inst.back(), "version_of");
      link(g, art.back(), ver.back(), "part_of");
    }
    enum { A, B, C, D, E, F };
    link(g, art[A], ver[B], "cites");
    link(g, inst[A], inst[C], "legal_basis");
    link(g, art[A], ver[C], "cites");  // a second edge for the same link A -> C
    link(g, art[B], art[A], "cites");  // B -> A: a cycle A <-> B
    link(g, art[C], ver[D], "cites");
    link(g, inst[F], inst[C], "legal_basis");
    link(g, art[A], ver[A], "cites");  // self-citation: dropped
    Vertex unresolved = add(g, "citation/x", NodeKind::citation);
    link(g, art[D], unresolved, "cites");
    // E is cited by nobody and cites nobody.

    auto net_ids = [&](Vertex v, int depth, Direction d) {
      return id_set(g, citation_network(g, v, depth, d).nodes);
    };
    CHECK(net_ids(inst[A], 1, Direction::out) == std::set<std::string>{"cn/A", "cn/B", "cn/C"});
    CHECK(net_ids(inst[A], 2, Direction::out) ==
          std::set<std::string>{"cn/A", "cn/B", "cn/C", "cn/D"});
    CHECK(net_ids(inst[A], 5, Direction::out) ==
          std::set<std::string>{"cn/A", "cn/B", "cn/C", "cn/D", "citation/x"});
    // From an article or a version: the same network as from the instrument.
    CHECK(net_ids(art[A], 1, Direction::out) == net_ids(inst[A], 1, Direction::out));
    CHECK(net_ids(ver[A], 1, Direction::out) == net_ids(inst[A], 1, Direction::out));
    CHECK(net_ids(inst[C], 1, Direction::in) == std::set<std::string>{"cn/C", "cn/A", "cn/F"});
    CHECK(net_ids(inst[C], 5, Direction::in) ==
          std::set<std::string>{"cn/C", "cn/A", "cn/F", "cn/B"});  // B -> A -> C, cycle-safe
    CHECK(net_ids(inst[E], 3, Direction::out) == std::set<std::string>{"cn/E"});

    auto net = citation_network(g, inst[A], 1, Direction::out);
    CHECK(net.nodes.size() == 3);
    CHECK(net.nodes[0].vertex == inst[A]);
    CHECK(net.nodes[0].depth == 0);
    REQUIRE(net.links.size() == 2);
    for (const auto& l : net.links) {
      CHECK(l.from == inst[A]);
      if (l.to == inst[C]) CHECK(l.evidence.size() == 2);
      if (l.to == inst[B]) CHECK(l.evidence.size() == 1);
    }

    CHECK_THROWS_WITH_AS(citation_network(g, inst[A], 6, Direction::out),
                         doctest::Contains("depth"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(citation_network(g, inst[A], 0, Direction::out),
                         doctest::Contains("depth"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(citation_network(g, inst[A], 1, Direction::both),
                         doctest::Contains("direction"), std::invalid_argument);
    Vertex actor = add(g, "actor/x", NodeKind::actor);
    CHECK_THROWS_WITH_AS(citation_network(g, actor, 1, Direction::out), doctest::Contains("v:"),
                         std::invalid_argument);

    auto ranked = most_cited(g, 10);
    REQUIRE(ranked.size() == 6);  // instruments only: the unresolved citation is not ranked
    CHECK(id(g, ranked[0].instrument) == "cn/C");
    CHECK(ranked[0].citing_instruments == 2);
    double total = 0;
    for (const auto& r : ranked) total += r.pagerank;
    CHECK(total == doctest::Approx(1.0).epsilon(1e-6));
    auto pos = [&](const std::string& name) {
      for (size_t i = 0; i < ranked.size(); ++i)
        if (id(g, ranked[i].instrument) == name) return i;
      return ranked.size();
    };
    CHECK(pos("cn/D") < pos("cn/E"));
    CHECK(pos("cn/A") < pos("cn/E"));
    CHECK(ranked[pos("cn/E")].citing_instruments == 0);
    // Equal counts of citing instruments are ordered by PageRank.
    for (size_t i = 1; i < ranked.size(); ++i)
      if (ranked[i].citing_instruments == ranked[i - 1].citing_instruments)
        CHECK(ranked[i].pagerank <= ranked[i - 1].pagerank);
    CHECK(most_cited(g, 2).size() == 2);
    CHECK_THROWS_WITH_AS(most_cited(g, 0), doctest::Contains("limit"), std::invalid_argument);
    CHECK(most_cited(KnowledgeGraph{}, 5).empty());
  }

  TEST_CASE("PageRank matches a hand computation") {
    // P -> Q, Q -> P, R dangling: by symmetry P == Q, and R gets (1-d)/3 + d * (R / 3).
    KnowledgeGraph g;
    Vertex p = add(g, "p", NodeKind::instrument), q = add(g, "q", NodeKind::instrument);
    add(g, "r", NodeKind::instrument);
    link(g, p, q, "legal_basis");
    link(g, q, p, "legal_basis");
    auto ranked = most_cited(g, 3);
    REQUIRE(ranked.size() == 3);
    CHECK(ranked[0].pagerank == doctest::Approx(ranked[1].pagerank));
    const double d = 0.85;
    const double r = (1 - d) / 3 / (1 - d / 3);
    CHECK(ranked[2].pagerank == doctest::Approx(r).epsilon(1e-6));
    CHECK(id(g, ranked[2].instrument) == "r");
  }
}
