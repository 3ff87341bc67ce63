// GET /api/v1/suggest: instruments and actors whose title, id or alias contains the typed text,
// for the search page's suggestion list. A linear scan of the graph per request; answers are
// cached per snapshot and query string like the other read routes.
#include <httplib.h>

#include "graph/name_suggestions.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/handlers.h"
#include "server/request_params.h"

namespace regkg::server {

void handle_suggest(const HandlerContext& ctx, const httplib::Request& req,
                    httplib::Response& res) {
  reject_unknown_params(req, {"q", "kinds", "limit"});
  std::string q = text_param(req, "q", kSuggestMaxQueryBytes);
  while (!q.empty() && (q.back() == ' ' || q.back() == '\t')) q.pop_back();
  while (!q.empty() && (q.front() == ' ' || q.front() == '\t')) q.erase(0, 1);
  if (q.empty())
    throw ApiError(400, "missing_parameter", "parameter 'q' is required", {{"parameter", "q"}});
  std::vector<graph::NodeKind> kinds;
  std::string kinds_text = text_param(req, "kinds", 256);
  if (kinds_text.empty()) kinds_text = "instrument,actor";
  size_t start = 0;
  while (start <= kinds_text.size()) {
    size_t comma = kinds_text.find(',', start);
    std::string k = kinds_text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (!k.empty()) {
      auto kind = graph::node_kind_from_string(k);
      if (!kind)
        throw ApiError(400, "bad_parameter", "parameter 'kinds': unknown node kind '" + k + "'",
                       {{"parameter", "kinds"}, {"value", k}});
      kinds.push_back(*kind);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  auto limit = uint_param(req, "limit", kSuggestDefaultLimit, 1, kSuggestMaxLimit);
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
    if (s.matched != n.label) out.field("matched", s.matched);
    out.field("match", s.rank == 0 ? "exact" : s.rank == 1 ? "prefix" : "contains");
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
