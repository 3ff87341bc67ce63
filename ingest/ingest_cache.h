// What a long-running ingest (regkg watch) keeps from one run to the next so that a refresh
// re-reads, re-parses and re-analyses only what changed. Results are the same as without it: the
// graph and index are still built from the whole corpus. Pass the same object to every run_ingest.
#pragma once

#include <set>
#include <string>

#include "ingest/extract/article_analysis_cache.h"
#include "ingest/sources/parse_cache.h"

namespace regkg::ingest {

struct IngestCache {
  ParseCache parsed;
  ArticleAnalysisCache analyses;
  std::set<std::string> reported_ignored;  // files already reported as ignored (once per process)
};

}  // namespace regkg::ingest
