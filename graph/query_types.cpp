// Query vocabulary helpers: filters, names of directions, argument checks.
#include "graph/query_types.h"

#include <algorithm>
#include <stdexcept>

namespace regkg::graph {

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::out:
      return "out";
    case Direction::in:
      return "in";
    case Direction::both:
      return "both";
  }
  return "both";
}

std::string_view to_string(Traversal t) { return t == Traversal::forward ? "forward" : "backward"; }

bool TypeFilter::admits_edge(const EdgeData& e) const {
  return edge_types.empty() ||
         std::find(edge_types.begin(), edge_types.end(), e.type) != edge_types.end();
}

bool TypeFilter::admits_node(const NodeData& n) const {
  return node_kinds.empty() ||
         std::find(node_kinds.begin(), node_kinds.end(), n.kind) != node_kinds.end();
}

namespace detail {

void check_vertex(const KnowledgeGraph& g, KnowledgeGraph::Vertex v, const char* param) {
  if (v >= g.node_count())
    throw std::invalid_argument(std::string(param) + ": vertex " + std::to_string(v) +
                                " is not in the graph (" + std::to_string(g.node_count()) +
                                " nodes)");
}

void check_range(long long value, long long lo, long long hi, const char* param) {
  if (value < lo || value > hi)
    throw std::invalid_argument(std::string(param) + " must be between " + std::to_string(lo) +
                                " and " + std::to_string(hi) + ", got " + std::to_string(value));
}

}  // namespace detail
}  // namespace regkg::graph
