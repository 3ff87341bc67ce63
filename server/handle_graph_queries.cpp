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
#include "server/request_params.h"

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
  if (!g.edge(e).note.empty()) out.field("note", g.edge(e).note);
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

void handle_neighbors(const HandlerContext& ctx, const httplib::Request& req,
                      httplib::Response& res) {
  reject_unknown_params(req,
                        {"direction", "type", "kind", "limit", "offset", "cursor", "in_force_on"});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex v = vertex_param(g, req.matches.size() > 1 ? std::string(req.matches[1]) : "", "id");
  graph::NeighborsOptions o;
  std::string dir = choice_param(req, "direction", "out|in|both");
  o.direction = dir == "out"  ? graph::Direction::out
                : dir == "in" ? graph::Direction::in
                              : graph::Direction::both;
  o.filter.edge_types = split_list(text_param(req, "type", 512));
  o.filter.node_kinds = kinds_param(req, "kind");
  o.limit = uint_param(req, "limit", 50, 1, graph::kMaxNeighborLimit);
  o.offset = page_start(req, ctx.snapshot->id, 10000000);
  std::string date = date_param(req, "in_force_on");
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

void handle_neighborhood(const HandlerContext& ctx, const httplib::Request& req,
                         httplib::Response& res) {
  reject_unknown_params(req, {"id", "depth", "types", "kinds", "limit", "in_force_on"});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex v = vertex_param(g, text_param(req, "id", 1024), "id");
  graph::NeighborhoodOptions o;
  o.depth = static_cast<int>(uint_param(req, "depth", 1, 1, graph::kMaxNeighborhoodDepth));
  o.filter.edge_types = split_list(text_param(req, "types", 512));
  o.filter.node_kinds = kinds_param(req, "kinds");
  o.max_nodes = uint_param(req, "limit", 500, 1, graph::kMaxNeighborhoodNodes);
  std::string date = date_param(req, "in_force_on");
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

void handle_paths(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  reject_unknown_params(req, {"from", "to", "max_length", "types", "k", "in_force_on"});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex from = vertex_param(g, text_param(req, "from", 1024), "from");
  Vertex to = vertex_param(g, text_param(req, "to", 1024), "to");
  graph::PathOptions o;
  o.max_length = static_cast<int>(uint_param(req, "max_length", 4, 1, graph::kMaxPathLength));
  o.k = static_cast<int>(uint_param(req, "k", 1, 1, graph::kMaxPaths));
  o.edge_types = split_list(text_param(req, "types", 512));
  // A request-sized budget: typical paths need a few hundred expansions; the worst k=5 searches
  // into article-heavy regions stop at ~50 ms and say truncated.
  o.expansion_budget = 50000;
  std::string date = date_param(req, "in_force_on");
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
      if (!g.edge(hop.edge).note.empty()) out.field("note", g.edge(hop.edge).note);
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

void handle_citations_graph(const HandlerContext& ctx, const httplib::Request& req,
                            httplib::Response& res) {
  reject_unknown_params(req, {"id", "depth", "direction", "in_force_on"});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  Vertex v = vertex_param(g, text_param(req, "id", 1024), "id");
  int depth = static_cast<int>(uint_param(req, "depth", 2, 1, graph::kMaxCitationDepth));
  std::string dir = choice_param(req, "direction", "out|in");
  auto in_force = in_force_param(req, g);
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

void handle_rankings_cited(const HandlerContext& ctx, const httplib::Request& req,
                           httplib::Response& res) {
  reject_unknown_params(req, {"kind", "limit", "offset", "in_force_on"});
  choice_param(req, "kind", "instrument");
  auto limit = uint_param(req, "limit", 20, 1, graph::kMaxMostCited);
  auto offset = uint_param(req, "offset", 0, 0, graph::kMaxMostCited - 1);
  if (offset + limit > graph::kMaxMostCited)
    throw ApiError(400, "limit_exceeded",
                   "offset + limit is " + std::to_string(offset + limit) +
                       "; the ranking has at most " + std::to_string(graph::kMaxMostCited) +
                       " places",
                   {{"parameter", "limit"}, {"maximum", std::to_string(graph::kMaxMostCited)}});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  auto in_force = in_force_param(req, g);
  auto ranked = invalid_to_400(
      [&] { return graph::most_cited(g, offset + limit, in_force ? &*in_force : nullptr); });
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("offset", offset);
  if (in_force) out.field("in_force_on", in_force->date());
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
