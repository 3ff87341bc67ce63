// Local views of the knowledge graph around one node: a page of its direct neighbours, and its
// bounded multi-hop neighbourhood (BFS over both edge directions). Used by the node pages and the
// graph explorer. All functions only read the graph: safe to call concurrently on a const graph,
// provided each call gets its own InForceFilter (which memoises and is not thread-safe).
#pragma once

#include <cstddef>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/query_types.h"

namespace regkg::graph {

inline constexpr size_t kMaxNeighborLimit = 1000;
inline constexpr int kMaxNeighborhoodDepth = 3;
inline constexpr size_t kMaxNeighborhoodNodes = 10000;
inline constexpr size_t kMaxNeighborhoodEdges = 50000;

struct NeighborsOptions {
  Direction direction = Direction::both;
  TypeFilter filter;  // edge types and neighbour kinds
  size_t offset = 0;
  size_t limit = 50;  // 1..kMaxNeighborLimit
  // Optional: drops neighbours (versions, articles, obligations …) not in force on its date.
  InForceFilter* in_force = nullptr;
};

struct Neighbor {
  KnowledgeGraph::Edge edge;
  KnowledgeGraph::Vertex neighbor;
  Traversal direction;  // forward: an out-edge of the node; backward: an in-edge
};

struct NeighborPage {
  std::vector<Neighbor> items;  // at most `limit`, starting at `offset`
  size_t total = 0;             // all matching neighbours, before paging
};

// The neighbours of `v` that pass the filters, in a stable order: out-edges in insertion order,
// then in-edges in insertion order. Throws std::invalid_argument naming "v" for an unknown vertex
// or "limit" for a limit outside 1..kMaxNeighborLimit. An offset past the end gives no items.
NeighborPage neighbors(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                       const NeighborsOptions& options = {});

struct NeighborhoodOptions {
  int depth = 1;           // 1..kMaxNeighborhoodDepth
  TypeFilter filter;       // edges followed, kinds of node admitted (the centre is always admitted)
  size_t max_nodes = 500;  // 1..kMaxNeighborhoodNodes, the centre included
  size_t max_edges = 5000;            // 1..kMaxNeighborhoodEdges
  InForceFilter* in_force = nullptr;  // optional, as for neighbors()
};

// The nodes within `depth` hops of `v` (edges followed in both directions), in BFS order with
// their depth, and the admitted edges among them (the induced subgraph). When a cap would be
// exceeded the result stops at the cap and `truncated` is true. Throws std::invalid_argument
// naming the parameter ("v", "depth", "max_nodes", "max_edges") on bad arguments.
Subgraph neighborhood(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                      const NeighborhoodOptions& options = {});

// The nodes of neighborhood() without its caps and without edges: every node within `depth`
// (1..kMaxNeighborhoodDepth) hops of `v` over edges in either direction that `filter` admits, in
// BFS order with their depth, `v` first. For callers that need the whole reachable set (exports,
// benchmarks); the size is bounded only by the graph. Throws std::invalid_argument naming "v" or
// "depth".
std::vector<SubgraphNode> nodes_within(const KnowledgeGraph& g, KnowledgeGraph::Vertex v, int depth,
                                       const TypeFilter& filter = {},
                                       InForceFilter* in_force = nullptr);

}  // namespace regkg::graph
