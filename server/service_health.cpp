// ServiceHealth: a sliding window of internal errors.
#include "server/service_health.h"

namespace regkg::server {

void ServiceHealth::record_internal_error(const std::string& snapshot_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++total_;
  recent_.push_back(Clock::now());
  if (recent_.size() > kMaxRecent) recent_.pop_front();
  last_snapshot_ = snapshot_id;
}

ServiceHealth::View ServiceHealth::view(const std::string& serving_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto since = Clock::now() - kWindow;
  while (!recent_.empty() && recent_.front() < since) recent_.pop_front();
  View v;
  v.internal_errors = total_;
  v.recent_internal_errors = recent_.size();
  v.degraded = !recent_.empty() && last_snapshot_ == serving_id;
  return v;
}

}  // namespace regkg::server
