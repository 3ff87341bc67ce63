// Admin routes (reload, snapshot files for replicas) need a bearer token. The token comes from a
// file or the REGKG_ADMIN_TOKEN environment variable; with none configured admin routes are off.
// Comparison takes the same time whatever the presented token, and tokens are never logged.
#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>

namespace regkg::server {

// True when `authorization` is "Bearer <token>" with exactly `expected` (non-empty), compared in
// time independent of where the strings differ.
bool bearer_token_matches(const std::string& expected, const std::string& authorization);

// Reads the token from `file` (first line, surrounding whitespace removed) or, when `file` is
// empty, from $REGKG_ADMIN_TOKEN. Returns "" when neither is set. Throws std::runtime_error naming
// the file when it cannot be read, is empty, or is readable by group or others.
std::string load_admin_token(const std::filesystem::path& file);

// Failed admin authentications per client address in a sliding window (issue 22, item 6: 14,428
// guesses per second were answered). An address with `max_failures` failures within `window` is
// refused, the right token included, until its oldest failure leaves the window: a guess that
// hits during a lockout must not be told so. Thread-safe; memory bounded by kMaxAddresses.
class AdminFailureLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxAddresses = 10000;

  // `max_failures` 0 = no limit.
  AdminFailureLimiter(unsigned max_failures, std::chrono::seconds window);

  // How long `address` must wait before its next attempt; 0 = it may try now.
  std::chrono::seconds retry_after(const std::string& address,
                                   Clock::time_point now = Clock::now());
  void record_failure(const std::string& address, Clock::time_point now = Clock::now());

 private:
  void forget_old(Clock::time_point now);  // needs mutex_ held
  unsigned max_failures_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;  // oldest first
};

}  // namespace regkg::server
