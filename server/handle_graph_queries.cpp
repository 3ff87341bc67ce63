// Relationship routes over graph/: GET /api/v1/nodes/{id}/neighbors, /api/v1/neighborhood,
// /api/v1/paths, /api/v1/citations/graph and /api/v1/rankings/cited. The graph library throws
// std::invalid_argument naming a parameter; that becomes a 400 here.
#include <stdexcept>

#include <httplib.h>

#include "graph/citation_network.h"
#include "graph/in_force.h"
#include "graph/neighborhood.h"
#include "graph/path_finder.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/page_cursor.h"
#include "server/route_spec.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;
using Vertex = KnowledgeGraph::Vertex;

void write_edge(JsonOutput& out, const KnowledgeGraph& g, KnowledgeGraph::Edge e) {
  auto& w = out.writer();
  w.StartObject();
  out.field("from", g.node(boost::source(e, g.boost_graph())).id);
  out.field("to", g.node(boost::target(e, g.boost_graph())).id);
  out.field("type", g.edge(e).type);
  out.field_or_null("note", g.edge(e).note);
  out.key("provenance");
  write_provenance(out, g.edge(e).provenance);
  w.EndObject();
}

// "nodes": [{id, kind, label, date, depth}], as neighbourhoods and citation networks return them.
void write_nodes_with_depth(JsonOutput& out, const KnowledgeGraph& g,
                            const std::vector<graph::SubgraphNode>& nodes) {
  auto& w = out.writer();
  out.key("nodes");
  w.StartArray();
  for (const auto& n : nodes) {
    w.StartObject();
    write_node_ref(out, g.node(n.vertex));
    out.field("depth", static_cast<std::uint64_t>(n.depth));
    w.EndObject();
  }
  w.EndArray();
}

template <typename F>
auto invalid_to_400(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, "bad_parameter", e.what());
  }
}

}  // namespace

