// Reads one version of an instrument out of the knowledge graph as a VersionText: its articles in
// document order (found through part_of edges, under parts, chapters and sections), with their
// numbers, texts and extracted obligations. Read-only on the graph; thread-safe for a const graph.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "diff/version_text.h"
#include "graph/knowledge_graph.h"

namespace regkg::diff {

// The version node `id`, or nullopt when there is no node of kind version with that id.
std::optional<VersionText> load_version(const graph::KnowledgeGraph& graph, std::string_view id);
VersionText load_version(const graph::KnowledgeGraph& graph, graph::KnowledgeGraph::Vertex version);

// The number of articles under a version (without reading their texts).
std::size_t count_articles(const graph::KnowledgeGraph& graph,
                           graph::KnowledgeGraph::Vertex version);

// The comparable key of an article: the last segment of its id ("art-17", "art-17-1", "rec-3"),
// so recitals and articles of the same number never collide.
std::string article_number_key(std::string_view article_id);

}  // namespace regkg::diff
