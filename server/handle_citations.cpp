// GET /api/v1/citations (what a node cites / what cites it, including through its articles) and
// GET /api/v1/citations/unresolved (cited titles that match no instrument in the corpus).
#include <algorithm>
#include <set>

#include <optional>

#include <httplib.h>

#include "graph/in_force.h"

#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/page_cursor.h"
#include "server/route_spec.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using Vertex = KnowledgeGraph::Vertex;

bool is_citation_edge(const std::string& type) { return type == "cites" || type == "legal_basis"; }

// The node itself plus, for an instrument or version, everything under it (versions, chapters,
// articles) — citations are made by articles but asked about by instrument.
std::vector<Vertex> scope_of(const KnowledgeGraph& g, Vertex root) {
  std::vector<Vertex> out{root};
  std::set<Vertex> seen{root};
  for (size_t i = 0; i < out.size(); ++i) {
    NodeKind k = g.node(out[i]).kind;
    if (k == NodeKind::article || k == NodeKind::paragraph) continue;
    g.for_each_in_edge(out[i], [&](KnowledgeGraph::Edge e, Vertex from) {
      const std::string& t = g.edge(e).type;
      if ((t == "part_of" || t == "version_of") && seen.insert(from).second) out.push_back(from);
    });
  }
  return out;
}

}  // namespace

void handle_citations(const HandlerContext& ctx, const RequestParams& params,
                      httplib::Response& res) {
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
  auto keep = [&](Vertex a, Vertex b) {
    return !in_force || (in_force->node_in_force(a) && in_force->node_in_force(b));
  };

  struct Item {
    Vertex from, to;
    KnowledgeGraph::Edge e;
  };
  std::vector<Item> items;
  for (Vertex s : scope_of(g, *v)) {
    if (direction == "out")
      g.for_each_out_edge(s, [&](KnowledgeGraph::Edge e, Vertex to) {
        if (is_citation_edge(g.edge(e).type) && keep(s, to)) items.push_back({s, to, e});
      });
    else
      g.for_each_in_edge(s, [&](KnowledgeGraph::Edge e, Vertex from) {
        if (is_citation_edge(g.edge(e).type) && keep(from, s)) items.push_back({from, s, e});
      });
  }
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
    out.field("type", g.edge(items[i].e).type);
    out.key("from");
    write_node_object(out, g.node(items[i].from));
    out.key("to");
    write_node_object(out, g.node(items[i].to));
    out.field("resolved", g.node(items[i].to).kind == NodeKind::citation ? std::string("no")
                                                                         : std::string("yes"));
    out.field("note", g.edge(items[i].e).note);
    out.key("provenance");
    write_provenance(out, g.edge(items[i].e).provenance);
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
  const httplib::Request& req = params.request();
  auto limit = params.integer("limit");
  auto offset = page_start(req, ctx.snapshot->id, kListMaxOffset);
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  // With a date: only citations made by texts in force on it (titles cited by none are dropped).
  auto in_force = in_force_param(params, g);
  auto citing = [&](Vertex from) { return !in_force || in_force->node_in_force(from); };
  std::vector<std::pair<size_t, Vertex>> records;  // (citing count, node)
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    if (bg[*it].kind != NodeKind::citation) continue;
    size_t count = 0;
    g.for_each_in_edge(*it, [&](KnowledgeGraph::Edge, Vertex from) { count += citing(from); });
    if (count > 0 || !in_force) records.emplace_back(count, *it);
  }
  std::sort(records.begin(), records.end(), [&g](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : g.node(a.second).id < g.node(b.second).id;
  });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("total", records.size());
  out.field("offset", offset);
  out.key("results");
  w.StartArray();
  for (size_t i = offset; i < records.size() && i < offset + limit; ++i) {
    Vertex v = records[i].second;
    w.StartObject();
    write_node_ref(out, g.node(v));
    out.field("cited_by_count", records[i].first);
    out.key("cited_by");
    w.StartArray();
    size_t shown = 0;
    g.for_each_in_edge(v, [&](KnowledgeGraph::Edge e, Vertex from) {
      if (!citing(from) || shown++ >= 5) return;
      w.StartObject();
      write_node_ref(out, g.node(from));
      out.key("provenance");
      write_provenance(out, g.edge(e).provenance);
      w.EndObject();
    });
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
