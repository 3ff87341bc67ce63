// GET /api/v1/sanctions: sanction clauses filtered by instrument, imposing authority, measure,
// minimum fine and date in force; JSON or CSV.
#include <httplib.h>

#include <algorithm>
#include <optional>

#include "graph/in_force.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/handlers.h"
#include "server/request_params.h"
#include "server/route_spec.h"
#include "server/sanction_json.h"
#include "text/csv_field.h"

namespace regkg::server {

namespace {
namespace sanctions_route {

using graph::KnowledgeGraph;
using graph::NodeData;

std::string attribute(const NodeData& n, const char* key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

bool has_measure(const NodeData& n, const std::string& measure) {
  const std::string m = "," + attribute(n, "measures") + ",";
  return m.find("," + measure + ",") != std::string::npos;
}

// The largest fine on the violator in yuan, when the clause states one.
std::optional<std::uint64_t> fine_max(const NodeData& n) {
  const std::string v = attribute(n, "fine_max");
  if (v.empty() || v.size() > 18 ||
      !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoull(v);
}

}  // namespace sanctions_route
}  // namespace

void handle_sanctions(const HandlerContext& ctx, const RequestParams& params,
                      httplib::Response& res) {
  using namespace sanctions_route;
  const std::string& instrument = params.text("instrument");
  std::string authority = params.text("authority");
  if (!authority.empty() && authority.rfind("actor/", 0) != 0) authority = "actor/" + authority;
  const std::string& measure = params.text("measure");
  const bool by_fine = params.given("min_fine");
  const std::uint64_t min_fine = params.integer("min_fine");
  const std::string& in_force_on = params.text("in_force_on");
  const std::string& format = params.text("format");
  auto limit = params.integer("limit");
  if (format == "csv" && !params.given("limit")) limit = kCsvMaxRows;
  if (format != "csv") check_maximum("limit", params.text("limit"), limit, kListMaxLimit);
  const std::uint64_t offset = params.integer("offset");

  const KnowledgeGraph& g = *ctx.snapshot->graph;
  std::optional<KnowledgeGraph::Vertex> authority_v;
  if (!authority.empty()) {
    authority_v = g.find(authority);
    if (!authority_v)
      throw ApiError(404, "unknown_id", "no actor with id '" + authority + "'",
                     {{"parameter", "authority"}});
  }
  if (!instrument.empty() && !g.find(instrument))
    throw ApiError(404, "unknown_id", "no instrument with id '" + instrument + "'",
                   {{"parameter", "instrument"}});
  std::optional<graph::InForceFilter> in_force;
  if (!in_force_on.empty()) in_force.emplace(g, in_force_on);

  // Matching sanctions in graph order (stable across requests on one snapshot).
  std::vector<KnowledgeGraph::Vertex> matches;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& n = bg[*it];
    if (n.kind != graph::NodeKind::sanction) continue;
    if (!instrument.empty() && attribute(n, "instrument") != instrument) continue;
    if (!measure.empty() && !has_measure(n, measure)) continue;
    if (by_fine) {
      auto max = fine_max(n);
      if (!max || *max < min_fine) continue;
    }
    if (authority_v) {
      auto actors = sanction_neighbors(g, *it, "imposed_by");
      if (std::find(actors.begin(), actors.end(), *authority_v) == actors.end()) continue;
    }
    if (in_force && !in_force->node_in_force(*it)) continue;
    matches.push_back(*it);
  }

  if (format == "csv") {
    std::string csv =
        "id,article,instrument,version,authority,authority_actors,measures,fine_min,fine_max,"
        "fine_multiple_min,fine_multiple_max,fine_percent_max,fine_of,fine_persons_min,"
        "fine_persons_max,condition,enforces,enforced,text_zh,file,rule,confidence,span\n";
    for (size_t i = offset; i < matches.size() && i < offset + limit; ++i) {
      const NodeData& n = g.node(matches[i]);
      std::string actors, enforced;
      for (auto a : sanction_neighbors(g, matches[i], "imposed_by"))
        actors += (actors.empty() ? "" : ";") + g.node(a).id;
      for (auto t : sanction_neighbors(g, matches[i], "sanctions"))
        if (g.node(t).kind != graph::NodeKind::obligation)
          enforced += (enforced.empty() ? "" : ";") + g.node(t).id;
      for (const std::string& f : {n.id,
                                   attribute(n, "article"),
                                   attribute(n, "instrument"),
                                   attribute(n, "version"),
                                   attribute(n, "authority"),
                                   actors,
                                   attribute(n, "measures"),
                                   attribute(n, "fine_min"),
                                   attribute(n, "fine_max"),
                                   attribute(n, "fine_multiple_min"),
                                   attribute(n, "fine_multiple_max"),
                                   attribute(n, "fine_percent_max"),
                                   attribute(n, "fine_of"),
                                   attribute(n, "fine_persons_min"),
                                   attribute(n, "fine_persons_max"),
                                   attribute(n, "condition"),
                                   attribute(n, "enforces"),
                                   enforced,
                                   n.text_zh,
                                   n.source.file.str(),
                                   n.source.rule.str()})
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
  if (!in_force_on.empty()) out.field("in_force_on", in_force_on);
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