void handle_neighbors(const HandlerContext& ctx, const RequestParams& params,
                      httplib::Response& res) {
  const httplib::Request& req = params.request();
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex v = vertex_param(g, params.text("id"), "id");
  graph::NeighborsOptions o;
  const std::string& dir = params.text("direction");
  o.direction = dir == "out"  ? graph::Direction::out
                : dir == "in" ? graph::Direction::in
                              : graph::Direction::both;
  o.filter.edge_types = params.list("type");
  o.filter.node_kinds = kinds_param(params, "kind");
  o.limit = params.integer("limit");
  o.offset = page_start(req, ctx.snapshot->id, kListMaxOffset);
  const std::string& date = params.text("in_force_on");
  std::optional<graph::InForceFilter> in_force;
  if (!date.empty()) o.in_force = &in_force.emplace(g, date);
  auto page = invalid_to_400([&] { return graph::neighbors(g, v, o); });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("id", g.node(v).id);
  out.field("total", page.total);
  out.field("offset", o.offset);
  out.key("results");
  w.StartArray();
  for (const auto& n : page.items) {
    w.StartObject();
    write_node_ref(out, g.node(n.neighbor));
    out.field("direction", n.direction == graph::Traversal::forward ? "out" : "in");
    out.field("type", g.edge(n.edge).type);
    out.key("provenance");
    write_provenance(out, g.edge(n.edge).provenance);
    w.EndObject();
  }
  w.EndArray();
  out.field_or_null("next_cursor",
                    next_cursor(req, ctx.snapshot->id, o.offset + o.limit, page.total));
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_neighborhood(const HandlerContext& ctx, const RequestParams& params,
                         httplib::Response& res) {
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex v = vertex_param(g, params.text("id"), "id");
  graph::NeighborhoodOptions o;
  o.depth = static_cast<int>(params.integer("depth"));
  o.filter.edge_types = params.list("types");
  o.filter.node_kinds = kinds_param(params, "kinds");
  o.max_nodes = params.integer("limit");
  const std::string& date = params.text("in_force_on");
  std::optional<graph::InForceFilter> in_force;
  if (!date.empty()) o.in_force = &in_force.emplace(g, date);
  auto sub = invalid_to_400([&] { return graph::neighborhood(g, v, o); });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("id", g.node(v).id);
  out.field("depth", static_cast<std::uint64_t>(o.depth));
  w.Key("truncated");
  w.Bool(sub.truncated);
  write_nodes_with_depth(out, g, sub.nodes);
  out.key("edges");
  w.StartArray();
  for (const auto& e : sub.edges) write_edge(out, g, e);
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_paths(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex from = vertex_param(g, params.text("from"), "from");
  Vertex to = vertex_param(g, params.text("to"), "to");
  graph::PathOptions o;
  o.max_length = static_cast<int>(params.integer("max_length"));
  o.k = static_cast<int>(params.integer("k"));
  o.edge_types = params.list("types");
  // A request-sized budget: typical paths need a few hundred expansions; the worst k=5 searches
  // into article-heavy regions stop at ~50 ms and say truncated.
  o.expansion_budget = 50000;
  const std::string& date = params.text("in_force_on");
  std::optional<graph::InForceFilter> in_force;
  if (!date.empty()) o.in_force = &in_force.emplace(g, date);
  auto result = invalid_to_400([&] { return graph::shortest_paths(g, from, to, o); });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("from", g.node(from).id);
  out.field("to", g.node(to).id);
  w.Key("truncated");
  w.Bool(result.truncated);
  out.key("paths");
  w.StartArray();
  for (const auto& path : result.paths) {
    w.StartObject();
    out.field("length", path.size());
    out.key("hops");
    w.StartArray();
    for (const auto& hop : path) {
      w.StartObject();
      out.key("from");
      write_node_object(out, g.node(hop.from));
      out.key("to");
      write_node_object(out, g.node(hop.to));
      out.field("type", g.edge(hop.edge).type);
      out.field("direction", hop.direction == graph::Traversal::forward ? "forward" : "backward");
      out.field_or_null("note", g.edge(hop.edge).note);
      out.key("provenance");
      write_provenance(out, g.edge(hop.edge).provenance);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_citations_graph(const HandlerContext& ctx, const RequestParams& params,
                            httplib::Response& res) {
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex v = vertex_param(g, params.text("id"), "id");
  int depth = static_cast<int>(params.integer("depth"));
  const std::string& dir = params.text("direction");
  auto in_force = in_force_param(params, g);
  auto network = invalid_to_400([&] {
    return graph::citation_network(g, v, depth,
                                   dir == "in" ? graph::Direction::in : graph::Direction::out,
                                   in_force ? &*in_force : nullptr);
  });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("id", g.node(v).id);
  out.field("depth", static_cast<std::uint64_t>(depth));
  out.field("direction", dir.empty() ? "out" : dir);
  write_nodes_with_depth(out, g, network.nodes);
  out.key("links");
  w.StartArray();
  for (const auto& l : network.links) {
    w.StartObject();
    out.field("from", g.node(l.from).id);
    out.field("to", g.node(l.to).id);
    out.key("evidence");
    w.StartArray();
    for (const auto& e : l.evidence) write_edge(out, g, e);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_rankings_cited(const HandlerContext& ctx, const RequestParams& params,
                           httplib::Response& res) {
  auto limit = params.integer("limit");
  auto offset = params.integer("offset");
  if (offset + limit > graph::kMaxMostCited)
    throw ApiError(400, "limit_exceeded",
                   "offset + limit is " + std::to_string(offset + limit) +
                       "; the ranking has at most " + std::to_string(graph::kMaxMostCited) +
                       " places",
                   {{"parameter", "limit"}, {"maximum", std::to_string(graph::kMaxMostCited)}});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  auto in_force = in_force_param(params, g);
  auto ranked = invalid_to_400(
      [&] { return graph::most_cited(g, offset + limit, in_force ? &*in_force : nullptr); });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("offset", offset);
  out.field_or_null("in_force_on", in_force ? in_force->date() : std::string());
  out.key("results");
  w.StartArray();
  for (size_t i = offset; i < ranked.size(); ++i) {
    const auto& r = ranked[i];
    w.StartObject();
    write_node_ref(out, g.node(r.instrument));
    out.field("rank", static_cast<std::uint64_t>(i + 1));
    out.field("citing_instruments", r.citing_instruments);
    out.field_double("pagerank", r.pagerank);
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
