// JSON shape of a version in the versions routes (/api/v1/instruments/{id}, /api/v1/diff): id,
// label, dates, status (draft or final), article count and its lineage edges.
#pragma once

#include <optional>

#include "graph/knowledge_graph.h"
#include "server/json_output.h"

namespace regkg::server {

// Writes a whole version object (as an array element, or as the value of a key the caller wrote);
// "in_force" is `in_force`, null when not given (no day was asked about).
void write_version_object(JsonOutput& out, const graph::KnowledgeGraph& g,
                          graph::KnowledgeGraph::Vertex version,
                          std::optional<bool> in_force = std::nullopt);

}  // namespace regkg::server
