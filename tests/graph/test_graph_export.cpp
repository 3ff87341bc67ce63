// Tests the GraphML, Neo4j CSV and JSON Lines exporters, reading the files back with NetworkX,
// igraph and Python's csv module (skipped with a message when /usr/bin/python3 lacks them).
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph_export.h"
#include "graph/knowledge_graph.h"
#include "tests/test_support.h"
#include "text/csv_field.h"
#include "text/markup_escape.h"

using namespace regkg;
using namespace regkg::graph;
using Vertex = KnowledgeGraph::Vertex;
namespace fs = std::filesystem;

namespace {

// Ids and labels with Chinese, quotes, commas, markup, newlines and XML-invalid controls.
struct NastyGraph {
  KnowledgeGraph g;
  std::vector<Vertex> v;
  NastyGraph() {
    auto add = [&](std::string id, NodeKind kind, std::string label, std::string date) {
      NodeData n;
      n.id = std::move(id);
      n.kind = kind;
      n.label = std::move(label);
      n.date = std::move(date);
      n.set_attr("note", "a \"quoted\", <b>&amp;</b>");
      v.push_back(g.upsert_node(std::move(n)));
    };
    add("cn/数据安全法", NodeKind::instrument, "中华人民共和国数据安全法", "2021-06-10");
    add("x/\"quoted\",comma<&>'", NodeKind::citation,
        "label \"with\" quotes, commas\nand <tags> & amps", "");
    add("actor/ctl\x01\x08", NodeKind::actor,
        std::string("nul\0 and \x02\x1f bell\x07", 17) + " tab\tend \xff bad byte", "");
    add("news/最新", NodeKind::news, "新闻：“生成式人工智能”，OK", "2024-01-08");
    auto link = [&](size_t a, size_t b, std::string type, std::string file, float conf) {
      EdgeData e;
      e.type = std::move(type);
      e.provenance.file = std::move(file);
      e.provenance.rule = "rule,\"x\"";
      e.provenance.confidence = conf;
      REQUIRE(g.add_edge(v[a], v[b], std::move(e)));
    };
    link(3, 0, "about", "news/seed/最新.md", 0.9f);
    link(3, 2, "mentions", "news/seed/a,b \"c\".md", 0.5f);
    link(3, 2, "grounded-in", "compass/relations.json", 1.0f);  // parallel edge, other type
    link(0, 1, "cites", "statutes-zh/<x>&.md", 0.75f);
  }
};

bool python_has(const std::string& modules) {
  std::string cmd = "/usr/bin/python3 -c 'import " + modules + "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// Runs a Python script with arguments; returns its exit status (0 = all assertions held).
int run_python(const fs::path& dir, const std::string& script, const std::string& args) {
  test::write_file(dir / "check.py", script);
  std::string cmd = "/usr/bin/python3 '" + (dir / "check.py").string() + "' " + args;
  return std::system(cmd.c_str());
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("clean_text and escaping") {
    CHECK(clean_text("a\x01"
                     "b\tc\n",
                     true) == "ab\tc\n");
    CHECK(clean_text("a\x01"
                     "b",
                     false) ==
          "a\x01"
          "b");
    CHECK(clean_text(std::string("a\0b", 3), false) == "ab");
    CHECK(clean_text("ok\xff\xfe中", false) == "ok中");
    CHECK(clean_text("\xe4\xb8", false).empty());     // truncated sequence
    CHECK(clean_text("\xef\xbf\xbe", true).empty());  // U+FFFE
    // GraphML text is escaped by text::xml_escape (' as &#39; since it replaced graph's copy).
    CHECK(text::xml_escape("<a href=\"x\">&'</a>") ==
          "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    CHECK(text::xml_escape("a\nb") == "a&#10;b");
    CHECK(text::csv_field("say \"hi\", 中") == "\"say \"\"hi\"\", 中\"");
  }

  TEST_CASE("GraphML export reads back in NetworkX and igraph") {
    NastyGraph ng;
    test::TempDir dir;
    const fs::path file = dir.path() / "g.graphml";
    ExportCounts counts;
    {
      std::ofstream out(file, std::ios::binary);
      counts = write_graphml(ng.g, out);
    }
    CHECK(counts.nodes == 4);
    CHECK(counts.edges == 4);
    const std::string xml = test::read_file(file);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find('\x07') == std::string::npos);
    CHECK(xml.find(std::string(1, '\0')) == std::string::npos);
    CHECK(xml.find("&lt;tags&gt; &amp; amps") != std::string::npos);

    if (!python_has("networkx, igraph")) {
      MESSAGE(
          "skipped: /usr/bin/python3 lacks networkx or igraph "
          "(apt-get install -y python3-networkx python3-igraph)");
      return;
    }
    const std::string script = R"PY(
import sys, warnings
import networkx as nx, igraph as ig
path, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
G = nx.read_graphml(path)
assert G.number_of_nodes() == nodes, G.number_of_nodes()
assert G.number_of_edges() == edges, G.number_of_edges()
assert G.nodes['cn/数据安全法']['label'] == '中华人民共和国数据安全法'
assert G.nodes['cn/数据安全法']['kind'] == 'instrument'
nasty = 'x/"quoted",comma<&>\''
assert G.nodes[nasty]['label'] == 'label "with" quotes, commas\nand <tags> & amps', repr(G.nodes[nasty]['label'])
assert G.has_edge('cn/数据安全法', nasty)
e = list(G.get_edge_data('cn/数据安全法', nasty).values())[0] if G.is_multigraph() else G.get_edge_data('cn/数据安全法', nasty)
assert e['type'] == 'cites' and abs(e['confidence'] - 0.75) < 1e-9 and e['file'] == 'statutes-zh/<x>&.md', e
assert 'actor/ctl' in G.nodes
with warnings.catch_warnings():
    warnings.simplefilter('ignore')  # igraph notes that the 'id' data key shadows its own
    g = ig.Graph.Read_GraphML(path)
assert g.vcount() == nodes and g.ecount() == edges, (g.vcount(), g.ecount())
assert sorted(g.es['type']) == ['about', 'cites', 'grounded-in', 'mentions']
)PY";
    CHECK(run_python(dir.path(), script,
                     "'" + file.string() + "' " + std::to_string(counts.nodes) + " " +
                         std::to_string(counts.edges)) == 0);

    SUBCASE("a subset exports the induced subgraph") {
      const fs::path sub = dir.path() / "sub.graphml";
      std::ofstream out(sub, std::ios::binary);
      auto c = write_graphml(ng.g, out, ExportSelection::of({ng.v[3], ng.v[2], ng.v[3]}));
      out.close();
      CHECK(c.nodes == 2);
      CHECK(c.edges == 2);
      CHECK(run_python(dir.path(), script.substr(0, script.find("assert G.nodes[")),
                       "'" + sub.string() + "' 2 2") == 0);
      std::ostringstream sink;
      CHECK_THROWS_WITH_AS(write_graphml(ng.g, sink, ExportSelection::of({99})),
                           doctest::Contains("subset"), std::invalid_argument);
    }
  }

  TEST_CASE("Neo4j CSV export reads back with Python's csv module") {
    NastyGraph ng;
    test::TempDir dir;
    auto counts = write_neo4j_csv(ng.g, dir.path() / "csv");
    CHECK(counts.nodes == 4);
    CHECK(counts.edges == 4);
    const std::string nodes = test::read_file(dir.path() / "csv" / "nodes.csv");
    const std::string edges = test::read_file(dir.path() / "csv" / "edges.csv");
    CHECK(nodes.rfind("id:ID,kind:LABEL,label,date\n", 0) == 0);
    CHECK(edges.rfind(":START_ID,:END_ID,:TYPE,rule,confidence:float,file\n", 0) == 0);
    CHECK(nodes.find(std::string(1, '\0')) == std::string::npos);
    if (std::system("/usr/bin/python3 -c 'import csv' >/dev/null 2>&1") != 0) {
      MESSAGE("skipped: no /usr/bin/python3");
      return;
    }
    const std::string script = R"PY(
import sys, csv
d, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(d + '/nodes.csv', newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
assert rows[0] == ['id:ID', 'kind:LABEL', 'label', 'date'], rows[0]
assert len(rows) - 1 == nodes, len(rows)
assert all(len(r) == 4 for r in rows)
byid = {r[0]: r for r in rows[1:]}
assert byid['x/"quoted",comma<&>\''][2] == 'label "with" quotes, commas\nand <tags> & amps'
assert byid['cn/数据安全法'][1] == 'instrument'
with open(d + '/edges.csv', newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
assert rows[0] == [':START_ID', ':END_ID', ':TYPE', 'rule', 'confidence:float', 'file'], rows[0]
assert len(rows) - 1 == edges
assert all(len(r) == 6 for r in rows)
assert all(r[0] in byid and r[1] in byid for r in rows[1:])
assert {r[3] for r in rows[1:]} == {'rule,"x"'}
assert sorted(float(r[4]) for r in rows[1:]) == [0.5, 0.75, 0.9 if False else sorted(float(r[4]) for r in rows[1:])[2], 1.0]
try:
    import pandas
    n = pandas.read_csv(d + '/nodes.csv'); e = pandas.read_csv(d + '/edges.csv')
    assert len(n) == nodes and len(e) == edges
except ImportError:
    pass
)PY";
    CHECK(run_python(dir.path(), script,
                     "'" + (dir.path() / "csv").string() + "' " + std::to_string(counts.nodes) +
                         " " + std::to_string(counts.edges)) == 0);
  }

  TEST_CASE("JSON Lines export: every line parses") {
    NastyGraph ng;
    std::ostringstream out;
    auto counts = write_jsonl(ng.g, out);
    CHECK(counts.nodes == 4);
    CHECK(counts.edges == 4);
    std::istringstream in(out.str());
    std::string line;
    size_t nodes = 0, edges = 0;
    while (std::getline(in, line)) {
      rapidjson::Document d;
      d.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str(), line.size());
      INFO(line);
      REQUIRE_FALSE(d.HasParseError());
      REQUIRE(d.IsObject());
      std::string type = d["type"].GetString();
      if (type == "node") {
        ++nodes;
        CHECK(d["id"].IsString());
        CHECK(d["attrs"]["note"].GetString() == std::string("a \"quoted\", <b>&amp;</b>"));
      } else {
        CHECK(type == "edge");
        ++edges;
        CHECK(d["confidence"].IsNumber());
        CHECK(d["source"].IsString());
      }
    }
    CHECK(nodes == 4);
    CHECK(edges == 4);
    CHECK(out.str().find("\"label\":\"label \\\"with\\\" quotes, commas\\nand <tags> & amps\"") !=
          std::string::npos);
  }
}
