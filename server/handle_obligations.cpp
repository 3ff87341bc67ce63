// GET /api/v1/obligations: deontic statements filtered by bearer, instrument, modality, date in
// force and text (graph/obligation_query.h); JSON or CSV.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "graph/in_force.h"
#include "graph/obligation_query.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/page_cursor.h"
#include "server/request_params.h"
#include "server/route_spec.h"
#include "server/sanction_json.h"
#include "text/csv_field.h"

namespace regkg::server {

void handle_obligations(const HandlerContext& ctx, const RequestParams& params,
                        httplib::Response& res) {
  using graph::KnowledgeGraph;
  using graph::NodeData;
  const httplib::Request& req = params.request();
  std::string bearer = params.text("bearer");
  if (!bearer.empty() && bearer.rfind("actor/", 0) != 0) bearer = "actor/" + bearer;
  const std::string& in_force_on = params.text("in_force_on");
  const std::string& format = params.text("format");
  // A CSV export is a download: all matches by default, up to kCsvMaxRows (the route's cap); the
  // JSON list is paged, at most kListMaxLimit a page.
  auto limit = params.integer("limit");
  if (format == "csv" && !params.given("limit")) limit = kCsvMaxRows;
  if (format != "csv") check_maximum("limit", params.text("limit"), limit, kListMaxLimit);
  auto offset = page_start(req, ctx.snapshot->id, kListMaxOffset);

  const KnowledgeGraph& g = *ctx.snapshot->graph;
  graph::ObligationFilter filter;
  filter.instrument = params.text("instrument");
  filter.modality = params.text("modality");
  filter.text = params.text("q");
  filter.bearer = optional_vertex_param(g, bearer, "bearer", "actor");
  optional_vertex_param(g, filter.instrument, "instrument", "instrument");
  std::optional<graph::InForceFilter> in_force;
  if (!in_force_on.empty()) filter.in_force = &in_force.emplace(g, in_force_on);

  // Matching obligations in graph order (stable across requests on one snapshot).
  const std::vector<KnowledgeGraph::Vertex> matches = graph::find_obligations(g, filter);

  if (format == "csv") {
    // text::csv_field: besides quoting, drops NUL and bytes that are not well-formed UTF-8.
    std::string csv =
        "id,article,instrument,version,modality,bearer,bearer_actors,bearer_rule,action,condition,"
        "text_zh,text_en,file,rule,confidence,span\n";
    for (size_t i = offset; i < matches.size() && i < offset + limit; ++i) {
      const graph::ObligationRecord r = graph::obligation_record(g, matches[i]);
      const NodeData& n = *r.node;
      std::string actors;
      for (KnowledgeGraph::Vertex a : r.bearer_actors)
        actors += (actors.empty() ? "" : ";") + g.node(a).id;
      for (std::string_view f : std::initializer_list<std::string_view>{
               n.id, r.article_id, r.instrument_id, r.version_id, r.modality, r.bearer, actors,
               r.bearer_rule, r.action, r.condition, n.text_zh, n.text_en, n.source.file,
               n.source.rule})
        csv += text::csv_field(f) + ",";
      csv += std::to_string(n.source.confidence) + "," + text::csv_field(n.source.span) + "\n";
    }
    res.set_header("Content-Disposition", "attachment; filename=\"obligations.csv\"");
    res.set_content(csv, "text/csv; charset=utf-8");
    return;
  }

  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("total", matches.size());
  out.field("offset", offset);
  out.field("limit", limit);
  out.field_or_null("in_force_on", in_force_on);
  out.key("results");
  w.StartArray();
  for (size_t i = offset; i < matches.size() && i < offset + limit; ++i) {
    const graph::ObligationRecord r = graph::obligation_record(g, matches[i]);
    const NodeData& n = *r.node;
    w.StartObject();
    out.field("id", n.id);
    out.field("modality", r.modality);
    out.field("bearer", r.bearer);
    out.key("bearer_actors");
    w.StartArray();
    for (KnowledgeGraph::Vertex a : r.bearer_actors) write_node_object(out, g.node(a));
    w.EndArray();
    out.field_or_null("bearer_rule", r.bearer_rule);
    out.field("action", r.action);
    out.field("condition", r.condition);
    write_clause_site(out, g, n, r.article, r.instrument, r.version_id);
    write_if_violated(out, g, matches[i]);
    out.key("provenance");
    write_provenance(out, n.source);
    w.EndObject();
  }
  w.EndArray();
  out.field_or_null("next_cursor", next_cursor(req, ctx.snapshot->id, offset + limit,
                                               limit == 0 ? 0 : matches.size()));
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
