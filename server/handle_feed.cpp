// GET /feed.atom: an Atom feed of new and changed versions, newest change first, with the time
// each entered regkg (from the snapshot's history). Narrowed by q (full text), instrument or actor.
#include <algorithm>
#include <set>

#include <httplib.h>

#include "graph/vocabulary.h"
#include "server/api_error.h"
#include "server/atom_feed.h"
#include "server/handlers.h"
#include "server/route_spec.h"
#include "snapshot/snapshot.h"
#include "text/percent_encoding.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;

// Ids keep their / and @ readable in feed links and entry ids.
std::string url_component(const std::string& s) { return text::percent_encode(s, "/@"); }

const std::string* out_neighbor_id(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                                   std::string_view type) {
  auto n = g.out_neighbor(v, type);
  return n ? &g.node(*n).id : nullptr;
}

}  // namespace

void handle_feed(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  const httplib::Request& req = params.request();
  const std::string& q = params.text("q");
  const std::string& instrument = params.text("instrument");
  const std::string& actor = params.text("actor");
  const size_t limit = params.integer("limit");
  const auto& snap = *ctx.snapshot;
  const KnowledgeGraph& g = *snap.graph;

  if (!instrument.empty()) {
    auto v = g.find(instrument);
    if (!v || g.node(*v).kind != graph::NodeKind::instrument)
      throw ApiError(404, "not_found", "no instrument with this id", {{"instrument", instrument}});
  }
  std::string actor_id;
  if (!actor.empty()) {
    for (const std::string& candidate : {actor, "actor/" + actor}) {
      auto v = g.find(candidate);
      if (v && g.node(*v).kind == graph::NodeKind::actor) actor_id = candidate;
    }
    if (actor_id.empty())
      throw ApiError(404, "not_found", "no actor with this id", {{"actor", actor}});
  }
  // Versions matching the full-text query (through any of their documents).
  std::set<std::string> matching;
  if (!q.empty()) {
    index::SearchRequest sr;
    sr.query = q;
    sr.limit = 100;
    sr.facets = false;
    try {
      for (const auto& hit : snap.searcher->search(sr).hits)
        if (!hit.version_id.empty()) matching.insert(hit.version_id);
    } catch (const index::QuerySyntaxError& e) {
      throw ApiError(400, "bad_query", std::string("query syntax: ") + e.what(),
                     {{"parameter", "q"}});
    }
  }

  struct Candidate {
    const std::string* id;
    const snapshot::VersionHistory* history;
  };
  std::vector<Candidate> candidates;
  for (const auto& [id, h] : snap.history.versions) {
    if (!q.empty() && !matching.count(id)) continue;
    auto v = g.find(id);
    if (!v) continue;
    if (!instrument.empty()) {
      const std::string* inst = out_neighbor_id(g, *v, graph::edge::kVersionOf);
      if (!inst || *inst != instrument) continue;
    }
    if (!actor_id.empty()) {
      bool issued = false;
      g.for_each_out_edge(*v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex o) {
        issued = issued || (g.edge(e).type == graph::edge::kIssuedBy && g.node(o).id == actor_id);
      });
      if (!issued) continue;
    }
    candidates.push_back({&id, &h});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.history->changed != b.history->changed) return a.history->changed > b.history->changed;
    return *a.id < *b.id;
  });
  if (candidates.size() > limit) candidates.resize(limit);

  AtomFeed feed;
  std::string query_string;
  for (const auto& [k, v] : req.params)
    query_string += (query_string.empty() ? "?" : "&") + url_component(k) + "=" + url_component(v);
  feed.id = "urn:regkg:feed" + (query_string.empty() ? "" : ":" + query_string);
  feed.title = "regkg: new and changed regulations";
  std::string narrowed;
  if (!q.empty()) narrowed += " matching \"" + q + "\"";
  if (!instrument.empty()) narrowed += " of " + instrument;
  if (!actor.empty()) narrowed += " issued by " + actor;
  feed.subtitle = "Versions as they entered regkg" + narrowed + "; snapshot " + snap.id;
  feed.self_link = "/feed.atom" + query_string;
  feed.alternate_link = "/";
  feed.updated = snap.manifest.created;
  for (const auto& c : candidates) feed.updated = std::max(feed.updated, c.history->changed);
  for (const auto& c : candidates) {
    auto v = *g.find(*c.id);
    const graph::NodeData& node = g.node(v);
    AtomEntry e;
    // Unique per version and change: a reader shows a changed text as a new item.
    e.id = "urn:regkg:version:" + url_component(*c.id) + ":" + c.history->snapshot_id;
    e.title = node.label + (node.date.empty() ? "" : " (" + node.date + ")");
    e.link = "/node.html?id=" + url_component(*c.id);
    e.published = c.history->first_seen;
    e.updated = c.history->changed;
    const bool is_new = c.history->first_seen == c.history->changed;
    const std::string* inst = out_neighbor_id(g, v, graph::edge::kVersionOf);
    e.summary = std::string(is_new ? "New in regkg: " : "Text changed in regkg: ") + node.label +
                (node.date.empty() ? "" : ", dated " + node.date) +
                (inst ? " (instrument " + *inst + ")" : "") + ". Version id " + *c.id + ".";
    g.for_each_out_edge(v, [&](KnowledgeGraph::Edge ed, KnowledgeGraph::Vertex o) {
      if (g.edge(ed).type == graph::edge::kIssuedBy) e.authors.push_back(g.node(o).label);
    });
    e.categories.push_back(is_new ? "new" : "changed");
    if (inst) e.categories.push_back(*inst);
    feed.entries.push_back(std::move(e));
  }
  res.set_content(render_atom(feed), "application/atom+xml; charset=utf-8");
}

}  // namespace regkg::server
