// Tests graph/citation_query.h on a small hand-built graph: the scope of an instrument, citations
// out and in through articles, the in-force date on both ends, and the unresolved citations.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "graph/citation_query.h"
#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/vocabulary.h"

using namespace regkg::graph;
using Vertex = KnowledgeGraph::Vertex;

namespace {

Vertex add_cnode(KnowledgeGraph& g, const std::string& id, NodeKind kind,
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

void add_clink(KnowledgeGraph& g, Vertex a, Vertex b, std::string_view type) {
  EdgeData e;
  e.type = std::string(type);
  e.provenance.file = "test.md";
  e.provenance.rule = "test";
  REQUIRE(g.add_edge(a, b, std::move(e)));
}

// measures (one version, a chapter with two articles) rests on law and cites it and an
// unresolved title; law has a 2010 and a 2020 version; a news item is about the unresolved title.
struct CitationGraphFixture {
  KnowledgeGraph g;
  Vertex law, law1, law2, law_art, measures, mv, ch, m_art1, m_art2, cit_a, cit_b, news;
  CitationGraphFixture() {
    law = add_cnode(g, "cn/law", NodeKind::instrument);
    law1 = add_cnode(g, "cn/law@2010-01-01", NodeKind::version, {}, "2010-01-01");
    law2 = add_cnode(g, "cn/law@2020-01-01", NodeKind::version, {}, "2020-01-01");
    law_art = add_cnode(g, "cn/law@2010-01-01/art-1", NodeKind::article,
                        {{attr::kVersion, "cn/law@2010-01-01"}});
    measures = add_cnode(g, "cn/measures", NodeKind::instrument);
    mv = add_cnode(g, "cn/measures@2012-01-01", NodeKind::version, {}, "2012-01-01");
    ch = add_cnode(g, "cn/measures@2012-01-01/ch-1", NodeKind::chapter,
                   {{attr::kVersion, "cn/measures@2012-01-01"}});
    m_art1 = add_cnode(g, "cn/measures@2012-01-01/art-1", NodeKind::article,
                       {{attr::kVersion, "cn/measures@2012-01-01"}});
    m_art2 = add_cnode(g, "cn/measures@2012-01-01/art-2", NodeKind::article,
                       {{attr::kVersion, "cn/measures@2012-01-01"}});
    cit_a = add_cnode(g, "citation/a", NodeKind::citation);
    cit_b = add_cnode(g, "citation/b", NodeKind::citation);
    news = add_cnode(g, "news/1", NodeKind::news);
    add_clink(g, law1, law, edge::kVersionOf);
    add_clink(g, law2, law, edge::kVersionOf);
    add_clink(g, law_art, law1, edge::kPartOf);
    add_clink(g, mv, measures, edge::kVersionOf);
    add_clink(g, ch, mv, edge::kPartOf);
    add_clink(g, m_art1, ch, edge::kPartOf);
    add_clink(g, m_art2, ch, edge::kPartOf);
    add_clink(g, measures, law, edge::kLegalBasis);
    add_clink(g, m_art1, law1, edge::kCites);
    add_clink(g, m_art1, law_art, edge::kCites);
    add_clink(g, m_art2, cit_a, edge::kCites);
    add_clink(g, law_art, cit_a, edge::kCites);
    add_clink(g, law_art, cit_b, edge::kCites);
    add_clink(g, news, cit_a, edge::kAbout);
    add_clink(g, m_art1, cit_a, edge::kMentions);  // not a citation edge
  }
};

std::vector<std::pair<std::string, std::string>> pairs(const KnowledgeGraph& g,
                                                       const std::vector<CitationItem>& items) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : items) {
    CHECK(boost::source(c.edge, g.boost_graph()) == c.from);
    CHECK(boost::target(c.edge, g.boost_graph()) == c.to);
    out.emplace_back(g.node(c.from).id, g.node(c.to).id);
  }
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("is_citation_edge: cites and legal_basis only") {
    CHECK(is_citation_edge(edge::kCites));
    CHECK(is_citation_edge(edge::kLegalBasis));
    CHECK_FALSE(is_citation_edge(edge::kMentions));
    CHECK_FALSE(is_citation_edge(edge::kAbout));
  }

