// What goes into regkg's Atom feeds, chosen from the graph and the snapshot's history (the XML is
// atom_feed.h's): what happened to a rule on its own date (a version published, amended or put
// out as a draft, a version taking effect), news naming an actor, the obligations binding it, and
// a search's matching documents. Entry ids are tag: URIs of node ids, so they stay the same
// across ingests of the same corpus. Read-only on the graph; thread-safe for a const graph.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "index/searcher.h"
#include "server/atom_feed.h"
#include "snapshot/snapshot_history.h"

namespace regkg::server {

// One feed entry before it has its absolute links.
struct FeedItem {
  std::string key;         // the stable part of the entry id: "cn/pipl@2021-08-20/effective"
  std::string page;        // the web page it links to, relative to the base ("node.html?id=…")
  std::string date;        // YYYY-MM-DD: the rule's (or the news item's) own date
  std::string first_seen;  // RFC 3339: when regkg first had the version ("" when unknown)
  std::string changed;     // RFC 3339: when its text last changed in regkg; "" if never since
  std::string title, summary;
  bool summary_is_html = false;
  std::vector<std::string> authors, categories;

  // RFC 3339: the date at midnight UTC, or the later time the text changed in regkg.
  std::string updated() const;
};

// The tag: URI of an entry or feed key (non-ASCII bytes and reserved characters percent-encoded).
std::string feed_tag(std::string_view key);

// The dated steps of one instrument's versions: for each version "published" (its first final
// text), "amended" (a text that supersedes another) or "draft", and "effective" when it took or
// takes effect on another day than its date. An effective date after `today` (YYYY-MM-DD: the
// snapshot's day, so that an answer depends on the snapshot only) is announced on the version's
// own date: an entry is never dated in the future; the next snapshot after that day dates it on
// the day it took effect (updated then, so readers show it again).
std::vector<FeedItem> instrument_items(const graph::KnowledgeGraph& g,
                                       const snapshot::SnapshotHistory& history,
                                       graph::KnowledgeGraph::Vertex instrument,
                                       const std::string& today);
// instrument_items of every instrument in the graph.
std::vector<FeedItem> all_instrument_items(const graph::KnowledgeGraph& g,
                                           const snapshot::SnapshotHistory& history,
                                           const std::string& today);
// What names an actor: the steps of the instruments it issued (instrument_items), one entry per
// version with obligations binding it and per version whose articles mention it, and each news
// item mentioning it.
std::vector<FeedItem> actor_items(const graph::KnowledgeGraph& g,
                                  const snapshot::SnapshotHistory& history,
                                  graph::KnowledgeGraph::Vertex actor, const std::string& today);
// One entry per search hit (the document: article, version, instrument or news item), with its
// highlighted snippet as the HTML summary. Hits whose node is not in the graph are left out.
std::vector<FeedItem> search_items(const graph::KnowledgeGraph& g,
                                   const snapshot::SnapshotHistory& history,
                                   const std::vector<index::SearchHit>& hits);

// Newest first: by updated(), then by when regkg first saw it (later first), then by key; keeps
// the first `limit`.
void keep_newest(std::vector<FeedItem>& items, size_t limit);

// The Atom entry of an item, its links absolute under `base` ("http://host/").
AtomEntry to_atom_entry(const FeedItem& item, const std::string& base);

}  // namespace regkg::server
