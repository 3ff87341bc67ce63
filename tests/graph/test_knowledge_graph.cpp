// Tests KnowledgeGraph: node upsert/merge, lookup, edge de-duplication, sorted attrs, edge order.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "graph/knowledge_graph.h"

using namespace regkg::graph;

namespace {

NodeData make_node(const std::string& id, NodeKind kind = NodeKind::article) {
  NodeData n;
  n.id = id;
  n.kind = kind;
  return n;
}

EdgeData make_edge(const std::string& type, const std::string& file = "f.md", int line = 1) {
  EdgeData e;
  e.type = type;
  e.provenance.file = file;
  e.provenance.line = line;
  e.provenance.rule = "test.rule";
  return e;
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("upsert_node adds a new node and find returns it") {
    KnowledgeGraph g;
    NodeData n = make_node("cn/pipl@2021-08-20/art-1");
    n.label = "第一条";
    n.text_zh = "为了保护个人信息权益";
    auto v = g.upsert_node(n);
    CHECK(g.node_count() == 1);
    auto found = g.find("cn/pipl@2021-08-20/art-1");
    REQUIRE(found.has_value());
    CHECK(*found == v);
    CHECK(g.node(v).label == "第一条");
    CHECK(g.node(v).text_zh == "为了保护个人信息权益");
    CHECK_FALSE(g.find("cn/pipl@2021-08-20/art-2").has_value());
    CHECK_FALSE(g.find("").has_value());
    // Lookup is exact, not by prefix.
    CHECK_FALSE(g.find("cn/pipl@2021-08-20/art-").has_value());
  }

  TEST_CASE("upsert_node merges: fills empty fields / keeps existing values and attrs") {
    KnowledgeGraph g;
    NodeData first = make_node("x/1");
    first.label = "original label";
    first.text_zh = "中文";
    first.source.file = "a.md";
    first.source.line = 3;
    first.set_attr("number", "1");
    first.set_attr("lang", "zh");
    auto v1 = g.upsert_node(first);

    NodeData second = make_node("x/1", NodeKind::version);
    second.label = "other label";   // existing wins
    second.text_zh = "另一个";      // existing wins
    second.text_en = "English";     // empty before: filled
    second.date = "2023-07-10";     // empty before: filled
    second.source.file = "b.json";  // existing provenance wins
    second.source.line = 9;
    second.set_attr("number", "99");        // existing attr wins
    second.set_attr("compass_id", "cn-x");  // new attr added
    auto v2 = g.upsert_node(second);

    CHECK(v1 == v2);
    CHECK(g.node_count() == 1);
    const NodeData& n = g.node(v1);
    CHECK(n.kind == NodeKind::article);
    CHECK(n.label == "original label");
    CHECK(n.text_zh == "中文");
    CHECK(n.text_en == "English");
    CHECK(n.date == "2023-07-10");
    CHECK(n.source.file == "a.md");
    CHECK(n.source.line == 3);
    REQUIRE(n.attr("number") != nullptr);
    CHECK(*n.attr("number") == "1");
    REQUIRE(n.attr("compass_id") != nullptr);
    CHECK(*n.attr("compass_id") == "cn-x");
    CHECK(*n.attr("lang") == "zh");
    CHECK(n.attrs.size() == 3);
  }

  TEST_CASE("upsert_node takes the provenance of the second source when the first had none") {
    KnowledgeGraph g;
    g.upsert_node(make_node("j/cn", NodeKind::jurisdiction));
    NodeData later = make_node("j/cn", NodeKind::jurisdiction);
    later.source.file = "compass/jurisdictions.json";
    later.source.json_path = "$[0]";
    auto v = g.upsert_node(later);
    CHECK(g.node(v).source.file == "compass/jurisdictions.json");
    CHECK(g.node(v).source.json_path == "$[0]");
  }

  TEST_CASE("attrs stay sorted and attr() finds every key") {
    NodeData n = make_node("a");
    const std::vector<std::string> keys = {"zeta", "alpha", "mid", "beta", "omega", "a", "zz"};
    for (const auto& k : keys) n.set_attr(k, "v-" + k);
    REQUIRE(n.attrs.size() == keys.size());
    for (size_t i = 1; i < n.attrs.size(); ++i) CHECK(n.attrs[i - 1].first < n.attrs[i].first);
    for (const auto& k : keys) {
      REQUIRE(n.attr(k) != nullptr);
      CHECK(*n.attr(k) == "v-" + k);
    }
    CHECK(n.attr("missing") == nullptr);
    CHECK(n.attr("alph") == nullptr);
    CHECK(n.attr("") == nullptr);
    // set_attr on an existing key replaces, not duplicates.
    n.set_attr("mid", "changed");
    CHECK(n.attrs.size() == keys.size());
    CHECK(*n.attr("mid") == "changed");
  }

  TEST_CASE("add_edge de-duplicates (from / to / type) and refuses self loops") {
    KnowledgeGraph g;
    auto a = g.upsert_node(make_node("a"));
    auto b = g.upsert_node(make_node("b"));
    CHECK(g.add_edge(a, b, make_edge("part_of")));
    CHECK_FALSE(g.add_edge(a, b, make_edge("part_of", "other.md", 7)));
    CHECK(g.edge_count() == 1);
    // Different type, or reverse direction, is a different edge.
    CHECK(g.add_edge(a, b, make_edge("mentions")));
    CHECK(g.add_edge(b, a, make_edge("part_of")));
    CHECK(g.edge_count() == 3);
    // Self loop refused.
    CHECK_FALSE(g.add_edge(a, a, make_edge("part_of")));
    CHECK(g.edge_count() == 3);
    // The first edge kept its own provenance.
    std::vector<std::string> files;
    g.for_each_out_edge(a, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex) {
      if (g.edge(e).type == "part_of") files.push_back(g.edge(e).provenance.file);
    });
    REQUIRE(files.size() == 1);
    CHECK(files[0] == "f.md");
  }

