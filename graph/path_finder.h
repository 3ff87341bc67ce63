// Shortest connections between two nodes of the knowledge graph, walking edges in either
// direction ("how is JD.com related to the CAC?"): up to k shortest simple paths by hop count
// (BFS, and Yen's algorithm for k > 1), with a node-expansion budget so a query on a large graph
// always ends. Read-only: safe to call concurrently on a const graph, with one InForceFilter per
// call.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/query_types.h"

namespace regkg::graph {

inline constexpr int kMaxPathLength = 8;
inline constexpr int kMaxPaths = 5;
inline constexpr size_t kDefaultExpansionBudget = 200000;
inline constexpr size_t kMaxExpansionBudget = 10000000;

struct PathHop {
  KnowledgeGraph::Edge edge;
  KnowledgeGraph::Vertex from;  // the node the hop leaves
  KnowledgeGraph::Vertex to;    // the node it reaches
  Traversal direction;          // forward: along the edge (from is its source); backward: against
};
using Path = std::vector<PathHop>;

struct PathOptions {
  int max_length = 4;                   // hops, 1..kMaxPathLength
  int k = 1;                            // paths wanted, 1..kMaxPaths
  std::vector<std::string> edge_types;  // edges that may be walked; empty = all
  // Nodes taken off the search queue and scanned, summed over all searches of the call,
  // 1..kMaxExpansionBudget. When spent, the search stops and reports truncated.
  size_t expansion_budget = kDefaultExpansionBudget;
  // Optional: intermediate nodes not in force on its date are not walked through.
  InForceFilter* in_force = nullptr;
};

struct PathResult {
  std::vector<Path> paths;  // distinct simple paths, shortest first (ties: discovery order)
  bool truncated = false;   // the budget ran out: more or shorter paths may exist
  size_t expansions = 0;    // nodes expanded (work done)
};

// Up to k shortest simple paths from `from` to `to` of at most max_length hops. from == to gives
// one empty path; no path gives none. Throws std::invalid_argument naming the parameter ("from",
// "to", "max_length", "k", "expansion_budget") on bad arguments.
PathResult shortest_paths(const KnowledgeGraph& g, KnowledgeGraph::Vertex from,
                          KnowledgeGraph::Vertex to, const PathOptions& options = {});

}  // namespace regkg::graph
