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

// One pass over the corpus (one stat per entry): its signature, and the last time anything in it
// changed: the newest modification or status-change time of its files and directories (a rename,
// a removal or a symlink shows in its directory's). A status-change time cannot be set back by
// `cp -p` or `touch`, so "nothing changed for the debounce time" can be read off the files.
struct CorpusState {
  std::uint64_t signature = 0;
  std::chrono::system_clock::time_point last_change;
};
CorpusState corpus_state(const std::vector<std::filesystem::path>& corpora);

struct WatchOptions {
  std::chrono::milliseconds interval{2000};  // between polls
  // Quiet time before an ingest: the corpus's newest change time is that old (see CorpusState), or
  // its signature has stayed the same across polls for that long (clocks that disagree, files
  // stamped in the future).
  std::chrono::milliseconds debounce{1000};
  bool ingest_at_start = true;  // ingest once before watching
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
