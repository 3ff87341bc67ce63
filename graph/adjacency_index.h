// A compact read-only copy of the knowledge graph's adjacency in compressed sparse row (CSR) form,
// for traversals that touch many nodes (neighbourhoods, paths, PageRank): each vertex's out-arcs
// and in-arcs lie in two contiguous arrays of 12-byte arcs (neighbour, interned edge type, edge
// number), in the graph's insertion order. Boost's adjacency_list keeps every vertex's edges in a
// vector of its own behind property pointers, so a BFS there chases pointers and strings.
// Immutable once built; safe to share between threads. Get it from KnowledgeGraph::adjacency().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/node_kind.h"

namespace regkg::graph {

class AdjacencyIndex {
 public:
  using Vertex = KnowledgeGraph::Vertex;
  using Edge = KnowledgeGraph::Edge;
  using TypeId = std::uint16_t;

  struct Arc {
    std::uint32_t neighbor;  // the vertex at the other end
    TypeId type;             // interned edge type, see type_name()
    std::uint32_t edge;      // edge number, see edge()
  };

  // A run of arcs, iterable with range-for.
  struct Arcs {
    const Arc* first;
    const Arc* last;
    const Arc* begin() const { return first; }
    const Arc* end() const { return last; }
    size_t size() const { return static_cast<size_t>(last - first); }
  };

  // One pass over the graph. Throws std::length_error past 2^32 - 1 vertices or edges, or 65,535
  // edge types.
  explicit AdjacencyIndex(const KnowledgeGraph& g);

  size_t vertex_count() const { return kinds_.size(); }
  size_t edge_count() const { return edges_.size(); }

  // (data() + offset: the arrays may be empty, where operator[] would be undefined.)
  Arcs out(Vertex v) const {
    return {out_arcs_.data() + out_begin_[v], out_arcs_.data() + out_begin_[v + 1]};
  }
  Arcs in(Vertex v) const {
    return {in_arcs_.data() + in_begin_[v], in_arcs_.data() + in_begin_[v + 1]};
  }
  NodeKind kind(Vertex v) const { return kinds_[v]; }

  // The Boost edge of an edge number (valid while the graph it was built from is unchanged).
  const Edge& edge(std::uint32_t number) const { return edges_[number]; }
  const std::string& type_name(TypeId t) const { return type_names_[t]; }
  size_t type_count() const { return type_names_.size(); }
  // The id of an edge type, or -1 when no edge has that type.
  int type_id(std::string_view name) const;
  // A mask over type ids: true for the types named (unknown names match nothing); all true when
  // `names` is empty.
  std::vector<char> type_mask(const std::vector<std::string>& names) const;

 private:
  std::vector<std::uint32_t> out_begin_, in_begin_;  // vertex_count() + 1 offsets each
  std::vector<Arc> out_arcs_, in_arcs_;
  std::vector<NodeKind> kinds_;
  std::vector<Edge> edges_;  // by edge number: source-major, insertion order
  std::vector<std::string> type_names_;
  std::unordered_map<std::string, TypeId> type_ids_;
};

}  // namespace regkg::graph
