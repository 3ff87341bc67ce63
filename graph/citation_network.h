// The instrument-level citation graph: which laws rest on or cite which (legal_basis and cites
// edges, with articles and versions mapped to their instrument), its transitive network around
// one instrument, and a ranking of the most cited instruments (distinct citing instruments and
// PageRank). Read-only on the graph; a built CitationGraph is immutable and may be shared by
// threads. Free functions are safe to call concurrently on a const graph.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/query_types.h"

namespace regkg::graph {

inline constexpr int kMaxCitationDepth = 5;
inline constexpr size_t kMaxMostCited = 1000;

// One instrument-level link: `from` cites or rests on `to`, with the underlying graph edges.
struct CitationLink {
  KnowledgeGraph::Vertex from;
  KnowledgeGraph::Vertex to;
  std::vector<KnowledgeGraph::Edge> evidence;  // cites / legal_basis edges, in edge order
};

struct CitationNetwork {
  std::vector<SubgraphNode> nodes;  // instruments (and unresolved citation nodes), BFS order
  std::vector<CitationLink> links;  // links among them walked by the BFS
  bool truncated = false;           // reserved: the network is bounded by depth only
};

struct CitedInstrument {
  KnowledgeGraph::Vertex instrument;
  size_t citing_instruments = 0;  // distinct other instruments citing it or resting on it
  double pagerank = 0.0;
};

class CitationGraph {
 public:
  // One pass over the edges. Citations between parts of the same instrument are dropped. With
  // `in_force`, only citations made by a text in force on its date, of an instrument in force
  // then, count, and most_cited() ranks only instruments in force then.
  explicit CitationGraph(const KnowledgeGraph& g, InForceFilter* in_force = nullptr);

  // The instrument a node belongs to: itself for instruments and unresolved citations; for
  // versions their "instrument" attribute or version_of edge; for articles and other parts the
  // instrument of their "version" attribute. nullopt when it belongs to none.
  std::optional<KnowledgeGraph::Vertex> instrument_of(KnowledgeGraph::Vertex v) const;

  // The transitive citation network from `v`'s instrument, `depth` 1..kMaxCitationDepth levels,
  // following links out (what it cites) or in (what cites it); cycle-safe (each node once).
  // Throws std::invalid_argument naming "v" (unknown, or not part of an instrument), "depth" or
  // "direction" (both is refused).
  CitationNetwork network(KnowledgeGraph::Vertex v, int depth, Direction direction) const;

  // Instruments ranked by distinct citing instruments, then PageRank (damping 0.85, up to 50
  // iterations or L1 change < 1e-9, dangling mass spread uniformly), then id. `limit`
  // 1..kMaxMostCited, else std::invalid_argument naming "limit".
  std::vector<CitedInstrument> most_cited(size_t limit) const;

  const std::vector<CitationLink>& links() const { return links_; }

 private:
  const KnowledgeGraph& g_;
  InForceFilter* in_force_;
  std::vector<CitationLink> links_;
  // Per vertex: indexes into links_ of its out- and in-links (instrument-level vertices only).
  std::vector<std::vector<size_t>> out_, in_;
};

// Convenience wrappers that build a CitationGraph for one call (O(edges)); keep a CitationGraph
// beside the graph when answering many queries.
CitationNetwork citation_network(const KnowledgeGraph& g, KnowledgeGraph::Vertex v, int depth,
                                 Direction direction, InForceFilter* in_force = nullptr);
std::vector<CitedInstrument> most_cited(const KnowledgeGraph& g, size_t limit,
                                        InForceFilter* in_force = nullptr);

}  // namespace regkg::graph
