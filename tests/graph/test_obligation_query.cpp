// Tests graph/obligation_query.h on a small hand-built graph: each filter alone and combined,
// graph order, the in-force date, and the record's fields and bearers.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/obligation_query.h"
#include "graph/vocabulary.h"

using namespace regkg::graph;
using Vertex = KnowledgeGraph::Vertex;

namespace {

Vertex add_node(KnowledgeGraph& g, const std::string& id, NodeKind kind,
                std::vector<std::pair<std::string_view, std::string>> attrs = {},
                std::string date = "") {
  NodeData n;
  n.id = id;
  n.kind = kind;
  n.label = id;
  n.date = std::move(date);
  for (auto& [k, v] : attrs) n.set_attr(k, v);
  return g.upsert_node(std::move(n));
}

void add_link(KnowledgeGraph& g, Vertex a, Vertex b, std::string_view type) {
  EdgeData e;
  e.type = std::string(type);
  e.provenance.file = "test.md";
  e.provenance.rule = "test";
  REQUIRE(g.add_edge(a, b, std::move(e)));
}

// cn/law has a 2010 and a 2020 version, one article each; the 2010 article states two
// obligations (provider must, anyone must not), the 2020 one an obligation of the provider and
// CAC. A 2010 article of another instrument binds CAC.
struct ObligationGraph {
  KnowledgeGraph g;
  Vertex law, other, v1, v2, ov, art1, art2, art3, provider, cac, o1, o2, o3, o4;

  Vertex obligation(const std::string& id, Vertex article, const std::string& instrument,
                    const std::string& version, const std::string& modality,
                    const std::string& text, const std::string& action) {
    NodeData n;
    n.id = id;
    n.kind = NodeKind::obligation;
    n.text_zh = text;
    n.set_attr(attr::kArticle, g.node(article).id);
    n.set_attr(attr::kInstrument, instrument);
    n.set_attr(attr::kVersion, version);
    n.set_attr(attr::kModality, modality);
    n.set_attr(attr::kBearer, "提供者");
    n.set_attr(attr::kAction, action);
    Vertex v = g.upsert_node(std::move(n));
    add_link(g, v, article, edge::kObligationOf);
    return v;
  }

