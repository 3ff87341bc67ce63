// Tests graph_difference: graphs equal as sets whatever their vertex order, and every kind of
// difference (a node or edge in one only, a field, an attribute, provenance, a note) found.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "graph/graph_diff.h"
#include "graph/knowledge_graph.h"

using namespace regkg::graph;

namespace {

NodeData make_node(const std::string& id, const std::string& text = "") {
  NodeData n;
  n.id = id;
  n.kind = NodeKind::article;
  n.text_zh = text;
  n.source.file = "statutes-zh/a.md";
  n.source.line = 3;
  n.source.rule = "statute.article";
  n.set_attr("number", id);
  return n;
}

EdgeData make_edge(const std::string& type, int line = 1, const std::string& note = "") {
  EdgeData e;
  e.type = type;
  e.provenance.file = "statutes-zh/a.md";
  e.provenance.line = line;
  e.provenance.rule = "test.rule";
  e.provenance.span = "0-3";
  e.note = note;
  return e;
}

// a -> b -> c, built in the order given.
KnowledgeGraph chain(const std::vector<std::string>& order) {
  KnowledgeGraph g;
  for (const auto& id : order) g.upsert_node(make_node(id, "text of " + id));
  g.add_edge(*g.find("c"), *g.find("b"), make_edge("part_of", 2));
  g.add_edge(*g.find("b"), *g.find("a"), make_edge("part_of", 1));
  return g;
}

bool mentions(const GraphDifference& d, const std::string& what) {
  for (const auto& line : d.lines)
    if (line.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("graph_difference: equal sets in another vertex and edge order are equal") {
    KnowledgeGraph a = chain({"a", "b", "c"});
    KnowledgeGraph b = chain({"c", "a", "b"});
    const GraphDifference d = graph_difference(a, b);
    CHECK(d.empty());
    CHECK(d.lines.empty());
  }

  TEST_CASE("graph_difference: nodes and edges in one graph only") {
    KnowledgeGraph a = chain({"a", "b", "c"});
    KnowledgeGraph b = chain({"a", "b", "c"});
    b.upsert_node(make_node("d"));
    b.add_edge(*b.find("d"), *b.find("a"), make_edge("cites"));
    a.add_edge(*a.find("a"), *a.find("c"), make_edge("cites"));
    const GraphDifference d = graph_difference(a, b);
    CHECK(d.count == 3);
    CHECK(mentions(d, "node d only in the second"));
    CHECK(mentions(d, "edge d -cites-> a only in the second"));
    CHECK(mentions(d, "edge a -cites-> c only in the first"));
  }

  TEST_CASE("graph_difference: each differing field is named") {
    KnowledgeGraph a = chain({"a", "b", "c"});
    KnowledgeGraph b;
    {
      NodeData x = make_node("a", "text of a, amended");  // text
      x.set_attr("number", "1");                          // attribute value
      x.set_attr("modality", "obligation");               // attribute only in b
      b.upsert_node(x);
      NodeData y = make_node("b", "text of b");
      y.source.line = 4;  // provenance
      b.upsert_node(y);
      NodeData z = make_node("c", "text of c");
      z.date = "2021-06-10";  // date
      b.upsert_node(z);
    }
    b.add_edge(*b.find("c"), *b.find("b"), make_edge("part_of", 3));          // edge provenance
    b.add_edge(*b.find("b"), *b.find("a"), make_edge("part_of", 1, "note"));  // edge note
    const GraphDifference d = graph_difference(a, b, 100);
    CHECK(d.count == 7);
    CHECK(mentions(d, "node a: text_zh"));
    CHECK(mentions(d, "node a: attribute number 'a' vs '1'"));
    CHECK(mentions(d, "node a: attribute modality only in the second"));
    CHECK(mentions(d, "node b: source statutes-zh/a.md:3"));
    CHECK(mentions(d, "node c: date '' vs '2021-06-10'"));
    CHECK(mentions(d, "edge c -part_of-> b: provenance"));
    CHECK(mentions(d, "edge b -part_of-> a: note '' vs 'note'"));
  }

  TEST_CASE("graph_difference: the listed lines are capped but not the count") {
    KnowledgeGraph a, b;
    for (int i = 0; i < 30; ++i) a.upsert_node(make_node("n" + std::to_string(i)));
    const GraphDifference d = graph_difference(a, b, 5);
    CHECK(d.count == 30);
    CHECK(d.lines.size() == 5);
  }
}
