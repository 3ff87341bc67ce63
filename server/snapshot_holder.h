// Holds the snapshot being served. Readers take a shared_ptr for the length of one request, so a
// swap never pulls a snapshot out from under a request in flight; the old one is freed when its
// last request ends. Thread-safe.
#pragma once

#include <memory>
#include <mutex>

#include "snapshot/snapshot.h"

namespace regkg::server {

class SnapshotHolder {
 public:
  explicit SnapshotHolder(std::shared_ptr<const snapshot::Snapshot> initial)
      : current_(std::move(initial)) {}
  std::shared_ptr<const snapshot::Snapshot> get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }
  // Installs `next` and returns the snapshot it replaces. The caller decides where the old one
  // is destroyed (SnapshotReloader does it on its own thread, never in a request's).
  std::shared_ptr<const snapshot::Snapshot> exchange(
      std::shared_ptr<const snapshot::Snapshot> next) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(next);
    return next;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const snapshot::Snapshot> current_;
};

}  // namespace regkg::server
