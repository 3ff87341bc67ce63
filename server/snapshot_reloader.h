// Keeps the server on the data directory's current snapshot: notices a new CURRENT (by polling
// it, on SIGHUP, or on POST /api/v1/admin/reload), opens the snapshot off the request path and
// swaps it into the SnapshotHolder. Requests in flight finish on the old snapshot; a reaper
// thread destroys it once the last request has let go, so freeing a large graph (seconds under
// load) never holds up a request thread or the keep-alive connection pinned to it. A snapshot that
// fails to open is refused; the old one keeps serving and the reason is kept for /healthz. Owned by
// HttpServer; thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "index/remote_shards.h"
#include "server/snapshot_holder.h"

namespace regkg::server {

struct ReloadStatus {
  size_t reloads = 0;        // successful swaps since start
  size_t failures = 0;       // snapshots refused since start
  std::string last_attempt;  // ISO 8601 UTC, "" = never
  std::string last_result;   // "" | "reloaded" | "unchanged" | "refused"
  std::string last_error;    // why the last refused snapshot was refused
  std::string refused_id;    // that snapshot's id (not retried until CURRENT changes again)
};

class SnapshotReloader {
 public:
  // With `remote` shards, snapshots are searched on them (index/remote_shards.h) and their index
  // is not read through the checker here (it lives on the shards' machines).
  SnapshotReloader(std::filesystem::path data_dir, SnapshotHolder& holder, size_t pool_size,
                   std::ostream& log, index::RemoteShards remote = {});
  ~SnapshotReloader();
  SnapshotReloader(const SnapshotReloader&) = delete;
  SnapshotReloader& operator=(const SnapshotReloader&) = delete;

  // Polls DATA/CURRENT every `interval` in a background thread (0 = never).
  void start_watching(std::chrono::milliseconds interval);
  void stop();

  // Opens CURRENT if it names another snapshot than the one served (always, when `force`) and
  // swaps it in. Returns the status after the attempt. Serialised: one reload at a time.
  ReloadStatus reload(bool force = false);
  // Swaps in a snapshot the caller has opened (`regkg serve --follow`: the ingest running in this
  // process hands over the snapshot it just committed, graph and all), like a reload would.
  ReloadStatus install(std::shared_ptr<const snapshot::Snapshot> next);
  ReloadStatus status() const;

 private:
  void watch_loop(std::chrono::milliseconds interval);
  // Serves `next` instead of the snapshot with id `served`; needs reload_mutex_ held.
  ReloadStatus swap_in(std::shared_ptr<const snapshot::Snapshot> next, const std::string& served,
                       const std::string& attempt_time);
  void reap_loop();

  std::filesystem::path data_dir_;
  SnapshotHolder& holder_;
  size_t pool_size_;
  std::ostream& log_;
  index::RemoteShards remote_;
  std::mutex reload_mutex_;          // one reload at a time
  mutable std::mutex status_mutex_;  // guards status_
  ReloadStatus status_;
  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread watcher_;
  std::mutex retired_mutex_;                                        // guards retired_
  std::vector<std::shared_ptr<const snapshot::Snapshot>> retired_;  // swapped out, maybe in use
  std::thread reaper_;
};

}  // namespace regkg::server
