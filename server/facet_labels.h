// People's words for the values of /api/v1/search's facets, which are internal ids
// (role-algorithm-provider, cn/pipl, cn): the label to show and, where the graph knows them, the
// names in Chinese and English (actors' dictionary names, instruments' titles, jurisdictions').
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"

namespace regkg::server {

struct FacetLabel {
  std::string label;  // never empty: the value itself when nothing better is known
  std::string zh;     // "" when unknown
  std::string en;     // "" when unknown
};

// The words for `value` of the facet named `facet` (kind, instrument, jurisdiction, year,
// modality, actor, issuer). Reads the graph only; thread-safe on a graph nobody writes.
FacetLabel facet_label(const graph::KnowledgeGraph& g, std::string_view facet,
                       std::string_view value);

}  // namespace regkg::server
