// Shared vocabulary of the graph queries (neighborhood, path_finder, citation_network): traversal
// directions, filters and result shapes. Plain data; no behaviour beyond small helpers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/node_kind.h"

namespace regkg::graph {

// Which incident edges of a node a query follows.
enum class Direction { out, in, both };
// How one edge was walked: from its source to its target (forward) or against it (backward).
enum class Traversal { forward, backward };

std::string_view to_string(Direction d);
std::string_view to_string(Traversal t);

// A filter on edge types and node kinds; an empty list admits everything.
struct TypeFilter {
  std::vector<std::string> edge_types;
  std::vector<NodeKind> node_kinds;

  bool admits_edge(const EdgeData& e) const;
  bool admits_node(const NodeData& n) const;
};

// A node of a query's result with its distance (in hops) from the query's start.
struct SubgraphNode {
  KnowledgeGraph::Vertex vertex;
  int depth = 0;
};

// A set of nodes and the edges among them. `truncated` says a cap or budget cut the result short.
struct Subgraph {
  std::vector<SubgraphNode> nodes;
  std::vector<KnowledgeGraph::Edge> edges;
  bool truncated = false;
};

namespace detail {
// Throws std::invalid_argument naming `param` unless v is a vertex of g.
void check_vertex(const KnowledgeGraph& g, KnowledgeGraph::Vertex v, const char* param);
// Throws std::invalid_argument naming `param` unless lo <= value <= hi.
void check_range(long long value, long long lo, long long hi, const char* param);
}  // namespace detail

}  // namespace regkg::graph
