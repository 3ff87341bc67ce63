// `regkg watch`: polls the corpus directories and runs an (incremental) ingest when they change,
// once they have been quiet for the debounce time, so a law copied in file by file is ingested
// once. Polling (a stat of every file, ~2,000 here, a few ms) works on every filesystem, including
// network mounts where inotify does not.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>

#include "ingest/ingest_pipeline.h"

namespace regkg::ingest {

// A cheap summary of the corpus: the paths, sizes and modification times of all files.
std::uint64_t corpus_signature(const std::vector<std::filesystem::path>& corpora);

struct WatchOptions {
  std::chrono::milliseconds interval{2000};  // between polls
  std::chrono::milliseconds debounce{1000};  // quiet time before an ingest
  bool ingest_at_start = true;               // ingest once before watching
  // Called after each committed ingest, on the watching thread, with its summary (and graph).
  std::function<void(const IngestSummary&)> on_commit;
  // Called after each failed ingest (the previous snapshot is still the current one).
  std::function<void()> on_failure;
};

// Runs until `stop` becomes true. Failed ingests are logged and retried on the next change; the
// previous snapshot stays current. Returns the number of successful ingests.
size_t run_watch(const IngestOptions& ingest, const WatchOptions& watch, std::ostream& log,
                 const std::atomic<bool>& stop);

}  // namespace regkg::ingest
