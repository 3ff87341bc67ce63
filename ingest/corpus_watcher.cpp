// Polling watcher over the corpus directories.
#include "ingest/corpus_watcher.h"
#include "ingest/ingest_cache.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace regkg::ingest {

namespace fs = std::filesystem;

std::uint64_t corpus_signature(const std::vector<fs::path>& corpora) {
  struct Entry {
    std::string path;
    std::uintmax_t size;
    std::int64_t mtime;
  };
  std::vector<Entry> entries;
  for (const auto& root : corpora) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::follow_directory_symlink, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code fe;
      if (!it->is_regular_file(fe)) continue;
      auto size = it->file_size(fe);
      auto mtime = it->last_write_time(fe).time_since_epoch().count();
      if (fe) continue;
      entries.push_back({it->path().string(), size, static_cast<std::int64_t>(mtime)});
    }
  }
  // Directory order is not stable: sort before hashing.
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  };
  for (const auto& e : entries) {
    mix(e.path.data(), e.path.size() + 1);
    mix(&e.size, sizeof e.size);
    mix(&e.mtime, sizeof e.mtime);
  }
  return h;
}

size_t run_watch(const IngestOptions& ingest, const WatchOptions& watch, std::ostream& log,
                 const std::atomic<bool>& stop) {
  using clock = std::chrono::steady_clock;
  size_t ingests = 0;
  // Kept across runs: a refresh re-parses and re-analyses only the files that changed.
  IngestCache cache;
  IngestOptions options = ingest;
  options.cache = &cache;
  auto run_once = [&] {
    try {
      IngestSummary s = run_ingest(options, log);
      ++ingests;
      log << "regkg watch: snapshot " << s.snapshot_id << " is current ("
          << (s.incremental ? "incremental: " + std::to_string(s.documents_added) + " added, " +
                                  std::to_string(s.documents_changed) + " changed, " +
                                  std::to_string(s.documents_removed) + " removed documents"
                            : "full index: " + s.full_reason)
          << "; " << s.files_parsed << " files parsed, " << s.articles_analysed
          << " articles analysed, the rest unchanged; " << s.seconds << " s)" << std::endl;
      if (watch.on_commit) watch.on_commit(s);
    } catch (const std::exception& e) {
      log << e.what() << "\nregkg watch: ingest failed; the previous snapshot stays current"
          << std::endl;
      if (watch.on_failure) watch.on_failure();
    }
  };
  std::uint64_t ingested_signature = corpus_signature(ingest.corpora);
  if (watch.ingest_at_start) run_once();
  std::uint64_t last_seen = ingested_signature;
  clock::time_point last_change = clock::now();
  auto sleep_until_next_poll = [&] {
    const auto until = clock::now() + watch.interval;
    while (!stop && clock::now() < until)
      std::this_thread::sleep_for(
          std::min<clock::duration>(std::chrono::milliseconds(50), until - clock::now()));
  };
  while (!stop) {
    sleep_until_next_poll();
    if (stop) break;
    std::uint64_t sig = corpus_signature(ingest.corpora);
    if (sig != last_seen) {
      last_seen = sig;
      last_change = clock::now();
      continue;  // still changing: wait for it to settle
    }
    if (sig != ingested_signature && clock::now() - last_change >= watch.debounce) {
      log << "regkg watch: corpus changed, ingesting" << std::endl;
      ingested_signature = sig;
      run_once();
    }
  }
  return ingests;
}

}  // namespace regkg::ingest
