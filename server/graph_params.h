// Query parameters that name graph things: node ids, comma-separated lists, node kinds, and the
// in_force_on date turned into a filter. Each throws ApiError (400 malformed, 404 unknown id).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/in_force.h"
#include "graph/knowledge_graph.h"
#include "graph/node_kind.h"

namespace regkg::server {

class RequestParams;

// The vertex of `id`: 400 missing_parameter naming `name` when empty, 404 unknown_id when the
// graph has no such node.
graph::KnowledgeGraph::Vertex vertex_param(const graph::KnowledgeGraph& g, const std::string& id,
                                           const char* name);
// An optional filter naming a node: nothing when `id` is empty, its vertex when the graph has it,
// else 404 unknown_id "no <what> with id '…'" naming the parameter `name`.
std::optional<graph::KnowledgeGraph::Vertex> optional_vertex_param(const graph::KnowledgeGraph& g,
                                                                   const std::string& id,
                                                                   const char* name,
                                                                   const char* what);
// "a,b,c" -> {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> split_list(const std::string& s);
// A comma-separated list of node kinds; an unknown kind is a 400 naming it.
// `name` is a list parameter of the route.
std::vector<graph::NodeKind> kinds_param(const RequestParams& params, const char* name);
// The route's in_force_on parameter (validated as a date): an engaged filter when given.
std::optional<graph::InForceFilter> in_force_param(const RequestParams& params,
                                                   const graph::KnowledgeGraph& g);

}  // namespace regkg::server
