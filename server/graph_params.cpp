// Graph-related query parameters.
#include "server/graph_params.h"

#include "server/api_error.h"
#include "server/route_spec.h"

namespace regkg::server {

graph::KnowledgeGraph::Vertex vertex_param(const graph::KnowledgeGraph& g, const std::string& id,
                                           const char* name) {
  if (id.empty())
    throw ApiError(400, "missing_parameter", std::string("parameter '") + name + "' is required",
                   {{"parameter", name}});
  auto v = g.find(id);
  if (!v)
    throw ApiError(404, "unknown_id", "no node with id '" + id + "'",
                   {{"parameter", name}, {"id", id}});
  return *v;
}

std::optional<graph::KnowledgeGraph::Vertex> optional_vertex_param(const graph::KnowledgeGraph& g,
                                                                   const std::string& id,
                                                                   const char* name,
                                                                   const char* what) {
  if (id.empty()) return std::nullopt;
  auto v = g.find(id);
  if (!v)
    throw ApiError(404, "unknown_id", std::string("no ") + what + " with id '" + id + "'",
                   {{"parameter", name}});
  return v;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item =
        s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<graph::NodeKind> kinds_param(const RequestParams& params, const char* name) {
  std::vector<graph::NodeKind> kinds;
  for (const auto& k : params.list(name)) {
    auto kind = graph::node_kind_from_string(k);
    if (!kind)
      throw ApiError(400, "bad_parameter",
                     std::string("parameter '") + name + "': unknown node kind '" + k + "'",
                     {{"parameter", name}, {"value", k}});
    kinds.push_back(*kind);
  }
  return kinds;
}

std::optional<graph::InForceFilter> in_force_param(const RequestParams& params,
                                                   const graph::KnowledgeGraph& g) {
  const std::string& date = params.text("in_force_on");
  if (date.empty()) return std::nullopt;
  return std::optional<graph::InForceFilter>(std::in_place, g, date);
}

}  // namespace regkg::server
