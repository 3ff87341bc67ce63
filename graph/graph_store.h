// Reads and writes a KnowledgeGraph as one binary file (the graph part of a snapshot).
// Format: magic, format version, string table, nodes, edges, checksum (see graph_store.cpp).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

class GraphStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr unsigned kGraphFormatVersion = 4;

// Writes `graph` to `path` (the caller handles atomic placement). Throws GraphStoreError on I/O
// failure.
void save_graph(const KnowledgeGraph& graph, const std::filesystem::path& path);

// Reads a graph written by save_graph. Throws GraphStoreError naming the file when it is missing,
// truncated, of another format version, or fails its checksum.
KnowledgeGraph load_graph(const std::filesystem::path& path);
// The same into an empty graph the caller owns (e.g. inside a shared_ptr). Prefer this to moving
// a returned graph: Boost's adjacency_list has no move constructor, so a "move" deep-copies.
void load_graph(const std::filesystem::path& path, KnowledgeGraph& into);

}  // namespace regkg::graph
