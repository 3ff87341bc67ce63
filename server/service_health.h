// What /healthz knows beyond liveness: internal errors (500s) while answering. A snapshot that
// opened but cannot answer (a damaged index, issue 22 item 2) shows as "degraded" instead of
// "ok" while its requests keep failing. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace regkg::server {

class ServiceHealth {
 public:
  // Errors within this window of now count as recent.
  static constexpr std::chrono::seconds kWindow{60};

  // Records one request answered with an internal error while serving `snapshot_id`.
  void record_internal_error(const std::string& snapshot_id);

  struct View {
    std::uint64_t internal_errors = 0;  // since start
    std::uint64_t recent_internal_errors = 0;
    // Recent internal errors on the snapshot served now (a reload to another one clears it).
    bool degraded = false;
  };
  View view(const std::string& serving_id) const;

 private:
  using Clock = std::chrono::steady_clock;
  mutable std::mutex mutex_;
  std::uint64_t total_ = 0;
  mutable std::deque<Clock::time_point> recent_;  // at most kMaxRecent, oldest first
  std::string last_snapshot_;                     // served when the last error happened
  static constexpr size_t kMaxRecent = 10000;
};

}  // namespace regkg::server
