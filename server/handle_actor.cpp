// GET /api/v1/actors/{id}: an actor with its aliases, the instruments it issued, the obligations
// that bind it, the news and articles that mention it, and a dated timeline.
#include <algorithm>
#include <tuple>

#include <httplib.h>

#include "graph/vocabulary.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/route_spec.h"
#include "text/utf8_validation.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using Vertex = KnowledgeGraph::Vertex;

// In-neighbours over edges of `type` whose source is of `kind`.
std::vector<std::pair<Vertex, KnowledgeGraph::Edge>> in_by(const KnowledgeGraph& g, Vertex v,
                                                           std::string_view type, NodeKind kind) {
  std::vector<std::pair<Vertex, KnowledgeGraph::Edge>> out;
  g.for_each_in_edge(v, [&](KnowledgeGraph::Edge e, Vertex from) {
    if (g.edge(e).type == type && g.node(from).kind == kind) out.emplace_back(from, e);
  });
  return out;
}

}  // namespace

void handle_actor(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  std::string id = params.text("id");
  if (id.empty() || !text::is_valid_utf8(id) || id.size() > 512)
    throw ApiError(400, "bad_parameter", "the actor id in the path is empty, too long or not UTF-8",
                   {{"parameter", "id"}});
  if (id.rfind("actor/", 0) != 0) id = "actor/" + id;
  auto limit = params.integer("limit");
  auto offset = params.integer("offset");
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  // With a date: instruments, obligations and articles in force then (news and the actor stay).
  auto in_force = in_force_param(params, g);
  auto v = g.find(id);
  if (!v || g.node(*v).kind != NodeKind::actor)
    throw ApiError(404, "unknown_id", "no actor with id '" + id + "'", {{"id", id}});
  const NodeData& a = g.node(*v);

  JsonOutput out;
  auto& w = out.writer();
  auto list = [&](const char* name,
                  const std::vector<std::pair<Vertex, KnowledgeGraph::Edge>>& items) {
    out.key(name);
    w.StartObject();
    out.field("total", items.size());
    out.field("offset", offset);
    out.key("items");
    w.StartArray();
    for (size_t i = offset; i < items.size() && i < offset + limit; ++i) {
      w.StartObject();
      write_node_ref(out, g.node(items[i].first));
      out.field_or_null("note", g.edge(items[i].second).note);
      out.key("provenance");
      write_provenance(out, g.edge(items[i].second).provenance);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  };

  w.StartObject();
  out.key("actor");
  w.StartObject();
  write_node_ref(out, a);
  out.key("attributes");
  w.StartObject();
  for (const auto& [k, val] : a.attrs) out.field(k, val);
  w.EndObject();
  out.key("aliases");
  w.StartArray();
  if (const std::string* aliases = a.attr(graph::attr::kAliases)) {
    size_t start = 0;
    while (start < aliases->size()) {
      size_t sep = aliases->find("; ", start);
      out.string(
          aliases->substr(start, sep == std::string::npos ? std::string::npos : sep - start));
      if (sep == std::string::npos) break;
      start = sep + 2;
    }
  }
  w.EndArray();
  out.key("source");
  write_provenance(out, a.source);
  w.EndObject();

  auto issued = in_by(g, *v, graph::edge::kIssuedBy, NodeKind::instrument);
  auto obligations = in_by(g, *v, graph::edge::kBinds, NodeKind::obligation);
  auto news = in_by(g, *v, graph::edge::kMentions, NodeKind::news);
  auto articles = in_by(g, *v, graph::edge::kMentions, NodeKind::article);
  if (in_force)
    for (auto* list : {&issued, &obligations, &articles})
      list->erase(
          std::remove_if(list->begin(), list->end(),
                         [&](const auto& item) { return !in_force->node_in_force(item.first); }),
          list->end());
  // Newest news first; instruments by title.
  std::sort(news.begin(), news.end(), [&g](const auto& x, const auto& y) {
    return std::tie(g.node(x.first).date, g.node(x.first).id) >
           std::tie(g.node(y.first).date, g.node(y.first).id);
  });
  list("issued", issued);
  list("obligations", obligations);
  list("news", news);
  list("mentioned_in_articles", articles);

  // Timeline: the dated events of the instruments it issued (and their versions), and the news.
  struct Entry {
    std::string date, type, label, subject;
  };
  std::vector<Entry> timeline;
  auto events_of = [&](Vertex owner, const std::string& subject) {
    g.for_each_out_edge(owner, [&](KnowledgeGraph::Edge e, Vertex to) {
      if (g.edge(e).type != graph::edge::kHasEvent) return;
      const NodeData& ev = g.node(to);
      const std::string* type = ev.attr(graph::attr::kEventType);
      timeline.push_back({ev.date, type ? *type : std::string("event"), ev.label, subject});
    });
  };
  for (const auto& [inst, e] : issued) {
    events_of(inst, g.node(inst).id);
    g.for_each_in_edge(inst, [&](KnowledgeGraph::Edge ve, Vertex version) {
      if (g.edge(ve).type == graph::edge::kVersionOf) events_of(version, g.node(version).id);
    });
  }
  for (const auto& [n, e] : news)
    timeline.push_back({g.node(n).date, "news", g.node(n).label, g.node(n).id});
  std::sort(timeline.begin(), timeline.end(), [](const Entry& x, const Entry& y) {
    return std::tie(x.date, x.subject, x.type) < std::tie(y.date, y.subject, y.type);
  });
  timeline.erase(std::unique(timeline.begin(), timeline.end(),
                             [](const Entry& x, const Entry& y) {
                               return x.date == y.date && x.type == y.type &&
                                      x.subject == y.subject;
                             }),
                 timeline.end());
  out.key("timeline");
  w.StartArray();
  for (size_t i = offset; i < timeline.size() && i < offset + limit; ++i) {
    w.StartObject();
    out.field_or_null("date", timeline[i].date);
    out.field("type", timeline[i].type);
    out.field("label", timeline[i].label);
    out.field("subject", timeline[i].subject);
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", ctx.snapshot->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
