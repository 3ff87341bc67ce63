// JSON shapes shared by the graph routes: a node reference, an edge's provenance and where a
// clause stands.
#pragma once

#include <optional>
#include <string_view>

#include "graph/knowledge_graph.h"
#include "server/json_output.h"

namespace regkg::server {

// Writes the members id, kind, label, date (inside an object the caller opened).
void write_node_ref(JsonOutput& out, const graph::NodeData& n);
// Writes a whole node-reference object {id, kind, label, date} (as an array element, or as the
// value of a key the caller wrote).
void write_node_object(JsonOutput& out, const graph::NodeData& n);
// Writes a provenance object.
void write_provenance(JsonOutput& out, const graph::Provenance& p);
// Writes the members text {zh?, en?}, article {ref or empty}, instrument {ref or empty} and
// version of a clause (an obligation or a sanction) found in an article.
void write_clause_site(JsonOutput& out, const graph::KnowledgeGraph& g, const graph::NodeData& n,
                       std::optional<graph::KnowledgeGraph::Vertex> article,
                       std::optional<graph::KnowledgeGraph::Vertex> instrument,
                       std::string_view version_id);

}  // namespace regkg::server
