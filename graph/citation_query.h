// Citation listings: the cites and legal_basis edges made or received by a node and everything
// under it (GET /api/v1/citations), and the unresolved citations, most cited first
// (GET /api/v1/citations/unresolved). The instrument-level network is citation_network.h.
// Read-only on the graph; safe to call concurrently on a const graph (each call its own
// InForceFilter).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/query_types.h"

namespace regkg::graph {

// Whether an edge type is a citation: cites or legal_basis.
bool is_citation_edge(std::string_view type);

// The node itself plus, for anything but an article or paragraph, every node under it over
// part_of and version_of edges (versions, chapters, articles …), breadth first: citations are
// made by articles but asked about by instrument or version.
std::vector<KnowledgeGraph::Vertex> citation_scope(const KnowledgeGraph& g,
                                                   KnowledgeGraph::Vertex root);

// One citation edge: `from` cites or rests on `to`.
struct CitationItem {
  KnowledgeGraph::Vertex from, to;
  KnowledgeGraph::Edge edge;
};

// The citation edges leaving (Direction::out) or entering (Direction::in) the citation scope of
// `v`, scope node by scope node, in edge order. With `in_force`, only those whose both ends are in
// force on its date. Throws std::invalid_argument naming "direction" for Direction::both.
std::vector<CitationItem> citations_of(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                                       Direction direction, InForceFilter* in_force = nullptr);

// An unresolved citation node (kind citation) with the number of edges into it (cites from
// articles, about from news) from texts in force on the filter's date, or all of them.
struct UnresolvedCitation {
  KnowledgeGraph::Vertex citation;
  size_t cited_by_count = 0;
};

// The unresolved citations, most cited first, then by id. With `in_force`, titles cited by no
// text in force on its date are left out. O(nodes + their in-edges).
std::vector<UnresolvedCitation> unresolved_citations(const KnowledgeGraph& g,
                                                     InForceFilter* in_force = nullptr);

// The first `max` edges into unresolved citation `v` (in edge order) from texts in force on the
// filter's date, or from any text.
std::vector<CitationItem> unresolved_cited_by(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                                              size_t max, InForceFilter* in_force = nullptr);

}  // namespace regkg::graph
