// Name suggestions: the instruments and actors whose title, id or alias contains what a user has
// typed so far, best match first. Backs the search page's "did you mean" list (/api/v1/suggest).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

struct NameSuggestion {
  KnowledgeGraph::Vertex vertex;
  std::string matched;  // the name that matched (a label, an alias, an English name or the id)
  int rank = 0;         // 0 exact, 1 prefix, 2 contained; lower is better
};

// The nodes of `kinds` (all kinds when empty) with a name containing `query`, ASCII letters
// compared case-insensitively, at most `limit`, ordered by rank, then shorter label, then id.
// Names: the label, the id (without "actor/"), and the attributes name_zh, name_en, title_en,
// short_title and aliases ("; "-separated). An empty query gives nothing. Linear in the number
// of nodes; thread-safe on a const graph.
std::vector<NameSuggestion> suggest_names(const KnowledgeGraph& g, std::string_view query,
                                          const std::vector<NodeKind>& kinds, size_t limit);

}  // namespace regkg::graph