  TEST_CASE("add_edge de-duplication holds over many nodes") {
    KnowledgeGraph g;
    std::vector<KnowledgeGraph::Vertex> vs;
    for (int i = 0; i < 50; ++i) vs.push_back(g.upsert_node(make_node("n" + std::to_string(i))));
    size_t added = 0;
    for (int round = 0; round < 2; ++round)
      for (size_t i = 0; i < vs.size(); ++i)
        for (size_t j = 0; j < vs.size(); ++j)
          if (g.add_edge(vs[i], vs[j], make_edge(j % 2 ? "t1" : "t2"))) ++added;
    CHECK(added == 50 * 49);
    CHECK(g.edge_count() == 50 * 49);
  }

  TEST_CASE("for_each_in_edge and for_each_out_edge visit edges in insertion order") {
    KnowledgeGraph g;
    auto parent = g.upsert_node(make_node("parent", NodeKind::version));
    std::vector<KnowledgeGraph::Vertex> kids;
    for (const char* id : {"k3", "k1", "k2", "k0"}) kids.push_back(g.upsert_node(make_node(id)));
    for (auto k : kids) REQUIRE(g.add_edge(k, parent, make_edge("part_of")));
    std::vector<std::string> seen;
    g.for_each_in_edge(parent, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex other) {
      CHECK(g.edge(e).type == "part_of");
      seen.push_back(g.node(other).id);
    });
    CHECK(seen == std::vector<std::string>{"k3", "k1", "k2", "k0"});

