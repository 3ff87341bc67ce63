// `regkg ingest`: scan the corpora, parse every source (in parallel), build the graph and the
// Xapian index into a staged snapshot, write its manifest, and make it current atomically.
// A failed run leaves the previous snapshot current and removes its staging directory.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::ingest {

struct IngestCache;
class SourceContributions;

struct IngestOptions {
  std::vector<std::filesystem::path> corpora;
  std::filesystem::path data_dir;
  std::filesystem::path dictionaries_dir;  // holds actors.json and instruments.json
  // Holds versions.json (drafts known from facts); "" = dictionaries_dir/../facts, skipped when
  // that file does not exist.
  std::filesystem::path facts_dir;
  bool strict = false;    // any error aborts (nothing becomes current)
  unsigned threads = 0;   // parser threads; 0 = hardware concurrency
  bool terminal = false;  // redraw a progress line instead of logging
  bool full = false;  // rewrite the whole index even when the current snapshot's could be reused
  unsigned keep = 3;  // snapshots kept after a commit (the current one included); 0 = keep all
  // Kept by a long-running caller across runs (regkg watch): unchanged files are not re-parsed
  // and unchanged articles not re-analysed. nullptr = everything from scratch.
  IngestCache* cache = nullptr;
  // Filled, when set, with which source wrote each node and edge of the graph built
  // (ingest/assemble/source_contributions.h): for the patch of a refresh and its tests. Vertices
  // are those of IngestSummary::graph.
  SourceContributions* contributions = nullptr;
  // Called once the staged snapshot has its index, history and manifest, while its graph file is
  // still being written and before it is committed, with the staging directory and the graph
  // (whose adjacency() and validity() another thread may still be building; calling them waits):
  // `regkg serve --follow` serves it from there at once. Exceptions are logged and ignored. If the
  // commit then fails, run_ingest throws as usual (the caller decides what to serve).
  std::function<void(const std::filesystem::path& staging_dir,
                     std::shared_ptr<const graph::KnowledgeGraph> graph)>
      on_index_ready;
};

struct IngestSummary {
  std::string snapshot_id;
  size_t files_seen = 0, ingested = 0, skipped = 0, ignored = 0, duplicates = 0;
  size_t errors = 0, warnings = 0;
  size_t nodes = 0, edges = 0, documents = 0;
  bool incremental = false;  // the index reused the previous snapshot's layers
  std::string full_reason;   // why the whole index was written
  size_t documents_written = 0, documents_added = 0, documents_changed = 0, documents_removed = 0;
  size_t snapshots_removed = 0;  // garbage-collected after the commit
  // With IngestOptions::cache: files read and parsed vs taken unchanged from the cache, and
  // articles analysed vs reused. Without a cache every file is parsed and every article analysed.
  size_t files_parsed = 0, files_reused = 0, articles_analysed = 0, articles_reused = 0;
  double seconds = 0;
  // The committed snapshot's graph. Dropping it frees it (about a second on the full corpus); a
  // process about to exit may keep it instead.
  std::shared_ptr<const graph::KnowledgeGraph> graph;
};

// Thrown when nothing can be committed: the lock is held, no corpus is readable, --strict saw an
// error, or the data directory cannot be written. The message names the path.
class IngestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs an ingest. Sources are all read and hashed (the whole corpus parses in well under a second);
// the graph is rebuilt; the index is written incrementally on top of the current snapshot's when
// possible (see index_builder.h). Diagnostics (`path:line: error: …`) and progress go to `log`.
IngestSummary run_ingest(const IngestOptions& options, std::ostream& log);

}  // namespace regkg::ingest
