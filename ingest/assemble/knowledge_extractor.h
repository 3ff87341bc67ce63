// Derives knowledge from the text already in the graph (run after build_graph): obligations with
// their bearers, sanction clauses with what they enforce (sanction_linker.h), citations and legal
// basis resolved to the version in force at the citing text's date (or kept as
// unresolved-citation nodes), internal article references, dated events from
// article and news text, candidate organisations found by name patterns, and news -> instrument
// links. Every edge records file, line or JSON path, rule, confidence and the character span.
// Extraction runs on `threads` threads; the graph is updated on the calling thread. With a
// `cache`, articles whose text was analysed before (in an earlier ingest) are not analysed again.
#pragma once

#include <cstddef>

#include "graph/knowledge_graph.h"
#include "ingest/extract/alias_dictionary.h"
#include "ingest/extract/article_analysis_cache.h"
#include "ingest/extract/news_linker.h"
#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

struct ExtractionStats {
  size_t obligations = 0;
  size_t sanctions = 0, sanction_links = 0;  // sanction nodes; their sanctions/imposed_by edges
  size_t bearer_links = 0;
  size_t bearers_inferred = 0;  // obligations bound by their chapter's party (chapter_bearer.h)
  size_t citations_resolved = 0;
  size_t citations_unresolved = 0;
  size_t legal_basis = 0;
  size_t internal_references = 0;
  size_t events = 0;
  size_t news_links = 0;
  size_t candidate_actors = 0;
  size_t articles_analysed = 0, articles_reused = 0;  // reused: from the cache
};

ExtractionStats extract_knowledge(graph::KnowledgeGraph& graph, const AliasDictionary& actors,
                                  const NewsLinker& news_linker, Diagnostics& diags,
                                  unsigned threads, ArticleAnalysisCache* cache = nullptr);

// Only what extract_knowledge derives from news items (links to instruments, dangling citations,
// dates), for every news node of the graph (the news patch, ingest/assemble/news_patch.h).
ExtractionStats link_news_into(graph::KnowledgeGraph& graph, const AliasDictionary& actors,
                               const NewsLinker& news_linker, Diagnostics& diags);

}  // namespace regkg::ingest
