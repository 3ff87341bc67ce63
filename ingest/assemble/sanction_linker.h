// Sanction clauses into the graph: a `sanction` node per clause of an article, linked to its
// article (`sanction_of`), to the articles it enforces in the same version and their obligations
// and prohibitions (`sanctions`; not their permissions or encouragements, which cannot be
// breached; "本法" as a whole links to the version), and to the authority's actor when the
// alias dictionary knows it (`imposed_by`: 有关主管部门 -> actor/role-competent-departments). Every
// edge carries file, line or JSON path, rule, confidence and span. Called by extract_knowledge
// after the obligations of every article exist; not thread-safe (it changes the graph).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/extract/alias_dictionary.h"
#include "ingest/extract/sanction_extractor.h"

namespace regkg::ingest {

// Where the clauses were found: the article and its source.
struct SanctionSite {
  graph::KnowledgeGraph::Vertex article{};
  std::string article_id, version, instrument, date, json_path;
  graph::Symbol file;
  int line = 0;
};

struct SanctionLinkStats {
  size_t sanctions = 0, enforced_links = 0, obligation_links = 0, authority_links = 0;
};

// Adds the nodes and edges of `sanctions` (extract_sanctions_zh of the article's Chinese text).
void link_sanctions(graph::KnowledgeGraph& graph, const AliasDictionary& actors,
                    const SanctionSite& site, const std::vector<Sanction>& sanctions,
                    SanctionLinkStats& stats);

}  // namespace regkg::ingest
