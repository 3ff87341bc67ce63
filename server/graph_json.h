// JSON shapes shared by the graph routes: a node reference and an edge's provenance.
#pragma once

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

}  // namespace regkg::server
