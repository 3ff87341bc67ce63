// Citation listings (GET /api/v1/citations and /api/v1/citations/unresolved).
#include "graph/citation_query.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "graph/vocabulary.h"

namespace regkg::graph {

using Vertex = KnowledgeGraph::Vertex;

bool is_citation_edge(std::string_view type) {
  return type == edge::kCites || type == edge::kLegalBasis;
}

std::vector<Vertex> citation_scope(const KnowledgeGraph& g, Vertex root) {
  std::vector<Vertex> out{root};
  std::set<Vertex> seen{root};
  for (size_t i = 0; i < out.size(); ++i) {
    NodeKind k = g.node(out[i]).kind;
    if (k == NodeKind::article || k == NodeKind::paragraph) continue;
    g.for_each_in_edge(out[i], [&](KnowledgeGraph::Edge e, Vertex from) {
      const std::string& t = g.edge(e).type;
      if ((t == edge::kPartOf || t == edge::kVersionOf) && seen.insert(from).second)
        out.push_back(from);
    });
  }
  return out;
}

std::vector<CitationItem> citations_of(const KnowledgeGraph& g, Vertex v, Direction direction,
                                       InForceFilter* in_force) {
  if (direction == Direction::both)
    throw std::invalid_argument("direction: citations are listed out or in, not both");
  auto keep = [&](Vertex a, Vertex b) {
    return !in_force || (in_force->node_in_force(a) && in_force->node_in_force(b));
  };
  std::vector<CitationItem> items;
  for (Vertex s : citation_scope(g, v)) {
    if (direction == Direction::out)
      g.for_each_out_edge(s, [&](KnowledgeGraph::Edge e, Vertex to) {
        if (is_citation_edge(g.edge(e).type) && keep(s, to)) items.push_back({s, to, e});
      });
    else
      g.for_each_in_edge(s, [&](KnowledgeGraph::Edge e, Vertex from) {
        if (is_citation_edge(g.edge(e).type) && keep(from, s)) items.push_back({from, s, e});
      });
  }
  return items;
}

std::vector<UnresolvedCitation> unresolved_citations(const KnowledgeGraph& g,
                                                     InForceFilter* in_force) {
  auto citing = [&](Vertex from) { return !in_force || in_force->node_in_force(from); };
  std::vector<UnresolvedCitation> records;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    if (bg[*it].kind != NodeKind::citation) continue;
    size_t count = 0;
    g.for_each_in_edge(*it, [&](KnowledgeGraph::Edge, Vertex from) { count += citing(from); });
    if (count > 0 || !in_force) records.push_back({*it, count});
  }
  std::sort(records.begin(), records.end(), [&g](const auto& a, const auto& b) {
    return a.cited_by_count != b.cited_by_count ? a.cited_by_count > b.cited_by_count
                                                : g.node(a.citation).id < g.node(b.citation).id;
  });
  return records;
}

std::vector<CitationItem> unresolved_cited_by(const KnowledgeGraph& g, Vertex v, size_t max,
                                              InForceFilter* in_force) {
  std::vector<CitationItem> out;
  g.for_each_in_edge(v, [&](KnowledgeGraph::Edge e, Vertex from) {
    if (out.size() >= max || (in_force && !in_force->node_in_force(from))) return;
    out.push_back({from, v, e});
  });
  return out;
}

}  // namespace regkg::graph
