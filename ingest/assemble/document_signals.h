// What the graph knows about a searchable node beyond its own text, worked out once per ingest: for
// the index's ranking signal, whether its version is in force, and for a Chinese-only article, the
// English of the same text in another version of its instrument (Compass's aligned translations).
// Immutable once built; safe to share by threads.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::ingest {

class DocumentSignals {
 public:
  // O(nodes + edges); reads `graph` only.
  explicit DocumentSignals(const graph::KnowledgeGraph& graph);

  // Versions, articles, instruments: in force as of the latest text (not superseded by a later
  // version, repealed, ceased or a draft). Other nodes (news): true.
  bool in_force(graph::KnowledgeGraph::Vertex v) const;
  // The English of the same Chinese text in another version of the article's instrument (bigram
  // similarity at least kAlignedSimilarity), or null.
  const std::string* aligned_english(graph::KnowledgeGraph::Vertex article) const;

  static constexpr double kAlignedSimilarity = 0.8;

 private:
  std::vector<char> in_force_;  // by vertex
  std::unordered_map<graph::KnowledgeGraph::Vertex, std::string> aligned_;
};

// True for an article that defines the terms of its law (本法下列用语的含义, "Definitions",
// "For the purposes of this Regulation: … means"): it matches every concept of the law, so it is
// ranked below the articles that state a rule.
bool is_definitions_article(const graph::NodeData& article);

}  // namespace regkg::ingest
