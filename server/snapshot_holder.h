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
  void swap(std::shared_ptr<const snapshot::Snapshot> next) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(next);
    // `next` (the old snapshot) is released here, outside nothing else: the destructor of the last
    // reference may run in a request thread later, which is fine (it only closes files).
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const snapshot::Snapshot> current_;
};

}  // namespace regkg::server
