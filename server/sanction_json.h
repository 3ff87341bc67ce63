// JSON shapes of sanction nodes (graph kind `sanction`, see ingest/assemble/sanction_linker.h; read
// through graph/sanction_query.h): the full record of GET /api/v1/sanctions and the short
// "if violated" list of an obligation. Read-only on the graph; thread-safe for concurrent readers.
#pragma once

#include "graph/knowledge_graph.h"
#include "server/json_output.h"

namespace regkg::server {

// Writes one sanction object: id, authority, authority_actors, measures, fine,
// fine_responsible_persons (null when the clause sets none), condition, enforces (as written),
// enforced (the articles and versions it links to), obligations_enforced (their count), text,
// article, instrument, version, provenance.
void write_sanction(JsonOutput& out, const graph::KnowledgeGraph& g,
                    graph::KnowledgeGraph::Vertex sanction);

// Writes the key "if_violated" and the sanctions that enforce `obligation` (a `sanctions` edge to
// it: the sanction names its article), each {id, authority, measures, fine_max?, condition}; an
// empty list when none.
void write_if_violated(JsonOutput& out, const graph::KnowledgeGraph& g,
                       graph::KnowledgeGraph::Vertex obligation);

}  // namespace regkg::server
