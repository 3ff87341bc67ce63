// GET /api/v1/obligations: deontic statements filtered by bearer, instrument, modality, date in
// force and text; JSON or CSV.
#include <httplib.h>

#include "graph/in_force.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/handlers.h"
#include "server/page_cursor.h"
#include "server/request_params.h"
#include "server/route_spec.h"
#include "server/sanction_json.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;
using graph::NodeData;

std::string attr_of(const NodeData& n, const char* key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void handle_obligations(const HandlerContext& ctx, const RequestParams& params,
                        httplib::Response& res) {
  const httplib::Request& req = params.request();
  std::string bearer = params.text("bearer");
  if (!bearer.empty() && bearer.rfind("actor/", 0) != 0) bearer = "actor/" + bearer;
  const std::string& instrument = params.text("instrument");
  const std::string& modality = params.text("modality");
  const std::string& in_force_on = params.text("in_force_on");
  const std::string& q = params.text("q");
  const std::string& format = params.text("format");
  // A CSV export is a download: all matches by default, up to kCsvMaxRows (the route's cap); the
  // JSON list is paged, at most kListMaxLimit a page.
  auto limit = params.integer("limit");
  if (format == "csv" && !params.given("limit")) limit = kCsvMaxRows;
  if (format != "csv") check_maximum("limit", params.text("limit"), limit, kListMaxLimit);
  auto offset = page_start(req, ctx.snapshot->id, kListMaxOffset);

  const KnowledgeGraph& g = *ctx.snapshot->graph;
  std::optional<KnowledgeGraph::Vertex> bearer_v;
  if (!bearer.empty()) {
    bearer_v = g.find(bearer);
    if (!bearer_v)
      throw ApiError(404, "unknown_id", "no actor with id '" + bearer + "'",
                     {{"parameter", "bearer"}});
  }
  if (!instrument.empty() && !g.find(instrument))
    throw ApiError(404, "unknown_id", "no instrument with id '" + instrument + "'",
                   {{"parameter", "instrument"}});
  std::optional<graph::InForceFilter> in_force;
  if (!in_force_on.empty()) in_force.emplace(g, in_force_on);

  // Matching obligations in graph order (stable across requests on one snapshot).
  std::vector<KnowledgeGraph::Vertex> matches;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& n = bg[*it];
    if (n.kind != graph::NodeKind::obligation) continue;
    if (!modality.empty() && attr_of(n, "modality") != modality) continue;
    if (!instrument.empty() && attr_of(n, "instrument") != instrument) continue;
    if (bearer_v) {
      bool binds = false;
      g.for_each_out_edge(*it, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
        binds = binds || (to == *bearer_v && g.edge(e).type == "binds");
      });
      if (!binds) continue;
    }
    if (!q.empty() && n.text_zh.find(q) == std::string::npos &&
        n.text_en.find(q) == std::string::npos && attr_of(n, "action").find(q) == std::string::npos)
      continue;
    if (in_force && !in_force->node_in_force(*it)) continue;
    matches.push_back(*it);
  }

  auto bearers_of = [&g](KnowledgeGraph::Vertex v) {
    std::vector<const NodeData*> out;
    g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
      if (g.edge(e).type == "binds") out.push_back(&g.node(to));
    });
    return out;
  };

  if (format == "csv") {
    std::string csv =
        "id,article,instrument,version,modality,bearer,bearer_actors,action,condition,text_zh,text_"
        "en,"
        "file,rule,confidence,span\n";
    for (size_t i = offset; i < matches.size() && i < offset + limit; ++i) {
      const NodeData& n = g.node(matches[i]);
      std::string actors;
      for (const NodeData* a : bearers_of(matches[i]))
        actors += (actors.empty() ? "" : ";") + a->id;
      for (const std::string& f :
           {n.id, attr_of(n, "article"), attr_of(n, "instrument"), attr_of(n, "version"),
            attr_of(n, "modality"), attr_of(n, "bearer"), actors, attr_of(n, "action"),
            attr_of(n, "condition"), n.text_zh, n.text_en, n.source.file.str(),
            n.source.rule.str()})
        csv += csv_field(f) + ",";
      csv += std::to_string(n.source.confidence) + "," + csv_field(n.source.span) + "\n";
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
  if (!in_force_on.empty()) out.field("in_force_on", in_force_on);
  out.key("results");
  w.StartArray();
  for (size_t i = offset; i < matches.size() && i < offset + limit; ++i) {
    const NodeData& n = g.node(matches[i]);
    w.StartObject();
    out.field("id", n.id);
    out.field("modality", attr_of(n, "modality"));
    out.field("bearer", attr_of(n, "bearer"));
    out.key("bearer_actors");
    w.StartArray();
    for (const NodeData* a : bearers_of(matches[i])) {
      write_node_object(out, *a);
    }
    w.EndArray();
    out.field("action", attr_of(n, "action"));
    out.field("condition", attr_of(n, "condition"));
    out.key("text");
    w.StartObject();
    if (!n.text_zh.empty()) out.field("zh", n.text_zh);
    if (!n.text_en.empty()) out.field("en", n.text_en);
    w.EndObject();
    std::string article = attr_of(n, "article");
    out.key("article");
    w.StartObject();
    if (auto av = g.find(article)) write_node_ref(out, g.node(*av));
    w.EndObject();
    out.key("instrument");
    w.StartObject();
    if (auto iv = g.find(attr_of(n, "instrument"))) write_node_ref(out, g.node(*iv));
    w.EndObject();
    out.field("version", attr_of(n, "version"));
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
