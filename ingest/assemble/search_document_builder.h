// Derives the index's SearchDocuments from the graph: one per article, version, instrument and
// news item, with instrument titles, jurisdictions and issuers resolved through the graph's edges.
#pragma once

#include <functional>

#include "graph/knowledge_graph.h"
#include "index/search_document.h"
#include "ingest/assemble/document_signals.h"

namespace regkg::ingest {

// Calls `sink` once per searchable node, in vertex order, for the vertices v with
// v % shard_count == shard (so shards can be indexed in parallel). Reads the graph only: safe to
// run concurrently on one graph. `signals` (made from the same graph) fills the documents' ranking
// signals and aligned English; without it they keep their defaults.
void for_each_search_document(const graph::KnowledgeGraph& graph,
                              const std::function<void(const index::SearchDocument&)>& sink,
                              size_t shard = 0, size_t shard_count = 1,
                              const DocumentSignals* signals = nullptr);

}  // namespace regkg::ingest
