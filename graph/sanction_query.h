// Sanctions (the penalty clauses of liability articles) filtered by instrument, imposing authority,
// measure, minimum fine and date in force, each one's fields as a plain record, and the sanctions
// that enforce a provision: what GET /api/v1/sanctions lists and GET /api/v1/obligations shows as
// "if violated". Read-only on the graph; safe to call concurrently on a const graph (each call its
// own InForceFilter).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"

namespace regkg::graph {

// Every criterion is optional; an empty filter admits every sanction.
struct SanctionFilter {
  std::string instrument;                           // the sanction's instrument id; "" = any
  std::optional<KnowledgeGraph::Vertex> authority;  // imposed by this actor (an imposed_by edge)
  std::string measure;  // one of its measures (warning, fine …, the bytes between commas); "" = any
  // Its largest fine on the violator (fine_max) is at least this many yuan; a sanction stating
  // none never matches.
  std::optional<std::uint64_t> min_fine;
  InForceFilter* in_force = nullptr;  // only sanctions of texts in force on its date
};

// The sanctions matching `filter`, in graph (vertex) order, stable for one graph. O(nodes).
std::vector<KnowledgeGraph::Vertex> find_sanctions(const KnowledgeGraph& g,
                                                   const SanctionFilter& filter);

// A fine's amounts on the violator as the attributes hold them ("" when absent): yuan, or
// multiples or percents of what SanctionRecord::fine_of names. sanction_amount reads them.
struct SanctionFineText {
  std::string_view min, max, multiple_min, multiple_max, percent_min, percent_max;
};

// One sanction's fields. The views and pointers point into `g` and live as long as it does.
struct SanctionRecord {
  const NodeData* node = nullptr;                             // id, text, provenance (source)
  std::string_view authority, measures, condition, enforces;  // attributes ("" when absent)
  SanctionFineText fine;                                      // on the violator
  std::optional<std::string_view> fine_of;  // set (maybe "") when it has multiples or percents
  std::string_view fine_persons_min, fine_persons_max;  // yuan, on the responsible persons
  std::string_view article_id, instrument_id, version_id;
  std::optional<KnowledgeGraph::Vertex> article, instrument;  // the nodes, when in the graph
  std::vector<KnowledgeGraph::Vertex> authority_actors;       // targets of imposed_by, edge order
  // Targets of its sanctions edges in edge order: the articles and versions it enforces, and
  // apart the obligations of those articles.
  std::vector<KnowledgeGraph::Vertex> enforced, obligations_enforced;
};

// The record of sanction `v` (any node works; its missing attributes are "").
SanctionRecord sanction_record(const KnowledgeGraph& g, KnowledgeGraph::Vertex v);

// An amount as the extractor writes it ("500000"): nullopt unless 1 to 18 decimal digits.
std::optional<std::uint64_t> sanction_amount(std::string_view text);

// The sanctions with a sanctions edge to `target` (an obligation, article or version), in the
// order of its in-edges.
std::vector<KnowledgeGraph::Vertex> sanctions_enforcing(const KnowledgeGraph& g,
                                                        KnowledgeGraph::Vertex target);

}  // namespace regkg::graph
