// Obligations (deontic statements of articles) filtered by bearer, instrument, modality, text and
// date in force, and each one's fields as a plain record: what GET /api/v1/obligations lists.
// Read-only on the graph; safe to call concurrently on a const graph (each call its own
// InForceFilter).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"

namespace regkg::graph {

// Every criterion is optional; an empty filter admits every obligation.
struct ObligationFilter {
  std::optional<KnowledgeGraph::Vertex> bearer;  // bound to this actor (a binds edge to it)
  std::string instrument;                        // the obligation's instrument id; "" = any
  std::string modality;  // obligation | prohibition | permission | encouragement; "" = any
  std::string text;      // a byte substring of the Chinese or English text or the action
  InForceFilter* in_force = nullptr;  // only obligations of texts in force on its date
};

// The obligations matching `filter`, in graph (vertex) order, stable for one graph. O(nodes).
std::vector<KnowledgeGraph::Vertex> find_obligations(const KnowledgeGraph& g,
                                                     const ObligationFilter& filter);

// One obligation's fields. The views and pointers point into `g` and live as long as it does.
struct ObligationRecord {
  const NodeData* node = nullptr;                        // id, texts, provenance (source)
  std::string_view modality, bearer, action, condition;  // attributes ("" when absent)
  std::string_view bearer_rule;  // which rule gave the bearer ("" when absent: no bearer)
  std::string_view article_id, instrument_id, version_id;
  std::optional<KnowledgeGraph::Vertex> article, instrument;  // the nodes, when in the graph
  std::vector<KnowledgeGraph::Vertex> bearer_actors;          // targets of binds, in edge order
};

// The record of obligation `v` (any node works; its missing attributes are "").
ObligationRecord obligation_record(const KnowledgeGraph& g, KnowledgeGraph::Vertex v);

}  // namespace regkg::graph
