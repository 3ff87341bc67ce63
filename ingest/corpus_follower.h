// `regkg serve --follow`: a server process that ingests its own corpus. A follower thread opens the
// snapshot to serve first, then watches the corpus (run_watch) and hands every new snapshot to the
// server, graph and all, without reading it back from disk. The server is reached only through
// the two callbacks of FollowTarget, so ingest/ does not depend on server/.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <ostream>
#include <thread>

#include "ingest/corpus_watcher.h"
#include "ingest/ingest_pipeline.h"
#include "snapshot/snapshot.h"

namespace regkg::ingest {

// What to ingest in the serving process, and how often to look for changes.
struct FollowOptions {
  IngestOptions ingest;  // no corpora = not following; data_dir = the served data directory
  WatchOptions watch;    // its on_commit and on_failure are set by CorpusFollower::follow
  size_t searcher_pool_size = 4;  // Xapian handles per snapshot handed over
};

// The serving side, as callbacks (server::SnapshotReloader's install and reload in `regkg serve`).
// Both are called on the follower thread and must be thread-safe against the server's requests.
struct FollowTarget {
  // Serve this snapshot from now on.
  std::function<void(std::shared_ptr<const snapshot::Snapshot>)> install;
  // Serve the data directory's CURRENT snapshot (reopened from disk even if it is the one served
  // when `force`).
  std::function<void(bool force)> reload;
};

// The follower thread. It first opens the snapshot to serve and hands it over (snapshot()), then
// waits for follow() (or for join(): the server did not start).
// Why open it there: glibc gives each thread its own malloc arena and reuses freed memory only in
// the arena it came from. Opened on this thread, the start-up graph frees its memory where this
// thread builds the next graph; opened on the main thread, the first refresh faulted in half a
// gigabyte anew (197k page faults against 70k, 0.3-0.4 s; BENCHMARKS.md, refresh).
// Not thread-safe: one owner calls snapshot(), follow() and join(), in that order.
class CorpusFollower {
 public:
  using Snapshot = std::shared_ptr<const snapshot::Snapshot>;
  // Starts the thread, which calls `open` at once.
  explicit CorpusFollower(std::function<Snapshot()> open);
  CorpusFollower(const CorpusFollower&) = delete;
  CorpusFollower& operator=(const CorpusFollower&) = delete;
  ~CorpusFollower();  // joins

  // The snapshot `open` returned; rethrows what it threw. Call once.
  Snapshot snapshot();

  // Follows the corpus on the thread until `stop` becomes true: each snapshot is served as soon as
  // its index is written, from the staging directory (Xapian keeps its files open across the
  // rename of the commit), then again from its final directory once committed; if the commit
  // fails, CURRENT (the last committed) is reloaded. Should handing over fail, the snapshot is
  // reloaded from disk as any other. Diagnostics go to `log`. `target`, `log` and `stop` must
  // outlive the thread (join()).
  void follow(FollowOptions options, FollowTarget target, std::ostream& log,
              const std::atomic<bool>& stop);

  // Waits for the thread: after follow(), until `stop`; without, at once.
  void join();

 private:
  // Gives the thread its work; it ends when `work` returns (nullptr: at once).
  void run(std::function<void()> work);

  std::promise<Snapshot> opened_;
  std::future<Snapshot> opened_future_ = opened_.get_future();
  std::promise<std::function<void()>> work_;
  std::future<std::function<void()>> work_future_ = work_.get_future();
  bool given_ = false;
  std::thread thread_;  // last: it starts once the promises exist
};

}  // namespace regkg::ingest
