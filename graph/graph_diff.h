// Two knowledge graphs compared as sets: nodes by id with every field (label, texts, date,
// attributes, provenance) and edges by (from id, to id, type) with provenance and note. Vertex
// order is not compared: a graph patched for changed sources appends what it re-makes. For the
// tests that a refresh equals a full rebuild (tests/snapshot/test_refresh_equals_rebuild.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

struct GraphDifference {
  std::vector<std::string> lines;  // at most the `max_lines` asked for, readable ("node x: …")
  size_t count = 0;                // every difference found, listed or not
  bool empty() const { return count == 0; }
};

// The differences between `a` and `b`, as sets: a node only in one, a node whose fields differ
// (each field named), an edge only in one, an edge whose provenance or note differ. Two edges of
// the same (from, to, type) cannot exist in one graph (add_edge refuses them). O(nodes + edges)
// with one hash table per graph. Thread-safe for unchanging graphs.
GraphDifference graph_difference(const KnowledgeGraph& a, const KnowledgeGraph& b,
                                 size_t max_lines = 20);

}  // namespace regkg::graph
