// Tests graph/sanction_query.h on a small hand-built graph: each filter alone and combined, graph
// order, the in-force date, the record's fields and edges, amounts, and the sanctions enforcing
// an obligation.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/sanction_query.h"
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

// cn/law has a 2010 and a 2020 version; article 10 of each states an obligation and article 50 of
// each punishes its breach. cn/other (2010) has one liability article. Sanctions:
//   s1 (law 2010 art-50): warning and a fine of 10000 to 100000 yuan, by the competent department
//      and CAC; enforces art-10 and its obligation.
//   s2 (law 2010 art-50): fines on the responsible persons only (no fine_max), by CAC.
//   s3 (law 2020 art-50): 1 to 10 times the illegal income and at most 1000000 yuan, by CAC;
//      enforces art-10, its obligation, and the version as a whole.
//   s4 (other 2010 art-1): 5 percent of turnover, a fine_max that is not a number; no authority
//      actor (the text's authority is only mentioned).
struct SanctionGraph {
  KnowledgeGraph g;
  Vertex law, other, v1, v2, ov, a10, a50, b10, b50, c1, competent, cac, ob1, ob2, s1, s2, s3, s4;

  Vertex sanction(const std::string& id, Vertex article, const std::string& instrument,
                  const std::string& version,
                  std::vector<std::pair<std::string_view, std::string>> attrs) {
    NodeData n;
    n.id = id;
    n.kind = NodeKind::sanction;
    n.text_zh = "违反本法规定的，处罚款";
    n.set_attr(attr::kArticle, g.node(article).id);
    n.set_attr(attr::kInstrument, instrument);
    n.set_attr(attr::kVersion, version);
    for (auto& [k, v] : attrs) n.set_attr(k, v);
    Vertex v = g.upsert_node(std::move(n));
    add_link(g, v, article, edge::kSanctionOf);
    return v;
  }

  Vertex obligation(const std::string& id, Vertex article, const std::string& version) {
    Vertex v = add_node(g, id, NodeKind::obligation,
                        {{attr::kArticle, g.node(article).id}, {attr::kVersion, version}});
    add_link(g, v, article, edge::kObligationOf);
    return v;
  }

  SanctionGraph() {
    law = add_node(g, "cn/law", NodeKind::instrument);
    other = add_node(g, "cn/other", NodeKind::instrument);
    v1 = add_node(g, "cn/law@2010-01-01", NodeKind::version, {}, "2010-01-01");
    v2 = add_node(g, "cn/law@2020-01-01", NodeKind::version, {}, "2020-01-01");
    ov = add_node(g, "cn/other@2010-01-01", NodeKind::version, {}, "2010-01-01");
    add_link(g, v1, law, edge::kVersionOf);
    add_link(g, v2, law, edge::kVersionOf);
    add_link(g, ov, other, edge::kVersionOf);
    auto article = [&](const std::string& id, Vertex version) {
      Vertex a = add_node(g, id, NodeKind::article, {{attr::kVersion, g.node(version).id}});
      add_link(g, a, version, edge::kPartOf);
      return a;
    };
    a10 = article("cn/law@2010-01-01/art-10", v1);
    a50 = article("cn/law@2010-01-01/art-50", v1);
    b10 = article("cn/law@2020-01-01/art-10", v2);
    b50 = article("cn/law@2020-01-01/art-50", v2);
    c1 = article("cn/other@2010-01-01/art-1", ov);
    competent = add_node(g, "actor/role-competent-departments", NodeKind::actor);
    cac = add_node(g, "actor/cac", NodeKind::actor);
    ob1 = obligation("cn/law@2010-01-01/art-10/obl-1", a10, "cn/law@2010-01-01");
    ob2 = obligation("cn/law@2020-01-01/art-10/obl-1", b10, "cn/law@2020-01-01");

    s1 = sanction("cn/law@2010-01-01/art-50/sanction-1", a50, "cn/law", "cn/law@2010-01-01",
                  {{attr::kMeasures, "order_to_rectify,warning,fine"},
                   {attr::kAuthority, "有关主管部门"},
                   {attr::kCondition, "拒不改正的"},
                   {attr::kEnforces, "本法第十条"},
                   {attr::kFineMin, "10000"},
                   {attr::kFineMax, "100000"}});
    s2 = sanction("cn/law@2010-01-01/art-50/sanction-2", a50, "cn/law", "cn/law@2010-01-01",
                  {{attr::kMeasures, "fine_responsible_persons"},
                   {attr::kAuthority, "国家网信部门"},
                   {attr::kFinePersonsMin, "10000"},
                   {attr::kFinePersonsMax, "100000"}});
    s3 = sanction("cn/law@2020-01-01/art-50/sanction-1", b50, "cn/law", "cn/law@2020-01-01",
                  {{attr::kMeasures, "confiscation,fine"},
                   {attr::kAuthority, "国家网信部门"},
                   {attr::kFineMax, "1000000"},
                   {attr::kFineMultipleMin, "1"},
                   {attr::kFineMultipleMax, "10"},
                   {attr::kFineOf, "illegal_income"}});
    s4 = sanction("cn/other@2010-01-01/art-1/sanction-1", c1, "cn/other", "cn/other@2010-01-01",
                  {{attr::kMeasures, "fine"},
                   {attr::kAuthority, "国家网信部门"},
                   {attr::kFineMax, "5e6"},
                   {attr::kFinePercentMax, "5"},
                   {attr::kFineOf, ""}});

    add_link(g, s1, competent, edge::kImposedBy);
    add_link(g, s1, a10, edge::kSanctions);
    add_link(g, s1, cac, edge::kImposedBy);
    add_link(g, s1, ob1, edge::kSanctions);
    add_link(g, s2, cac, edge::kImposedBy);
    add_link(g, s3, b10, edge::kSanctions);
    add_link(g, s3, ob2, edge::kSanctions);
    add_link(g, s3, v2, edge::kSanctions);
    add_link(g, s3, cac, edge::kImposedBy);
    add_link(g, s4, cac, edge::kMentions);  // not an imposed_by edge: never its authority
  }
};

