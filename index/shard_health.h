// Which remote index shards (serve --remote-shards) answer, as /healthz reports it without
// waiting: a background thread owned by this object tries every shard each `interval`, and every
// search tells it what it saw (a search that ran reached every shard; a ShardUnavailableError
// names the one that failed). Readers get the last known state at once. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "index/remote_shards.h"

namespace regkg::index {

class ShardHealth {
 public:
  // Starts the probe thread; every shard is taken to be up until something says otherwise (the
  // Searcher checked them all before it was made).
  ShardHealth(RemoteShards remote, std::chrono::milliseconds interval);
  // Stops and joins the thread (at most one probe's connect timeout when a shard is down).
  ~ShardHealth();
  ShardHealth(const ShardHealth&) = delete;
  ShardHealth& operator=(const ShardHealth&) = delete;

  // "host:port" of the shards last seen down, in the shards' order.
  std::vector<std::string> down() const;
  // A search ran on the combined database: every shard answered.
  void saw_all_up();
  // A search failed on `shard` ("host:port"; "unknown" marks nothing: the next probe will tell).
  void saw_down(const std::string& shard);
  // Probes done so far (tests wait on it).
  unsigned probes() const;

 private:
  void run();
  void probe_once();

  const RemoteShards remote_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<bool> up_;  // by shard index
  unsigned probes_ = 0;
  unsigned long long seen_ = 0;  // searches' reports so far: a probe older than one is dropped
  bool stop_ = false;
  std::thread thread_;  // last: started after everything it reads
};

}  // namespace regkg::index