    auto hub = g.upsert_node(make_node("hub"));
    REQUIRE(g.add_edge(hub, kids[2], make_edge("mentions")));
    REQUIRE(g.add_edge(hub, kids[0], make_edge("cites")));
    REQUIRE(g.add_edge(hub, parent, make_edge("part_of")));
    std::vector<std::pair<std::string, std::string>> out;
    g.for_each_out_edge(hub, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex other) {
      out.emplace_back(g.edge(e).type, g.node(other).id);
    });
    CHECK(out == std::vector<std::pair<std::string, std::string>>{
                     {"mentions", "k2"}, {"cites", "k3"}, {"part_of", "parent"}});

    auto up = g.out_neighbor(hub, "part_of");
    REQUIRE(up.has_value());
    CHECK(g.node(*up).id == "parent");
    CHECK_FALSE(g.out_neighbor(hub, "version_of").has_value());
  }

  TEST_CASE("count_kind and kind_counts count nodes of each kind") {
    KnowledgeGraph g;
    g.upsert_node(make_node("a1"));
    g.upsert_node(make_node("a2"));
    g.upsert_node(make_node("a2"));  // merge, not a new node
    g.upsert_node(make_node("n1", NodeKind::news));
    CHECK(g.count_kind(NodeKind::article) == 2);
    CHECK(g.count_kind(NodeKind::news) == 1);
    CHECK(g.count_kind(NodeKind::actor) == 0);
    const auto all = g.kind_counts();
    CHECK(all[static_cast<size_t>(NodeKind::article)] == 2);
    CHECK(all[static_cast<size_t>(NodeKind::news)] == 1);
    CHECK(all[static_cast<size_t>(NodeKind::actor)] == 0);
  }

  TEST_CASE("node kinds round-trip through their names") {
    for (int k = 0; k < kNodeKindCount; ++k) {
      auto kind = static_cast<NodeKind>(k);
      auto name = to_string(kind);
      CHECK_FALSE(name.empty());
      auto back = node_kind_from_string(name);
      REQUIRE(back.has_value());
      CHECK(*back == kind);
    }
    CHECK(to_string(NodeKind::article) == "article");
    CHECK_FALSE(node_kind_from_string("no-such-kind").has_value());
  }

  TEST_CASE("a destroyed graph's vertex storage goes to the next graph it can hold") {
    KnowledgeGraph::release_spare_vertices();
    CHECK(KnowledgeGraph::spare_vertex_bytes() == 0);
    const NodeData* first_slot = nullptr;
    {
      KnowledgeGraph a;
      a.reserve(5000);
      for (int i = 0; i < 3000; ++i) {
        NodeData n = make_node("a/" + std::to_string(i));
        n.label =
            "label of a/" + std::to_string(i) + " long enough not to fit in a string's buffer";
        n.set_attr("instrument", "cn/some-instrument-with-a-long-id");
        a.upsert_node(std::move(n));
      }
      for (size_t i = 1; i < 3000; ++i) CHECK(a.add_edge(i - 1, i, make_edge("part_of")));
      first_slot = &a.node(0);
    }
    // Room for the 5,000 nodes reserved, not just the 3,000 added.
    CHECK(KnowledgeGraph::spare_vertex_bytes() >= 5000 * sizeof(NodeData));

    // Too large for the spare block: a new block, and the spare one stays.
    KnowledgeGraph larger;
    larger.reserve(6000);
    larger.upsert_node(make_node("larger/0"));
    CHECK(&larger.node(0) != first_slot);
    CHECK(KnowledgeGraph::spare_vertex_bytes() >= 5000 * sizeof(NodeData));

    // Fits: the same memory, with nothing of the old nodes or edges left in it.
    KnowledgeGraph b;
    b.reserve(4000);
    CHECK(KnowledgeGraph::spare_vertex_bytes() == 0);
    b.upsert_node(make_node("b/0"));
    b.upsert_node(make_node("b/1"));
    REQUIRE(b.node_count() == 2);
    CHECK(&b.node(0) == first_slot);
    CHECK(b.node(0).id == "b/0");
    CHECK(b.node(0).label.empty());
    CHECK(b.node(0).attrs.empty());
    CHECK(b.edge_count() == 0);
    CHECK_FALSE(b.find("a/0"));
    CHECK(b.add_edge(0, 1, make_edge("cites")));
    size_t out = 0;
    b.for_each_out_edge(0, [&](KnowledgeGraph::Edge, KnowledgeGraph::Vertex to) {
      CHECK(to == 1);
      ++out;
    });
    CHECK(out == 1);
    KnowledgeGraph::release_spare_vertices();
  }

}  // TEST_SUITE
