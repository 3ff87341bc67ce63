// SnapshotReloader: polling CURRENT, opening and swapping snapshots.
#include "server/snapshot_reloader.h"

#include "snapshot/snapshot.h"
#include "snapshot/snapshot_store.h"

namespace regkg::server {

SnapshotReloader::SnapshotReloader(std::filesystem::path data_dir, SnapshotHolder& holder,
                                   size_t pool_size, std::ostream& log, index::RemoteShards remote)
    : data_dir_(std::move(data_dir)),
      holder_(holder),
      pool_size_(pool_size),
      log_(log),
      remote_(std::move(remote)) {
  reaper_ = std::thread([this] { reap_loop(); });
}

SnapshotReloader::~SnapshotReloader() { stop(); }

void SnapshotReloader::start_watching(std::chrono::milliseconds interval) {
  if (interval.count() <= 0 || watcher_.joinable()) return;
  watcher_ = std::thread([this, interval] { watch_loop(interval); });
}

void SnapshotReloader::stop() {
  {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
  if (reaper_.joinable()) reaper_.join();
  std::lock_guard<std::mutex> lock(retired_mutex_);
  retired_.clear();
}

void SnapshotReloader::reap_loop() {
  std::unique_lock<std::mutex> lock(stop_mutex_);
  while (!stop_cv_.wait_for(lock, std::chrono::milliseconds(20), [this] { return stopping_; })) {
    lock.unlock();
    std::vector<std::shared_ptr<const snapshot::Snapshot>> done;
    {
      std::lock_guard<std::mutex> guard(retired_mutex_);
      // use_count() == 1: only this list holds it; no request can get it back (it is not in the
      // holder any more), so the count cannot rise again.
      for (auto it = retired_.begin(); it != retired_.end();)
        if (it->use_count() == 1) {
          done.push_back(std::move(*it));
          it = retired_.erase(it);
        } else {
          ++it;
        }
    }
    done.clear();  // destroyed here, outside every lock
    lock.lock();
  }
}

void SnapshotReloader::watch_loop(std::chrono::milliseconds interval) {
  std::unique_lock<std::mutex> lock(stop_mutex_);
  while (!stop_cv_.wait_for(lock, interval, [this] { return stopping_; })) {
    lock.unlock();
    reload(false);
    lock.lock();
  }
}

ReloadStatus SnapshotReloader::status() const {
  std::lock_guard<std::mutex> lock(status_mutex_);
  return status_;
}

ReloadStatus SnapshotReloader::reload(bool force) {
  std::lock_guard<std::mutex> serial(reload_mutex_);
  std::optional<std::string> current;
  try {
    current = snapshot::SnapshotStore(data_dir_).current_id();
  } catch (const std::exception&) {
  }
  const std::string served = holder_.get()->id;
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    // Nothing new, or the snapshot already refused: do not reopen it every poll.
    if (!force && (!current || *current == served || *current == status_.refused_id)) {
      return status_;
    }
  }
  const std::string attempt_time = snapshot::utc_now_iso8601();
  std::string error;
  try {
    auto next =
        snapshot::open_current_snapshot(data_dir_, pool_size_, remote_, /*trim_heap=*/false);
    // Opening reads only the first blocks of each table: a damaged index opens, then fails the
    // searches that reach the damage. Read all of it before it may serve anyone (a remote
    // shard's index is on its own machine: checked there).
    if (remote_.empty()) snapshot::check_snapshot_index(next->dir);
    return swap_in(std::move(next), served, attempt_time);
  } catch (const std::exception& e) {
    error = e.what();
  } catch (const Xapian::Error& e) {
    error = std::string("Xapian::") + e.get_type() + ": " + e.get_msg();
  }
  std::lock_guard<std::mutex> lock(status_mutex_);
  status_.last_attempt = attempt_time;
  status_.last_result = "refused";
  status_.last_error = error;
  status_.refused_id = current.value_or("");
  ++status_.failures;
  log_ << "regkg serve: error: snapshot " << status_.refused_id << " refused, still serving "
       << served << ": " << error << std::endl;
  return status_;
}

ReloadStatus SnapshotReloader::swap_in(std::shared_ptr<const snapshot::Snapshot> next,
                                       const std::string& served, const std::string& attempt_time) {
  const std::string id = next->id;
  auto old = holder_.exchange(std::move(next));
  {
    std::lock_guard<std::mutex> guard(retired_mutex_);
    retired_.push_back(std::move(old));
  }
  std::lock_guard<std::mutex> lock(status_mutex_);
  status_.last_attempt = attempt_time;
  status_.last_result = id == served ? "unchanged" : "reloaded";
  if (id != served) ++status_.reloads;
  if (id != served)
    log_ << "regkg serve: now serving snapshot " << id << " (was " << served << ")" << std::endl;
  else
    log_ << "regkg serve: reopened snapshot " << id << std::endl;
  return status_;
}

ReloadStatus SnapshotReloader::install(std::shared_ptr<const snapshot::Snapshot> next) {
  std::lock_guard<std::mutex> serial(reload_mutex_);
  const std::string served = holder_.get()->id;
  return swap_in(std::move(next), served, snapshot::utc_now_iso8601());
}

}  // namespace regkg::server
