// The concept table a snapshot's index is searched with (index/concept_table.h), assembled at
// ingest from what regkg already knows: the curated concepts (corpus/dictionaries/concepts.json)
// first, then every actor's names (京东 = JD.com = 京东集团) from the alias dictionary, then every
// instrument's titles from the graph (个人信息保护法 = Personal Information Protection Law = PIPL).
// A form keeps the first group that lists it. Pure function; the caller owns the inputs.
#pragma once

#include <string>

#include "graph/knowledge_graph.h"
#include "ingest/extract/alias_dictionary.h"

namespace regkg::ingest {

// The merged table as JSON ({"concepts": [{"id", "en": [...], "zh": [...]}]}), ready for the
// index folder. `curated_json` may be empty (no concepts.json).
std::string build_concept_table_json(const std::string& curated_json, const AliasDictionary& actors,
                                     const graph::KnowledgeGraph& graph);

}  // namespace regkg::ingest