  ObligationGraph() {
    law = add_node(g, "cn/law", NodeKind::instrument);
    other = add_node(g, "cn/other", NodeKind::instrument);
    v1 = add_node(g, "cn/law@2010-01-01", NodeKind::version, {}, "2010-01-01");
    v2 = add_node(g, "cn/law@2020-01-01", NodeKind::version, {}, "2020-01-01");
    ov = add_node(g, "cn/other@2010-01-01", NodeKind::version, {}, "2010-01-01");
    art1 = add_node(g, "cn/law@2010-01-01/art-1", NodeKind::article,
                    {{attr::kVersion, "cn/law@2010-01-01"}});
    art2 = add_node(g, "cn/law@2020-01-01/art-1", NodeKind::article,
                    {{attr::kVersion, "cn/law@2020-01-01"}});
    art3 = add_node(g, "cn/other@2010-01-01/art-1", NodeKind::article,
                    {{attr::kVersion, "cn/other@2010-01-01"}});
    add_link(g, v1, law, edge::kVersionOf);
    add_link(g, v2, law, edge::kVersionOf);
    add_link(g, ov, other, edge::kVersionOf);
    add_link(g, art1, v1, edge::kPartOf);
    add_link(g, art2, v2, edge::kPartOf);
    add_link(g, art3, ov, edge::kPartOf);
    provider = add_node(g, "actor/role-provider", NodeKind::actor);
    cac = add_node(g, "actor/cac", NodeKind::actor);
    o1 = obligation("cn/law@2010-01-01/art-1/obl-1", art1, "cn/law", "cn/law@2010-01-01",
                    "obligation", "提供者应当保护个人信息", "保护个人信息");
    o2 = obligation("cn/law@2010-01-01/art-1/obl-2", art1, "cn/law", "cn/law@2010-01-01",
                    "prohibition", "任何人不得窃取数据", "窃取数据");
    o3 = obligation("cn/law@2020-01-01/art-1/obl-1", art2, "cn/law", "cn/law@2020-01-01",
                    "obligation", "提供者应当进行安全评估", "进行安全评估");
    o4 = obligation("cn/other@2010-01-01/art-1/obl-1", art3, "cn/other", "cn/other@2010-01-01",
                    "obligation", "国家网信部门应当统筹协调", "统筹协调");
    add_link(g, o1, provider, edge::kBinds);
    add_link(g, o3, cac, edge::kBinds);
    add_link(g, o3, provider, edge::kBinds);
    add_link(g, o4, cac, edge::kBinds);
    add_link(g, o4, provider, edge::kMentions);  // not a binds edge: never a bearer
  }
};

std::vector<Vertex> find(const ObligationGraph& og, const ObligationFilter& f) {
  return find_obligations(og.g, f);
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("find_obligations: no filter lists every obligation in graph order") {
    ObligationGraph og;
    CHECK(find(og, {}) == std::vector<Vertex>{og.o1, og.o2, og.o3, og.o4});
  }

  TEST_CASE("find_obligations: each filter alone") {
    ObligationGraph og;
    ObligationFilter f;
    f.bearer = og.provider;
    CHECK(find(og, f) == std::vector<Vertex>{og.o1, og.o3});  // o4 only mentions the provider
    f = {};
    f.bearer = og.cac;
    CHECK(find(og, f) == std::vector<Vertex>{og.o3, og.o4});
    f = {};
    f.instrument = "cn/other";
    CHECK(find(og, f) == std::vector<Vertex>{og.o4});
    f = {};
    f.modality = "prohibition";
    CHECK(find(og, f) == std::vector<Vertex>{og.o2});
    f = {};
    f.text = "安全评估";  // in the text
    CHECK(find(og, f) == std::vector<Vertex>{og.o3});
    f = {};
    f.instrument = "cn/nope";
    CHECK(find(og, f).empty());
  }

  TEST_CASE(
      "find_obligations: the text filter reads the Chinese and English texts and the action") {
    ObligationGraph og;
    og.g.node(og.o2).text_en = "No one shall steal data";
    og.g.node(og.o4).set_attr(attr::kAction, "coordinate the work");
    ObligationFilter f;
    f.text = "steal";
    CHECK(find(og, f) == std::vector<Vertex>{og.o2});
    f.text = "coordinate";
    CHECK(find(og, f) == std::vector<Vertex>{og.o4});
    f.text = "Steal";  // bytes, case-sensitive
    CHECK(find(og, f).empty());
  }

  TEST_CASE("find_obligations: filters combine and the in-force date picks the version") {
    ObligationGraph og;
    InForceFilter in2015(og.g, "2015-06-01");
    InForceFilter in2021(og.g, "2021-06-01");
    InForceFilter in2000(og.g, "2000-01-01");
    ObligationFilter f;
    f.instrument = "cn/law";
    f.in_force = &in2015;
    CHECK(find(og, f) == std::vector<Vertex>{og.o1, og.o2});
    f.in_force = &in2021;
    CHECK(find(og, f) == std::vector<Vertex>{og.o3});
    f.in_force = &in2000;
    CHECK(find(og, f).empty());
    f.in_force = &in2015;
    f.bearer = og.provider;
    f.modality = "obligation";
    CHECK(find(og, f) == std::vector<Vertex>{og.o1});
    f.modality = "permission";
    CHECK(find(og, f).empty());
  }

  TEST_CASE("obligation_record: fields and resolved nodes and bearers in edge order") {
    ObligationGraph og;
    ObligationRecord r = obligation_record(og.g, og.o3);
    CHECK(r.node == &og.g.node(og.o3));
    CHECK(r.modality == "obligation");
    CHECK(r.bearer == "提供者");
    CHECK(r.action == "进行安全评估");
    CHECK(r.condition.empty());
    CHECK(r.article_id == "cn/law@2020-01-01/art-1");
    CHECK(r.instrument_id == "cn/law");
    CHECK(r.version_id == "cn/law@2020-01-01");
    CHECK(r.article == og.art2);
    CHECK(r.instrument == og.law);
    CHECK(r.bearer_actors == std::vector<Vertex>{og.cac, og.provider});
    ObligationRecord r4 = obligation_record(og.g, og.o4);
    CHECK(r4.bearer_actors == std::vector<Vertex>{og.cac});
    // An instrument id that names no node: the id is kept, the node is absent.
    og.g.node(og.o2).set_attr(attr::kInstrument, "cn/missing");
    ObligationRecord r2 = obligation_record(og.g, og.o2);
    CHECK(r2.instrument_id == "cn/missing");
    CHECK_FALSE(r2.instrument);
    CHECK(r2.bearer_actors.empty());
  }
}
