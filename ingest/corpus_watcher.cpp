// Polling watcher over the corpus directories.
#include "ingest/corpus_watcher.h"
#include "ingest/ingest_cache.h"

#include <algorithm>
#include <thread>
#include <vector>

#include <sys/stat.h>

namespace regkg::ingest {

namespace fs = std::filesystem;

namespace {

std::chrono::system_clock::time_point to_time_point(const struct timespec& t) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec)));
}

// The later of an entry's modification and status-change times. A time without a fraction of a
// second was probably rounded down by a coarse filesystem (FAT, some network mounts): it counts as
// up to a second later, so a file still being written there is not taken for settled.
std::chrono::system_clock::time_point changed_at(const struct stat& st) {
  auto latest = [](const struct timespec& t) {
    auto at = to_time_point(t);
    return t.tv_nsec == 0 ? at + std::chrono::seconds(1) : at;
  };
  return std::max(latest(st.st_mtim), latest(st.st_ctim));
}

}  // namespace

CorpusState corpus_state(const std::vector<fs::path>& corpora) {
  struct Entry {
    std::string path;
    std::uintmax_t size;
    std::int64_t mtime;
  };
  std::vector<Entry> entries;
  CorpusState state;
  auto saw_change = [&state](const struct stat& st) {
    state.last_change = std::max(state.last_change, changed_at(st));
  };
  struct stat st {};
  for (const auto& root : corpora) {
    if (::stat(root.c_str(), &st) == 0) saw_change(st);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::follow_directory_symlink, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      // One stat (following symlinks, as the ingest does) gives the type, size and times.
      if (::stat(it->path().c_str(), &st) != 0) continue;
      if (S_ISDIR(st.st_mode)) {
        saw_change(st);
        continue;
      }
      if (!S_ISREG(st.st_mode)) continue;
      saw_change(st);
      entries.push_back(
          {it->path().string(), static_cast<std::uintmax_t>(st.st_size),
           static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
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
  state.signature = h;
  return state;
}

std::uint64_t corpus_signature(const std::vector<fs::path>& corpora) {
  return corpus_state(corpora).signature;
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
  clock::time_point next_poll = clock::now() + watch.interval;
  while (!stop) {
    while (!stop && clock::now() < next_poll)
      std::this_thread::sleep_for(
          std::min<clock::duration>(std::chrono::milliseconds(50), next_poll - clock::now()));
    if (stop) break;
    const CorpusState state = corpus_state(ingest.corpora);
    const clock::time_point now = clock::now();
    next_poll = now + watch.interval;
    if (state.signature != last_seen) {
      last_seen = state.signature;
      last_change = now;
    }
    if (state.signature == ingested_signature) continue;
    // Settled: nothing in the corpus changed for the debounce time, by its files' times or, should
    // those be in the future, by what the polls saw.
    const auto untouched = std::chrono::system_clock::now() - state.last_change;
    if (untouched >= watch.debounce || now - last_change >= watch.debounce) {
      log << "regkg watch: corpus changed, ingesting" << std::endl;
      ingested_signature = state.signature;
      run_once();
      next_poll = clock::now() + watch.interval;
    } else if (untouched >= clock::duration::zero()) {
      // Look again as soon as it will have settled, if that is before the next poll.
      next_poll = std::min(next_poll, now + (watch.debounce - untouched));
    }
  }
  return ingests;
}

}  // namespace regkg::ingest
