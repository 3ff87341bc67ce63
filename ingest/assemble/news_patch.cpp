// patch_news: drop every news item's writes, then add the news items of the corpus again.
#include "ingest/assemble/news_patch.h"

#include <set>

#include "ingest/assemble/graph_without_sources.h"
#include "ingest/assemble/knowledge_extractor.h"

namespace regkg::ingest {

NewsPatch patch_news(const graph::KnowledgeGraph& previous, const SourceContributions& records,
                     const ParsedSources& sources, const AliasDictionary& actors,
                     const InstrumentCatalog& catalog, const NewsLinker& linker,
                     const std::vector<VersionFact>& version_facts, Diagnostics& diags,
                     graph::KnowledgeGraph& into, SourceContributions& into_records) {
  NewsPatch out;
  // Every news item of the last build, changed or not: their relative order decides which one
  // first writes a node they share (an unresolved title two items name), as in a full build.
  std::set<std::string> dropped;
  const auto& bg = previous.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it)
    if (bg[*it].kind == graph::NodeKind::news) dropped.insert(bg[*it].source.file.str());
  const GraphWithoutSources copy =
      copy_without_sources(previous, records, dropped, into, into_records);
  out.dropped_nodes = copy.dropped_nodes;
  out.dropped_edges = copy.dropped_edges;
  // Kept nodes a news item also wrote (an unresolved citation an article made first) hold only
  // what their first writer gave them if that writer is not a news item: upsert fills nothing an
  // article's citation left empty.
  for (auto v : copy.shared_nodes) {
    const auto who = into_records.node_contributors(v);
    if (who.empty() || dropped.count(who.front().str())) {
      out.refused = "node " + into.node(v).id + " was first written by a news item (" +
                    (who.empty() ? std::string("?") : who.front().str()) +
                    ") and by another source";
      return out;
    }
  }
  // Orphaned edges: only news items and the draft-news pass point at news nodes.
  for (const auto& who : copy.orphaned_contributors)
    if (who != pass::kVersionFactNews) {
      out.refused = "an edge from " + who + " pointed at a news item's node";
      return out;
    }
  into.set_write_observer(&into_records);
  add_news_into(into, sources, actors, catalog, diags);
  link_news_into(into, actors, linker, diags);
  if (!version_facts.empty()) link_news_to_version_facts(into, version_facts);
  into.set_write_observer(nullptr);
  out.patched = true;
  return out;
}

}  // namespace regkg::ingest
