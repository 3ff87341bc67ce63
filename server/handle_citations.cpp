// GET /api/v1/citations (what a node cites / what cites it, including through its articles) and
// GET /api/v1/citations/unresolved (cited titles that match no instrument in the corpus); the
// listings are graph/citation_query.h.
#include <optional>

#include <httplib.h>

#include "graph/citation_query.h"
#include "graph/in_force.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/page_cursor.h"
#include "server/route_spec.h"

namespace regkg::server {

void handle_citations(const HandlerContext& ctx, const RequestParams& params,
                      httplib::Response& res) {
  using graph::KnowledgeGraph;
  using graph::NodeKind;
  const httplib::Request& req = params.request();
  const std::string& id = params.text("id");
  const std::string& direction = params.text("direction");
  auto limit = params.integer("limit");
  auto offset = page_start(req, ctx.snapshot->id, kListMaxOffset);
  const std::string& in_force_on = params.text("in_force_on");
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  auto v = g.find(id);
  if (!v) throw ApiError(404, "unknown_id", "no node with id '" + id + "'", {{"id", id}});
  // With a date, only citations between texts in force on it (both ends).
  std::optional<graph::InForceFilter> in_force;
  if (!in_force_on.empty()) in_force.emplace(g, in_force_on);
  const std::vector<graph::CitationItem> items =
      graph::citations_of(g, *v, direction == "out" ? graph::Direction::out : graph::Direction::in,
                          in_force ? &*in_force : nullptr);
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("id", id);
  out.field("direction", direction);
  out.field("total", items.size());
  out.field("offset", offset);
  out.key("results");
  w.StartArray();
  for (size_t i = offset; i < items.size() && i < offset + limit; ++i) {
    w.StartObject();
    out.field("type", g.edge(items[i].edge).type);
    out.key("from");
    write_node_object(out, g.node(items[i].from));
    out.key("to");
    write_node_object(out, g.node(items[i].to));
    out.field("resolved", g.node(items[i].to).kind == NodeKind::citation ? std::string("no")
                                                                         : std::string("yes"));
    out.field_or_null("note", g.edge(items[i].edge).note);
    out.key("provenance");
    write_provenance(out, g.edge(items[i].edge).provenance);
    w.EndObject();
  }
  w.EndArray();
  out.field_or_null("next_cursor", next_cursor(req, ctx.snapshot->id, offset + limit,
                                               limit == 0 ? 0 : items.size()));
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_citations_unresolved(const HandlerContext& ctx, const RequestParams& params,
                                 httplib::Response& res) {
  using graph::KnowledgeGraph;
  const httplib::Request& req = params.request();
  auto limit = params.integer("limit");
  auto offset = page_start(req, ctx.snapshot->id, kListMaxOffset);
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  // With a date: only citations made by texts in force on it (titles cited by none are dropped).
  auto in_force = in_force_param(params, g);
  graph::InForceFilter* filter = in_force ? &*in_force : nullptr;
  const std::vector<graph::UnresolvedCitation> records = graph::unresolved_citations(g, filter);
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("total", records.size());
  out.field("offset", offset);
  out.key("results");
  w.StartArray();
  for (size_t i = offset; i < records.size() && i < offset + limit; ++i) {
    const KnowledgeGraph::Vertex v = records[i].citation;
    w.StartObject();
    write_node_ref(out, g.node(v));
    out.field("cited_by_count", records[i].cited_by_count);
    out.key("cited_by");
    w.StartArray();
    for (const graph::CitationItem& c : graph::unresolved_cited_by(g, v, 5, filter)) {
      w.StartObject();
      write_node_ref(out, g.node(c.from));
      out.key("provenance");
      write_provenance(out, g.edge(c.edge).provenance);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  out.field_or_null("next_cursor", next_cursor(req, ctx.snapshot->id, offset + limit,
                                               limit == 0 ? 0 : records.size()));
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
