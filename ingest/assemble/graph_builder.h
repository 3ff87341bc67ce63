// Turns parsed sources (statutes, Compass JSON, news) into the knowledge graph: instruments and
// their dated versions, chapters, articles, paragraphs, events, actors, jurisdictions, news items,
// and the edges between them, each with its provenance. One law found in both statutes-zh/ and
// compass/ becomes one instrument. Single-threaded; the caller owns the result.
#pragma once

#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/assemble/instrument_catalog.h"
#include "ingest/extract/alias_dictionary.h"
#include "ingest/sources/compass_json_parser.h"
#include "ingest/sources/corpus_scanner.h"
#include "ingest/sources/diagnostics.h"
#include "ingest/sources/news_markdown_parser.h"
#include "ingest/sources/statute_markdown_parser.h"

namespace regkg::ingest {

struct ParsedSources {
  struct Statute {
    SourceFile file;
    std::string sha256;
    ParsedStatute parsed;
  };
  struct Compass {
    SourceFile file;
    CompassFile parsed;
  };
  struct News {
    SourceFile file;
    NewsItem parsed;
  };
  std::vector<Statute> statutes;
  std::vector<Compass> compass;
  std::vector<News> news;
};

// Builds the graph. Problems that concern one record (a relation pointing nowhere, a duplicate
// article number) are warnings in `diags`; nothing here throws for bad data.
graph::KnowledgeGraph build_graph(const ParsedSources& sources, const AliasDictionary& actors,
                                  const InstrumentCatalog& catalog, Diagnostics& diags);
// The same into an empty graph the caller owns (e.g. behind a shared_ptr).
void build_graph_into(graph::KnowledgeGraph& graph, const ParsedSources& sources,
                      const AliasDictionary& actors, const InstrumentCatalog& catalog,
                      Diagnostics& diags);

// Only the news items of `sources`, as build_graph adds them, into a graph that holds everything
// else (the news patch, ingest/assemble/news_patch.h).
void add_news_into(graph::KnowledgeGraph& graph, const ParsedSources& sources,
                   const AliasDictionary& actors, const InstrumentCatalog& catalog,
                   Diagnostics& diags);

}  // namespace regkg::ingest
