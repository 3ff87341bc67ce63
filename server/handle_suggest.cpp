// GET /api/v1/suggest: instruments and actors whose title, id or alias contains the typed text,
// for the search page's suggestion list. A linear scan of the graph per request; answers are
// cached per snapshot and query string like the other read routes.
#include <httplib.h>

#include "graph/name_suggestions.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/route_spec.h"

namespace regkg::server {

void handle_suggest(const HandlerContext& ctx, const RequestParams& params,
                    httplib::Response& res) {
  std::string q = params.text("q");
  while (!q.empty() && (q.back() == ' ' || q.back() == '\t')) q.pop_back();
  while (!q.empty() && (q.front() == ' ' || q.front() == '\t')) q.erase(0, 1);
  if (q.empty())
    throw ApiError(400, "missing_parameter", "parameter 'q' is required", {{"parameter", "q"}});
  std::vector<graph::NodeKind> kinds = kinds_param(params, "kinds");
  auto limit = params.integer("limit");
  const graph::KnowledgeGraph& g = *ctx.snapshot->graph;
  auto found = graph::suggest_names(g, q, kinds, limit);

  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("query", q);
  out.key("results");
  w.StartArray();
  for (const auto& s : found) {
    const graph::NodeData& n = g.node(s.vertex);
    w.StartObject();
    write_node_ref(out, n);
    out.field_or_null("matched", s.matched != n.label ? s.matched : std::string());
    out.field("match", s.rank == 0 ? "exact" : s.rank == 1 ? "prefix" : "contains");
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
