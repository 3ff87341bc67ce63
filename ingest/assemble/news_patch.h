// A news-only refresh without the rebuild: the graph of a corpus whose news items changed (added,
// edited, removed) made from the previous graph and its contribution records, by dropping what
// the news items wrote (copy_without_sources) and adding the current ones again as build_graph
// and extract_knowledge add them. News items are a leaf of the build: nothing else reads them.
// The first patched path of a refresh (BENCHMARKS.md, "Refresh"): the result equals a full
// rebuild as a set (tests/ingest/assemble/test_news_patch.cpp), in another vertex order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/assemble/graph_builder.h"
#include "ingest/assemble/instrument_catalog.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/assemble/version_facts.h"
#include "ingest/extract/alias_dictionary.h"
#include "ingest/extract/news_linker.h"
#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

struct NewsPatch {
  bool patched = false;
  std::string refused;  // why not, when not patched: the caller rebuilds
  size_t dropped_nodes = 0, dropped_edges = 0;
};

// `previous` and `records`: the last graph built, with the records of its build. `sources.news`:
// every news item of the corpus now, in scan order (its statutes and Compass files are not read:
// they must be the ones `previous` was built from, and the dictionaries and facts the same).
// Fills `into` (empty) and `into_records`. The news items' diagnostics go to `diags`; the other
// files' are the last run's. Refuses, leaving `into` to be discarded, when a node the news items
// wrote is shared with a source they wrote before (its merged fields could be theirs).
NewsPatch patch_news(const graph::KnowledgeGraph& previous, const SourceContributions& records,
                     const ParsedSources& sources, const AliasDictionary& actors,
                     const InstrumentCatalog& catalog, const NewsLinker& linker,
                     const std::vector<VersionFact>& version_facts, Diagnostics& diags,
                     graph::KnowledgeGraph& into, SourceContributions& into_records);

}  // namespace regkg::ingest
