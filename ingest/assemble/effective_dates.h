// Effective dates of versions whose header gives none, from their own text: the commencement
// clause (本法自2023年7月1日起施行) becomes a "text.date.effective" event during extraction; when a
// version has exactly one such date and no "effective" attribute, it becomes the attribute (with
// "effective_from": "text"), so point-in-time queries see the 2023 Counter-espionage Law in force
// from 2023-07-01, not from its adoption on 2023-04-26. Run after extract_knowledge.
// Single-threaded.
#pragma once

#include <cstddef>

#include "graph/knowledge_graph.h"

namespace regkg::ingest {

// Returns the number of versions that got an effective date.
std::size_t effective_dates_from_text(graph::KnowledgeGraph& graph);

}  // namespace regkg::ingest
