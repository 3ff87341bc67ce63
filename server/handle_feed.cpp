// GET /feed.atom: Atom feeds of what happens to the rules, newest first by the rules' own dates
// (atom_feed_entries.h): every instrument's versions and effective dates, or those of one
// instrument (?instrument=), what names one actor (?actor=: the instruments it issued, the
// obligations binding it, news and articles mentioning it), or a saved search (?q=: the newest of
// the best matching documents). Links are absolute under the request's host, ids are tag: URIs of
// node ids (the same after every ingest of the same corpus).
#include <algorithm>

#include <httplib.h>

#include "graph/vocabulary.h"
#include "server/api_error.h"
#include "server/atom_feed.h"
#include "server/atom_feed_entries.h"
#include "server/handlers.h"
#include "server/public_base_url.h"
#include "server/route_spec.h"
#include "snapshot/snapshot.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;

// Matches a search feed ranks before keeping the newest: the feed follows the best of them.
constexpr unsigned kSearchFeedMatches = 200;

}  // namespace

void handle_feed(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  const std::string& q = params.text("q");
  const std::string& instrument = params.text("instrument");
  const std::string& actor = params.text("actor");
  const size_t limit = params.integer("limit");
  const auto& snap = *ctx.snapshot;
  const KnowledgeGraph& g = *snap.graph;
  std::string given;
  for (const auto& [name, value] :
       {std::pair{"q", &q}, {"instrument", &instrument}, {"actor", &actor}})
    if (!value->empty()) given += (given.empty() ? "" : ", ") + std::string(name);
  if (given.find(',') != std::string::npos)
    throw ApiError(400, "bad_parameter",
                   "one feed at a time: give at most one of q, instrument and actor",
                   {{"parameters", given}});
  // The snapshot's day: what took effect by then is dated on that day (instrument_items).
  const std::string today = snap.manifest.created.substr(0, 10);
  const std::string base = public_base_url(params.request());

  AtomFeed feed;
  feed.base = base;
  std::vector<FeedItem> items;
  std::string self_query;
  if (!instrument.empty()) {
    auto v = g.find(instrument);
    if (!v || g.node(*v).kind != graph::NodeKind::instrument)
      throw ApiError(404, "not_found", "no instrument with this id", {{"instrument", instrument}});
    const graph::NodeData& n = g.node(*v);
    items = instrument_items(g, snap.history, *v, today);
    self_query = "?instrument=" + uri_component(n.id);
    feed.id = feed_tag("feed/instrument/" + n.id);
    feed.title = "regkg: " + n.label;
    feed.subtitle = "Versions of " + n.label + " as published, amended and taking effect";
    feed.alternate_link = node_page_url(base, n.id);
  } else if (!actor.empty()) {
    std::optional<KnowledgeGraph::Vertex> found;
    for (const std::string& candidate : {actor, "actor/" + actor}) {
      auto v = g.find(candidate);
      if (v && g.node(*v).kind == graph::NodeKind::actor) found = v;
    }
    if (!found) throw ApiError(404, "not_found", "no actor with this id", {{"actor", actor}});
    const graph::NodeData& n = g.node(*found);
    items = actor_items(g, snap.history, *found, today);
    const std::string slug = n.id.substr(n.id.rfind("actor/", 0) == 0 ? 6 : 0);
    self_query = "?actor=" + uri_component(slug);
    feed.id = feed_tag("feed/" + n.id);
    feed.title = "regkg: " + n.label;
    feed.subtitle = "Instruments issued by " + n.label +
                    ", obligations binding it, and texts and news naming it";
    feed.alternate_link = base + "actor.html?id=" + uri_component(slug);
  } else if (!q.empty()) {
    index::SearchRequest sr;
    sr.query = q;
    sr.limit = kSearchFeedMatches;
    sr.facets = false;
    try {
      items = search_items(g, snap.history, snap.searcher->search(sr).hits);
    } catch (const index::QuerySyntaxError& e) {
      throw ApiError(400, "bad_query", std::string("query syntax: ") + e.what(),
                     {{"parameter", "q"}});
    }
    self_query = "?q=" + uri_component(q);
    feed.id = feed_tag("feed/search?q=" + q);
    feed.title = "regkg: search \u201c" + q + "\u201d";
    feed.subtitle = "The newest of the documents that best match \u201c" + q + "\u201d";
    feed.alternate_link = base + self_query;
  } else {
    items = all_instrument_items(g, snap.history, today);
    feed.id = feed_tag("feed");
    feed.title = "regkg: new and changed regulations";
    feed.subtitle = "Versions of every instrument as published, amended and taking effect";
    feed.alternate_link = base;
  }
  keep_newest(items, limit);
  feed.self_link = base + "feed.atom" + self_query;
  if (params.given("limit")) {
    feed.self_link += self_query.empty() ? "?" : "&";
    feed.self_link += "limit=" + std::to_string(limit);
  }
  // The feed changed last when its newest entry did (an empty one: when the snapshot was made).
  feed.updated = items.empty() ? snap.manifest.created : items.front().updated();
  for (const FeedItem& item : items) feed.entries.push_back(to_atom_entry(item, base));
  res.set_content(render_atom(feed), "application/atom+xml; charset=utf-8");
}

}  // namespace regkg::server
