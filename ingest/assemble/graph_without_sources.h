// The first step of patching a graph for changed sources (BENCHMARKS.md, "Refresh"): a copy of
// the graph without every node and edge that only the dropped contributors wrote (global passes
// aside), with its
// contribution records carried over, and what the rest of the patch must re-make: the kept nodes
// a dropped contributor also wrote (their merged fields are order-dependent) and the contributors
// that lost an edge because its other end was dropped (an unchanged article citing a dropped one
// must be resolved again). Vertex order is the original's minus the dropped.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/assemble/source_contributions.h"

namespace regkg::ingest {

struct GraphWithoutSources {
  // The copy's vertex of each original vertex, SourceContributions::kNotKept when dropped.
  std::vector<graph::KnowledgeGraph::Vertex> vertex_map;
  std::vector<graph::KnowledgeGraph::Vertex> shared_nodes;  // in the copy, in vertex order
  std::set<std::string> orphaned_contributors;              // lost an edge to a dropped node
  size_t dropped_nodes = 0, dropped_edges = 0;
};

// Copies `graph` into `into` (empty; reserved like the original) without the nodes and edges a
// contributor in `dropped` wrote and nothing else did but global passes ("pass:…", which the patch
// redoes), and without edges to or from a dropped node;
// `into_records` gets the records of what was kept. A node or edge nothing recorded is kept.
// Single-threaded; `graph` and `records` are only read.
GraphWithoutSources copy_without_sources(const graph::KnowledgeGraph& graph,
                                         const SourceContributions& records,
                                         const std::set<std::string>& dropped,
                                         graph::KnowledgeGraph& into,
                                         SourceContributions& into_records);

}  // namespace regkg::ingest
