// The remote shards' health: a probe thread and what searches report (see shard_health.h).
#include "index/shard_health.h"

namespace regkg::index {

ShardHealth::ShardHealth(RemoteShards remote, std::chrono::milliseconds interval)
    : remote_(std::move(remote)),
      interval_(interval),
      up_(remote_.shards.size(), true),
      thread_([this] { run(); }) {}

ShardHealth::~ShardHealth() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::vector<std::string> ShardHealth::down() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (size_t i = 0; i < up_.size(); ++i)
    if (!up_[i]) names.push_back(remote_.shards[i].name());
  return names;
}

void ShardHealth::saw_all_up() {
  std::lock_guard<std::mutex> lock(mutex_);
  up_.assign(up_.size(), true);
  ++seen_;
}

void ShardHealth::saw_down(const std::string& shard) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < up_.size(); ++i)
    if (remote_.shards[i].name() == shard) up_[i] = false;
  ++seen_;
}

unsigned ShardHealth::probes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return probes_;
}

void ShardHealth::probe_once() {
  // Connections are made without the lock: a shard that is down costs its connect timeout. A
  // search that reported meanwhile saw the shards later than this probe did: it wins.
  unsigned long long reports;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    reports = seen_;
  }
  std::vector<bool> seen(remote_.shards.size(), true);
  for (size_t i = 0; i < remote_.shards.size(); ++i) {
    try {
      open_remote_shard(remote_.shards[i], remote_).keep_alive();
    } catch (const ShardUnavailableError&) {
      seen[i] = false;
    } catch (const Xapian::Error&) {
      seen[i] = false;
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (seen_ == reports) up_ = std::move(seen);
  ++probes_;
}

void ShardHealth::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    if (wake_.wait_for(lock, interval_, [this] { return stop_; })) break;
    lock.unlock();
    probe_once();
    lock.lock();
  }
}

}  // namespace regkg::index
