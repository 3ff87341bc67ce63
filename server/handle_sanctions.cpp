// GET /api/v1/sanctions: sanction clauses filtered by instrument, imposing authority, measure,
// minimum fine and date in force (graph/sanction_query.h); JSON or CSV.
#include <httplib.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/in_force.h"
#include "graph/sanction_query.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/request_params.h"
#include "server/route_spec.h"
#include "server/sanction_json.h"
#include "text/csv_field.h"

namespace regkg::server {

void handle_sanctions(const HandlerContext& ctx, const RequestParams& params,
                      httplib::Response& res) {
  using graph::KnowledgeGraph;
  using graph::NodeData;
  std::string authority = params.text("authority");
  if (!authority.empty() && authority.rfind("actor/", 0) != 0) authority = "actor/" + authority;
  const std::string& in_force_on = params.text("in_force_on");
  const std::string& format = params.text("format");
  auto limit = params.integer("limit");
  if (format == "csv" && !params.given("limit")) limit = kCsvMaxRows;
  if (format != "csv") check_maximum("limit", params.text("limit"), limit, kListMaxLimit);
  const std::uint64_t offset = params.integer("offset");

  const KnowledgeGraph& g = *ctx.snapshot->graph;
  graph::SanctionFilter filter;
  filter.instrument = params.text("instrument");
  filter.measure = params.text("measure");
  if (params.given("min_fine")) filter.min_fine = params.integer("min_fine");
  filter.authority = optional_vertex_param(g, authority, "authority", "actor");
  optional_vertex_param(g, filter.instrument, "instrument", "instrument");
  std::optional<graph::InForceFilter> in_force;
  if (!in_force_on.empty()) filter.in_force = &in_force.emplace(g, in_force_on);

  // Matching sanctions in graph order (stable across requests on one snapshot).
  const std::vector<KnowledgeGraph::Vertex> matches = graph::find_sanctions(g, filter);

  if (format == "csv") {
    std::string csv =
        "id,article,instrument,version,authority,authority_actors,measures,fine_min,fine_max,"
        "fine_multiple_min,fine_multiple_max,fine_percent_max,fine_of,fine_persons_min,"
        "fine_persons_max,condition,enforces,enforced,text_zh,file,rule,confidence,span\n";
    for (size_t i = offset; i < matches.size() && i < offset + limit; ++i) {
      const graph::SanctionRecord r = graph::sanction_record(g, matches[i]);
      const NodeData& n = *r.node;
      std::string actors, enforced;
      for (KnowledgeGraph::Vertex a : r.authority_actors)
        actors += (actors.empty() ? "" : ";") + g.node(a).id;
      for (KnowledgeGraph::Vertex t : r.enforced)
        enforced += (enforced.empty() ? "" : ";") + g.node(t).id;
      for (std::string_view f :
           std::initializer_list<std::string_view>{n.id,
                                                   r.article_id,
                                                   r.instrument_id,
                                                   r.version_id,
                                                   r.authority,
                                                   actors,
                                                   r.measures,
                                                   r.fine.min,
                                                   r.fine.max,
                                                   r.fine.multiple_min,
                                                   r.fine.multiple_max,
                                                   r.fine.percent_max,
                                                   r.fine_of.value_or(std::string_view()),
                                                   r.fine_persons_min,
                                                   r.fine_persons_max,
                                                   r.condition,
                                                   r.enforces,
                                                   enforced,
                                                   n.text_zh,
                                                   n.source.file,
                                                   n.source.rule})
        csv += text::csv_field(f) + ",";
      csv += std::to_string(n.source.confidence) + "," + text::csv_field(n.source.span) + "\n";
    }
    res.set_header("Content-Disposition", "attachment; filename=\"sanctions.csv\"");
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
  for (size_t i = offset; i < matches.size() && i < offset + limit; ++i)
    write_sanction(out, g, matches[i]);
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
