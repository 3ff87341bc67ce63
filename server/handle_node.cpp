// GET /api/v1/nodes/{id}: a node's properties, provenance, ancestors and its edges grouped by type
// and direction, each group paged.
#include <algorithm>
#include <map>

#include <httplib.h>

#include "graph/vocabulary.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/json_output.h"
#include "server/route_spec.h"
#include "text/utf8_validation.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;
using graph::NodeData;

long ordinal_of(const NodeData& n) {
  const std::string* o = n.attr(graph::attr::kOrdinal);
  if (!o || o->empty() || o->size() > 9 || o->find_first_not_of("0123456789") != std::string::npos)
    return 1L << 40;
  return std::stol(*o);
}

struct EdgeItem {
  KnowledgeGraph::Edge edge;
  KnowledgeGraph::Vertex other;
};

}  // namespace

void handle_node(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  std::string id = params.text("id");
  if (id.empty() || !text::is_valid_utf8(id) || id.size() > 1024)
    throw ApiError(400, "bad_parameter", "the node id in the path is empty, too long or not UTF-8",
                   {{"parameter", "id"}});
  unsigned limit = static_cast<unsigned>(params.integer("limit"));
  std::uint64_t offset = params.integer("offset");
  std::string only_type = params.text("group_type");
  std::string only_dir = params.text("group_direction");

  const auto& snap = ctx.snapshot;
  const KnowledgeGraph& g = *snap->graph;
  auto v = g.find(id);
  if (!v) throw ApiError(404, "unknown_id", "no node with id '" + id + "'", {{"id", id}});
  const NodeData& n = g.node(*v);
  // With a date: only neighbours in force then (versions, articles, obligations …; the node itself
  // is shown whatever its date).
  auto in_force = in_force_param(params, g);

  // Group edges by (direction, type), keeping insertion order; children by document order.
  std::map<std::pair<std::string, std::string>, std::vector<EdgeItem>> groups;
  g.for_each_out_edge(*v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex o) {
    if (!in_force || in_force->node_in_force(o)) groups[{"out", g.edge(e).type}].push_back({e, o});
  });
  g.for_each_in_edge(*v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex o) {
    if (!in_force || in_force->node_in_force(o)) groups[{"in", g.edge(e).type}].push_back({e, o});
  });
  if (auto it = groups.find({"in", std::string(graph::edge::kPartOf)}); it != groups.end())
    std::stable_sort(it->second.begin(), it->second.end(),
                     [&g](const EdgeItem& a, const EdgeItem& b) {
                       return ordinal_of(g.node(a.other)) < ordinal_of(g.node(b.other));
                     });

  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.key("node");
  w.StartObject();
  write_node_ref(out, n);
  out.key("text");
  w.StartObject();
  out.field_or_null("zh", n.text_zh);
  out.field_or_null("en", n.text_en);
  w.EndObject();
  out.key("attributes");
  w.StartObject();
  for (const auto& [k, val] : n.attrs) out.field(k, val);
  w.EndObject();
  out.key("source");
  write_provenance(out, n.source);
  w.EndObject();

  // Ancestors: follow part_of, then version_of, up to the instrument (root first).
  std::vector<KnowledgeGraph::Vertex> chain;
  KnowledgeGraph::Vertex cur = *v;
  for (int depth = 0; depth < 12; ++depth) {
    auto up = g.out_neighbor(cur, graph::edge::kPartOf);
    if (!up) up = g.out_neighbor(cur, graph::edge::kVersionOf);
    if (!up || g.node(*up).kind == graph::NodeKind::jurisdiction ||
        g.node(*up).kind == graph::NodeKind::actor)
      break;
    chain.push_back(*up);
    cur = *up;
  }
  out.key("ancestors");
  w.StartArray();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    write_node_object(out, g.node(*it));
  }
  w.EndArray();

  out.key("edge_groups");
  w.StartArray();
  for (const auto& [key, items] : groups) {
    const auto& [dir, type] = key;
    if (!only_type.empty() && type != only_type) continue;
    if (!only_dir.empty() && dir != only_dir) continue;
    w.StartObject();
    out.field("type", type);
    out.field("direction", dir);
    out.field("total", items.size());
    out.field("offset", offset);
    out.key("items");
    w.StartArray();
    for (size_t i = offset; i < items.size() && i < offset + limit; ++i) {
      const NodeData& other = g.node(items[i].other);
      const graph::EdgeData& e = g.edge(items[i].edge);
      w.StartObject();
      write_node_ref(out, other);
      out.field_or_null("note", e.note);
      out.key("provenance");
      write_provenance(out, e.provenance);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", snap->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