  TEST_CASE("citation_scope: an instrument takes its versions and everything under them") {
    CitationGraphFixture f;
    CHECK(citation_scope(f.g, f.measures) ==
          std::vector<Vertex>{f.measures, f.mv, f.ch, f.m_art1, f.m_art2});
    CHECK(citation_scope(f.g, f.ch) == std::vector<Vertex>{f.ch, f.m_art1, f.m_art2});
    CHECK(citation_scope(f.g, f.m_art1) == std::vector<Vertex>{f.m_art1});
  }

  TEST_CASE("citations_of: out and in through articles / in scope and edge order") {
    CitationGraphFixture f;
    CHECK(pairs(f.g, citations_of(f.g, f.measures, Direction::out)) ==
          Pairs{{"cn/measures", "cn/law"},
                {"cn/measures@2012-01-01/art-1", "cn/law@2010-01-01"},
                {"cn/measures@2012-01-01/art-1", "cn/law@2010-01-01/art-1"},
                {"cn/measures@2012-01-01/art-2", "citation/a"}});
    CHECK(pairs(f.g, citations_of(f.g, f.law, Direction::in)) ==
          Pairs{{"cn/measures", "cn/law"},
                {"cn/measures@2012-01-01/art-1", "cn/law@2010-01-01"},
                {"cn/measures@2012-01-01/art-1", "cn/law@2010-01-01/art-1"}});
    CHECK(citations_of(f.g, f.m_art1, Direction::in).empty());
    CHECK_THROWS_AS(citations_of(f.g, f.law, Direction::both), std::invalid_argument);
  }

  TEST_CASE("citations_of: with a date both ends in force") {
    CitationGraphFixture f;
    InForceFilter in2015(f.g, "2015-06-01");
    InForceFilter in2021(f.g, "2021-06-01");
    // 2015: the 2010 law is in force, so every citation of measures stands.
    CHECK(citations_of(f.g, f.measures, Direction::out, &in2015).size() == 4);
    // 2021: the 2010 law text is not in force; the instrument-level legal basis and the
    // unresolved title stay.
    CHECK(pairs(f.g, citations_of(f.g, f.measures, Direction::out, &in2021)) ==
          Pairs{{"cn/measures", "cn/law"}, {"cn/measures@2012-01-01/art-2", "citation/a"}});
  }

  TEST_CASE("unresolved_citations: most cited first then id / with a date by texts in force") {
    CitationGraphFixture f;
    auto all = unresolved_citations(f.g);
    REQUIRE(all.size() == 2);
    CHECK(all[0].citation == f.cit_a);
    CHECK(all[0].cited_by_count == 4);  // every edge in: cites, about and mentions
    CHECK(all[1].citation == f.cit_b);
    CHECK(all[1].cited_by_count == 1);
    InForceFilter in2021(f.g, "2021-06-01");
    auto later = unresolved_citations(f.g, &in2021);
    REQUIRE(later.size() == 1);  // citation/b is cited only by the 2010 law text
    CHECK(later[0].citation == f.cit_a);
    CHECK(later[0].cited_by_count == 3);
    auto by = unresolved_cited_by(f.g, f.cit_a, 2);
    CHECK(pairs(f.g, by) == Pairs{{"cn/measures@2012-01-01/art-2", "citation/a"},
                                  {"cn/law@2010-01-01/art-1", "citation/a"}});
    CHECK(pairs(f.g, unresolved_cited_by(f.g, f.cit_a, 5, &in2021)) ==
          Pairs{{"cn/measures@2012-01-01/art-2", "citation/a"},
                {"news/1", "citation/a"},
                {"cn/measures@2012-01-01/art-1", "citation/a"}});
  }
}
