// Tests the graph's open-addressing tables: ids found after many inserts and growth, equal hash
// tags told apart by the id, edge keys (0 included) de-duplicated, and KnowledgeGraph lookups over
// a graph far larger than its reserve hint.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "graph/flat_hash_index.h"
#include "graph/knowledge_graph.h"

using namespace regkg::graph;

TEST_SUITE("graph") {
  TEST_CASE("KeyIndex finds every id after growing from empty and no absent one") {
    std::vector<std::string> ids;
    KeyIndex index;
    auto id_of = [&](std::uint32_t v) -> const std::string& { return ids[v]; };
    auto hash_of = [&](std::uint32_t v) { return KeyIndex::hash(ids[v]); };
    for (std::uint32_t v = 0; v < 50000; ++v) {
      ids.push_back("cn/law-" + std::to_string(v) + "@2021-06-10/art-" + std::to_string(v % 97));
      index.insert(KeyIndex::hash(ids.back()), v, hash_of);
    }
    CHECK(index.size() == 50000);
    size_t found_right = 0;
    for (std::uint32_t v = 0; v < 50000; ++v) {
      std::uint32_t out = 999999;
      if (index.find(ids[v], KeyIndex::hash(ids[v]), id_of, out) && out == v) ++found_right;
    }
    CHECK(found_right == 50000);
    std::uint32_t out = 0;
    CHECK_FALSE(index.find("cn/law-50000@2021-06-10/art-0",
                           KeyIndex::hash("cn/law-50000@2021-06-10/art-0"), id_of, out));
    CHECK_FALSE(index.find("", KeyIndex::hash(""), id_of, out));
  }

  TEST_CASE("KeyIndex tells apart ids whose hashes are equal") {
    // Every id given the same hash: the table probes past equal tags and compares the ids.
    std::vector<std::string> ids = {"actor/cac", "actor/miit", "actor/mps", "actor/samr"};
    KeyIndex index;
    auto id_of = [&](std::uint32_t v) -> const std::string& { return ids[v]; };
    auto same = [](std::uint32_t) { return std::uint64_t{0xabcdef0012345678ULL}; };
    for (std::uint32_t v = 0; v < ids.size(); ++v) index.insert(same(v), v, same);
    for (std::uint32_t v = 0; v < ids.size(); ++v) {
      std::uint32_t out = 99;
      REQUIRE(index.find(ids[v], same(v), id_of, out));
      CHECK(out == v);
    }
    std::uint32_t out = 99;
    CHECK_FALSE(index.find("actor/ndrc", same(0), id_of, out));
  }

  TEST_CASE("EdgeKeySet de-duplicates keys (0 and 1 included) across growth") {
    EdgeKeySet keys;
    CHECK(keys.insert(0));
    CHECK_FALSE(keys.insert(0));
    CHECK(keys.contains(0));
    // 0 is stored as 1: a later 1 is reported present, which only costs add_edge a real check.
    CHECK(keys.contains(1));
    size_t fresh = 0;
    for (std::uint64_t k = 2; k < 100000; ++k) fresh += keys.insert(k * 0x9e3779b97f4a7c15ULL);
    CHECK(fresh == 99998);
    for (std::uint64_t k = 2; k < 100000; k += 997) CHECK(keys.contains(k * 0x9e3779b97f4a7c15ULL));
    CHECK_FALSE(keys.contains(0x1234567ULL));
    CHECK(keys.size() == 99999);
  }

  TEST_CASE("KnowledgeGraph past its reserve hint: every id found and duplicate edges refused") {
    KnowledgeGraph g;
    g.reserve(10);
    std::vector<KnowledgeGraph::Vertex> vs;
    for (int i = 0; i < 20000; ++i) {
      NodeData n;
      n.id = "cn/pipl@2021-08-20/art-" + std::to_string(i);
      vs.push_back(g.upsert_node(std::move(n)));
    }
    CHECK(g.node_count() == 20000);
    CHECK(g.find("cn/pipl@2021-08-20/art-19999") == vs[19999]);
    CHECK(g.find("cn/pipl@2021-08-20/art-0") == vs[0]);
    CHECK_FALSE(g.find("cn/pipl@2021-08-20/art-20000"));
    EdgeData e;
    e.type = "cites";
    size_t added = 0;
    for (int i = 1; i < 20000; ++i) added += g.add_edge(vs[i], vs[i - 1], e);
    for (int i = 1; i < 20000; i += 7) added += g.add_edge(vs[i], vs[i - 1], e);
    CHECK(added == 19999);
    CHECK(g.edge_count() == 19999);
    // Merging into an existing id keeps one node.
    NodeData again;
    again.id = "cn/pipl@2021-08-20/art-7";
    again.label = "第七条";
    CHECK(g.upsert_node(again) == vs[7]);
    CHECK(g.node(vs[7]).label == "第七条");
    CHECK(g.node_count() == 20000);
  }

  TEST_CASE("duplicate edges are refused from sources with few and with many out-edges") {
    // Sources below the scan limit are checked by scanning their out-edges; larger ones through
    // the key set, which a source joins when it reaches the limit and which a bulk load rebuilds.
    KnowledgeGraph g;
    std::vector<KnowledgeGraph::Vertex> vs;
    for (int i = 0; i < 200; ++i) {
      NodeData n;
      n.id = "actor/a" + std::to_string(i);
      vs.push_back(g.upsert_node(std::move(n)));
    }
    EdgeData mentions, cites;
    mentions.type = "mentions";
    cites.type = "cites";
    size_t added = 0;
    for (int round = 0; round < 3; ++round)
      for (int i = 1; i < 200; ++i) {
        added += g.add_edge(vs[0], vs[i], mentions);  // vs[0] becomes a hub
        added += g.add_edge(vs[0], vs[i], cites);     // same ends, another type: kept
        added += g.add_edge(vs[i], vs[0], mentions);  // small sources
      }
    CHECK(added == 3 * 199);
    CHECK(g.edge_count() == 3 * 199);
    CHECK(boost::out_degree(vs[0], g.boost_graph()) == 2 * 199);
    CHECK_FALSE(g.add_edge(vs[5], vs[5], cites));  // self-loop

    // After a bulk load (no keys yet), the same checks hold.
    KnowledgeGraph bulk;
    for (int i = 0; i < 100; ++i) {
      NodeData n;
      n.id = "cn/x/art-" + std::to_string(i);
      CHECK(bulk.append_node_unchecked(std::move(n)));
    }
    for (KnowledgeGraph::Vertex t = 1; t < 100; ++t) bulk.append_edge_unchecked(0, t, cites);
    bulk.append_edge_unchecked(1, 2, cites);
    CHECK_FALSE(bulk.add_edge(0, 50, cites));
    CHECK_FALSE(bulk.add_edge(1, 2, cites));
    CHECK(bulk.add_edge(0, 50, mentions));
    CHECK_FALSE(bulk.add_edge(0, 50, mentions));
    CHECK(bulk.add_edge(2, 1, cites));
    CHECK(bulk.edge_count() == 102);
  }
}
