// The feed entries: versions' dated steps, what names an actor, search hits.
#include "server/atom_feed_entries.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "graph/version_history.h"
#include "graph/vocabulary.h"
#include "server/public_base_url.h"
#include "text/percent_encoding.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using Vertex = KnowledgeGraph::Vertex;

// The tag: URI's tagging entity: the name "regkg" and a fixed date, so ids never change.
constexpr const char* kTagPrefix = "tag:regkg,2026:";

bool is_feed_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

std::string feed_attr(const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

// A title in people's words: the label, and the English title when it says something else.
std::string feed_title_of(const NodeData& n) {
  std::string en = feed_attr(n, graph::attr::kTitleEn);
  if (en.empty()) en = feed_attr(n, graph::attr::kLabelEn);
  if (en.empty() || n.label.find(en) != std::string::npos) return n.label;
  return n.label + " · " + en;
}

// The history of a version: when regkg first had it and, if later, when its text changed.
void set_feed_history(FeedItem& item, const snapshot::SnapshotHistory& history,
                      const std::string& version_id) {
  auto it = history.versions.find(version_id);
  if (it == history.versions.end()) return;
  item.first_seen = it->second.first_seen;
  if (it->second.changed != it->second.first_seen) item.changed = it->second.changed;
}

std::string feed_node_page(std::string_view id) { return "node.html?id=" + uri_component(id); }

std::vector<std::string> feed_issuers(const KnowledgeGraph& g, Vertex version, Vertex instrument) {
  std::vector<std::string> out;
  for (Vertex v : {version, instrument}) {
    g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, Vertex to) {
      if (g.edge(e).type == graph::edge::kIssuedBy) out.push_back(g.node(to).label);
    });
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> feed_categories(const NodeData& inst) {
  std::vector<std::string> out{inst.id};
  std::string jurisdiction = feed_attr(inst, graph::attr::kJurisdiction);
  if (!jurisdiction.empty()) out.push_back("jurisdiction/" + jurisdiction);
  return out;
}

// The instrument a version (or any node with a version_of edge) belongs to.
std::optional<Vertex> feed_instrument_of(const KnowledgeGraph& g, Vertex version) {
  return g.out_neighbor(version, graph::edge::kVersionOf);
}

}  // namespace

std::string FeedItem::updated() const {
  std::string at = date + "T00:00:00Z";
  return changed > at ? changed : at;
}

std::string feed_tag(std::string_view key) { return kTagPrefix + text::percent_encode(key, "/@:"); }

std::vector<FeedItem> instrument_items(const KnowledgeGraph& g,
                                       const snapshot::SnapshotHistory& history, Vertex instrument,
                                       const std::string& today) {
  const NodeData& inst = g.node(instrument);
  const std::string title = feed_title_of(inst);
  std::vector<FeedItem> out;
  for (const graph::VersionEntry& ve : graph::versions_of(g, instrument)) {
    const NodeData& version = g.node(ve.vertex);
    FeedItem base;
    base.page = feed_node_page(ve.id);
    set_feed_history(base, history, ve.id);
    base.authors = feed_issuers(g, ve.vertex, instrument);
    base.categories = feed_categories(inst);
    // A version without a full date of its own is placed by when regkg first had it.
    std::string date = ve.date;
    if (!is_feed_date(date) && base.first_seen.size() >= 10) date = base.first_seen.substr(0, 10);
    if (!is_feed_date(date)) continue;
    base.date = date;

    FeedItem step = base;
    std::vector<std::string> older;
    g.for_each_out_edge(ve.vertex, [&](KnowledgeGraph::Edge e, Vertex to) {
      // A final text replacing only its draft is the first one published, not an amendment.
      if (g.edge(e).type == graph::edge::kSupersedes &&
          feed_attr(g.node(to), graph::attr::kStatus) != "draft")
        older.push_back(g.node(to).date);
    });
    std::sort(older.begin(), older.end());
    const std::string effective = feed_attr(version, graph::attr::kEffective);
    if (ve.draft) {
      const std::string published = feed_attr(version, graph::attr::kPublished);
      if (is_feed_date(published)) step.date = published;
      const std::string deadline = feed_attr(version, graph::attr::kCommentDeadline);
      step.key = ve.id + "/draft";
      step.title = title + ": draft for comment, " + step.date;
      step.summary = "Draft " + ve.id + " of " + title + ", published " + step.date +
                     (deadline.empty() ? "" : "; comments until " + deadline) + ".";
      step.categories.insert(step.categories.begin(), "draft");
    } else if (!older.empty()) {
      step.key = ve.id + "/amended";
      step.title = title + ": amended, text of " + date;
      step.summary = "Version " + ve.id + " of " + title + ", dated " + date +
                     ", replaces the text of " + older.back() +
                     (is_feed_date(effective) ? "; it takes effect on " + effective : "") + ".";
      step.categories.insert(step.categories.begin(), "amended");
    } else {
      step.key = ve.id + "/published";
      step.title = title + ": published " + date;
      step.summary = "Version " + ve.id + " of " + title + ", dated " + date +
                     (is_feed_date(effective) ? "; it takes effect on " + effective : "") + ".";
      step.categories.insert(step.categories.begin(), "published");
    }
    out.push_back(std::move(step));

    if (!ve.draft && is_feed_date(effective) && effective != date) {
      FeedItem eff = std::move(base);
      eff.key = ve.id + "/effective";
      eff.date = effective <= today ? effective : date;
      eff.title = title + ": takes effect " + effective;
      eff.summary = "The text of " + date + " of " + title + " (" + ve.id + ") takes effect on " +
                    effective + ".";
      eff.categories.insert(eff.categories.begin(), "effective");
      out.push_back(std::move(eff));
    }
  }
  return out;
}