std::vector<Vertex> find(const SanctionGraph& sg, const SanctionFilter& f) {
  return find_sanctions(sg.g, f);
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("find_sanctions: no filter lists every sanction in graph order") {
    SanctionGraph sg;
    CHECK(find(sg, {}) == std::vector<Vertex>{sg.s1, sg.s2, sg.s3, sg.s4});
  }

  TEST_CASE("find_sanctions: the instrument and authority filters") {
    SanctionGraph sg;
    SanctionFilter f;
    f.instrument = "cn/other";
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s4});
    f.instrument = "cn/law";
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s2, sg.s3});
    f.instrument = "cn/nope";
    CHECK(find(sg, f).empty());
    f = {};
    f.authority = sg.competent;
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1});
    f.authority = sg.cac;  // s4 only mentions CAC
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s2, sg.s3});
    f.authority = sg.law;  // a node no sanction is imposed by
    CHECK(find(sg, f).empty());
  }

  TEST_CASE("find_sanctions: a measure matches whole items of the list only") {
    SanctionGraph sg;
    SanctionFilter f;
    f.measure = "fine";  // not s2's fine_responsible_persons
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s3, sg.s4});
    f.measure = "fine_responsible_persons";
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s2});
    f.measure = "order_to_rectify";  // the first item
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1});
    f.measure = "confiscation";
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s3});
    f.measure = "warn";  // a prefix of an item
    CHECK(find(sg, f).empty());
  }

  TEST_CASE("find_sanctions: min_fine reads fine_max and drops sanctions without a number") {
    SanctionGraph sg;
    SanctionFilter f;
    f.min_fine = 0;  // s2 has no fine_max, s4's is not a number
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s3});
    f.min_fine = 100000;  // inclusive
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s3});
    f.min_fine = 100001;
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s3});
    f.min_fine = 1000001;
    CHECK(find(sg, f).empty());
  }

  TEST_CASE("find_sanctions: filters combine and the in-force date picks the version") {
    SanctionGraph sg;
    InForceFilter in2015(sg.g, "2015-06-01");
    InForceFilter in2021(sg.g, "2021-06-01");
    InForceFilter in2000(sg.g, "2000-01-01");
    SanctionFilter f;
    f.in_force = &in2015;
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s2, sg.s4});
    f.in_force = &in2021;
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s3, sg.s4});
    f.in_force = &in2000;
    CHECK(find(sg, f).empty());
    f.in_force = &in2015;
    f.instrument = "cn/law";
    f.authority = sg.cac;
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1, sg.s2});
    f.measure = "warning";
    CHECK(find(sg, f) == std::vector<Vertex>{sg.s1});
    f.min_fine = 200000;
    CHECK(find(sg, f).empty());
  }

  TEST_CASE("sanction_record: attributes and fines and resolved nodes") {
    SanctionGraph sg;
    SanctionRecord r = sanction_record(sg.g, sg.s1);
    CHECK(r.node == &sg.g.node(sg.s1));
    CHECK(r.authority == "有关主管部门");
    CHECK(r.measures == "order_to_rectify,warning,fine");
    CHECK(r.condition == "拒不改正的");
    CHECK(r.enforces == "本法第十条");
    CHECK(r.fine.min == "10000");
    CHECK(r.fine.max == "100000");
    CHECK(r.fine.multiple_min.empty());
    CHECK(r.fine.percent_max.empty());
    CHECK_FALSE(r.fine_of);
    CHECK(r.fine_persons_min.empty());
    CHECK(r.article_id == "cn/law@2010-01-01/art-50");
    CHECK(r.instrument_id == "cn/law");
    CHECK(r.version_id == "cn/law@2010-01-01");
    CHECK(r.article == sg.a50);
    CHECK(r.instrument == sg.law);

    SanctionRecord r2 = sanction_record(sg.g, sg.s2);
    CHECK(r2.fine.max.empty());
    CHECK(r2.fine_persons_min == "10000");
    CHECK(r2.fine_persons_max == "100000");
    CHECK(r2.condition.empty());

    SanctionRecord r3 = sanction_record(sg.g, sg.s3);
    CHECK(r3.fine.multiple_min == "1");
    CHECK(r3.fine.multiple_max == "10");
    REQUIRE(r3.fine_of);
    CHECK(*r3.fine_of == "illegal_income");

    // fine_of set but empty is told from absent.
    SanctionRecord r4 = sanction_record(sg.g, sg.s4);
    REQUIRE(r4.fine_of);
    CHECK(r4.fine_of->empty());
    CHECK(r4.fine.percent_max == "5");

    // An instrument id that names no node: the id is kept, the node is absent.
    sg.g.node(sg.s2).set_attr(attr::kInstrument, "cn/missing");
    SanctionRecord missing = sanction_record(sg.g, sg.s2);
    CHECK(missing.instrument_id == "cn/missing");
    CHECK_FALSE(missing.instrument);
  }

  TEST_CASE("sanction_record: authorities and enforced targets in edge order") {
    SanctionGraph sg;
    SanctionRecord r1 = sanction_record(sg.g, sg.s1);
    CHECK(r1.authority_actors == std::vector<Vertex>{sg.competent, sg.cac});
    CHECK(r1.enforced == std::vector<Vertex>{sg.a10});
    CHECK(r1.obligations_enforced == std::vector<Vertex>{sg.ob1});
    SanctionRecord r3 = sanction_record(sg.g, sg.s3);
    CHECK(r3.authority_actors == std::vector<Vertex>{sg.cac});
    CHECK(r3.enforced == std::vector<Vertex>{sg.b10, sg.v2});  // the article, the whole version
    CHECK(r3.obligations_enforced == std::vector<Vertex>{sg.ob2});
    SanctionRecord r4 = sanction_record(sg.g, sg.s4);
    CHECK(r4.authority_actors.empty());  // a mentions edge is no authority
    CHECK(r4.enforced.empty());
    CHECK(r4.obligations_enforced.empty());
  }

  TEST_CASE("sanction_amount: 1 to 18 decimal digits") {
    CHECK(sanction_amount("0") == std::optional<std::uint64_t>(0));
    CHECK(sanction_amount("500000") == std::optional<std::uint64_t>(500000));
    CHECK(sanction_amount("999999999999999999") ==
          std::optional<std::uint64_t>(999999999999999999ULL));
    CHECK_FALSE(sanction_amount(""));
    CHECK_FALSE(sanction_amount("1000000000000000000"));  // 19 digits
    CHECK_FALSE(sanction_amount("5e6"));
    CHECK_FALSE(sanction_amount("-1"));
    CHECK_FALSE(sanction_amount(" 1"));
  }

  TEST_CASE("sanctions_enforcing: the sanctions with a sanctions edge to a node") {
    SanctionGraph sg;
    CHECK(sanctions_enforcing(sg.g, sg.ob1) == std::vector<Vertex>{sg.s1});
    CHECK(sanctions_enforcing(sg.g, sg.ob2) == std::vector<Vertex>{sg.s3});
    CHECK(sanctions_enforcing(sg.g, sg.a10) == std::vector<Vertex>{sg.s1});
    CHECK(sanctions_enforcing(sg.g, sg.v2) == std::vector<Vertex>{sg.s3});
    CHECK(sanctions_enforcing(sg.g, sg.a50).empty());  // sanction_of edges do not count
    CHECK(sanctions_enforcing(sg.g, sg.cac).empty());  // nor imposed_by
    // A sanctions edge from a node that is no sanction is ignored.
    add_link(sg.g, sg.a50, sg.ob1, edge::kSanctions);
    CHECK(sanctions_enforcing(sg.g, sg.ob1) == std::vector<Vertex>{sg.s1});
    // Two sanctions of one article, in the order of the obligation's in-edges.
    add_link(sg.g, sg.s2, sg.ob1, edge::kSanctions);
    CHECK(sanctions_enforcing(sg.g, sg.ob1) == std::vector<Vertex>{sg.s1, sg.s2});
  }
}