std::vector<FeedItem> all_instrument_items(const KnowledgeGraph& g,
                                           const snapshot::SnapshotHistory& history,
                                           const std::string& today) {
  std::vector<FeedItem> out;
  for (Vertex v = 0; v < g.node_count(); ++v) {
    if (g.node(v).kind != NodeKind::instrument) continue;
    auto items = instrument_items(g, history, v, today);
    std::move(items.begin(), items.end(), std::back_inserter(out));
  }
  return out;
}

std::vector<FeedItem> actor_items(const KnowledgeGraph& g, const snapshot::SnapshotHistory& history,
                                  Vertex actor, const std::string& today) {
  const NodeData& a = g.node(actor);
  const std::string actor_name = feed_title_of(a);
  std::set<Vertex> issued;
  // Versions with obligations binding the actor or articles mentioning it: what, per version.
  std::map<Vertex, std::vector<std::string>> bound, mentioned;
  std::vector<Vertex> news;
  g.for_each_in_edge(actor, [&](KnowledgeGraph::Edge e, Vertex from) {
    const std::string& type = g.edge(e).type;
    const NodeData& n = g.node(from);
    if (type == graph::edge::kIssuedBy) {
      if (n.kind == NodeKind::instrument) issued.insert(from);
      if (n.kind == NodeKind::version)
        if (auto inst = feed_instrument_of(g, from)) issued.insert(*inst);
    } else if (type == graph::edge::kBinds && n.kind == NodeKind::obligation) {
      if (auto version = g.find(feed_attr(n, graph::attr::kVersion)))
        bound[*version].push_back(feed_attr(n, graph::attr::kAction));
    } else if (type == graph::edge::kMentions && n.kind == NodeKind::article) {
      if (auto version = g.find(feed_attr(n, graph::attr::kVersion)))
        mentioned[*version].push_back(n.label);
    } else if (type == graph::edge::kMentions && n.kind == NodeKind::news) {
      news.push_back(from);
    }
  });
  std::vector<FeedItem> out;
  for (Vertex inst : issued) {
    auto items = instrument_items(g, history, inst, today);
    std::move(items.begin(), items.end(), std::back_inserter(out));
  }
  const std::string slug =
      a.id.rfind("actor/", 0) == 0 ? a.id.substr(std::string_view("actor/").size()) : a.id;
  auto per_version = [&](const std::map<Vertex, std::vector<std::string>>& groups, bool binding) {
    for (const auto& [version, what] : groups) {
      const NodeData& ver = g.node(version);
      auto inst = feed_instrument_of(g, version);
      if (!inst || !is_feed_date(ver.date)) continue;
      const NodeData& instrument = g.node(*inst);
      const std::string title = feed_title_of(instrument);
      FeedItem item;
      item.date = ver.date;
      set_feed_history(item, history, ver.id);
      item.authors = feed_issuers(g, version, *inst);
      item.categories = feed_categories(instrument);
      const std::string count = std::to_string(what.size());
      if (binding) {
        item.key = ver.id + "/obligations/" + a.id;
        item.page = "obligations.html?bearer=" + uri_component(slug) +
                    "&instrument=" + uri_component(instrument.id);
        item.title = title + ": " + count + (what.size() == 1 ? " obligation" : " obligations") +
                     " binding " + actor_name;
        item.summary = "In the text of " + ver.date + " (" + ver.id + "): ";
        item.categories.insert(item.categories.begin(), "obligations");
      } else {
        item.key = ver.id + "/mentions/" + a.id;
        item.page = feed_node_page(ver.id);
        item.title = title + ": " + actor_name + " named in " + count +
                     (what.size() == 1 ? " article" : " articles");
        item.summary = "In the text of " + ver.date + " (" + ver.id + "): ";
        item.categories.insert(item.categories.begin(), "mentions");
      }
      // The first few actions or article labels, so the summary says what they are.
      for (size_t i = 0; i < what.size() && i < 5; ++i) item.summary += (i ? "; " : "") + what[i];
      item.summary += what.size() > 5 ? "; …" : ".";
      out.push_back(std::move(item));
    }
  };
  per_version(bound, true);
  per_version(mentioned, false);
  for (Vertex v : news) {
    const NodeData& n = g.node(v);
    if (!is_feed_date(n.date)) continue;
    FeedItem item;
    item.key = n.id;
    item.page = feed_node_page(n.id);
    item.date = n.date;
    item.title = n.label;
    const std::string source = feed_attr(n, graph::attr::kSource);
    const std::string url = feed_attr(n, graph::attr::kUrl);
    item.summary = (source.empty() ? "News" : source) + ", " + n.date + ", naming " + actor_name +
                   "." + (url.empty() ? "" : " " + url);
    if (!source.empty()) item.authors.push_back(source);
    item.categories = {"news"};
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<FeedItem> search_items(const KnowledgeGraph& g,
                                   const snapshot::SnapshotHistory& history,
                                   const std::vector<index::SearchHit>& hits) {
  std::vector<FeedItem> out;
  for (const index::SearchHit& hit : hits) {
    auto v = g.find(hit.id);
    if (!v) continue;
    const NodeData& n = g.node(*v);
    FeedItem item;
    item.key = n.id;
    item.page = feed_node_page(n.id);
    if (!hit.version_id.empty()) set_feed_history(item, history, hit.version_id);
    item.date = is_feed_date(hit.date) ? hit.date : n.date;
    if (!is_feed_date(item.date) && item.first_seen.size() >= 10)
      item.date = item.first_seen.substr(0, 10);
    if (!is_feed_date(item.date)) continue;
    std::optional<Vertex> inst;
    if (!hit.instrument_id.empty()) inst = g.find(hit.instrument_id);
    const std::string inst_title = inst ? feed_title_of(g.node(*inst)) : hit.instrument_title;
    switch (n.kind) {
      case NodeKind::instrument:
        item.title = feed_title_of(n);
        break;
      case NodeKind::version:
        item.title = inst_title + ": text of " + item.date;
        break;
      case NodeKind::news:
        item.title = n.label;
        break;
      default: {
        // An article: its label, or its English label when that starts with it ("Article 31
        // AI and synthetic-output transparency"), else both ("第十七条 · Article 17 …").
        const std::string en = feed_attr(n, graph::attr::kLabelEn);
        std::string label = n.label;
        if (!en.empty() && en.rfind(n.label, 0) == 0)
          label = en;
        else if (!en.empty())
          label += " · " + en;
        item.title = inst_title.empty() ? label : inst_title + " " + label;
        break;
      }
    }
    item.summary = hit.snippet;  // HTML: escaped text with <mark> highlights
    item.summary_is_html = true;
    if (inst) item.authors = feed_issuers(g, *v, *inst);
    item.categories.push_back(std::string(graph::to_string(n.kind)));
    if (!hit.instrument_id.empty()) item.categories.push_back(hit.instrument_id);
    out.push_back(std::move(item));
  }
  return out;
}

void keep_newest(std::vector<FeedItem>& items, size_t limit) {
  std::vector<std::pair<std::string, size_t>> order;  // updated(), index
  order.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) order.emplace_back(items[i].updated(), i);
  std::sort(order.begin(), order.end(), [&items](const auto& x, const auto& y) {
    const FeedItem& a = items[x.second];
    const FeedItem& b = items[y.second];
    return std::tie(y.first, b.first_seen, a.key) < std::tie(x.first, a.first_seen, b.key);
  });
  if (order.size() > limit) order.resize(limit);
  std::vector<FeedItem> kept;
  kept.reserve(order.size());
  for (const auto& [updated, i] : order) kept.push_back(std::move(items[i]));
  items = std::move(kept);
}

AtomEntry to_atom_entry(const FeedItem& item, const std::string& base) {
  AtomEntry e;
  e.id = feed_tag(item.key);
  e.title = item.title;
  e.link = base + item.page;
  e.published = item.date + "T00:00:00Z";
  e.updated = item.updated();
  e.summary = item.summary;
  e.summary_is_html = item.summary_is_html;
  e.authors = item.authors;
  e.categories = item.categories;
  return e;
}

}  // namespace regkg::server
