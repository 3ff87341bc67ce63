// A bounded LRU cache of successful JSON responses, keyed by snapshot id + route + the parsed
// parameters (make_cache_key). Popular searches are answered without touching Xapian; a snapshot
// swap changes the key, so nothing stale is ever served (old entries age out). Thread-safe (sharded
// mutexes).
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace regkg::server {

// The cache key (and the ETag's input) of a request: the snapshot id, the path and the parsed
// parameters in order, each written as its byte length, ':' and its bytes. No two different
// requests share a key, whatever bytes their values hold: joining "k=v" lines let a value with
// "\nyear=2021" in it take the key of a request with a second parameter (issue 22, item 7).
std::string make_cache_key(const std::string& snapshot_id, const std::string& path,
                           const std::multimap<std::string, std::string>& params);

class ResponseCache {
 public:
  // `capacity_bytes` is split evenly across shards; 0 disables the cache.
  explicit ResponseCache(size_t capacity_bytes, size_t shards = 16);

  std::shared_ptr<const std::string> get(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const std::string> body);
  size_t hits() const;
  size_t misses() const;

 private:
  struct Shard {
    std::mutex mutex;
    std::list<std::pair<std::string, std::shared_ptr<const std::string>>> lru;  // front = newest
    std::unordered_map<std::string, decltype(lru)::iterator> index;
    size_t bytes = 0;
    size_t hits = 0, misses = 0;
  };
  Shard& shard_for(const std::string& key);

  size_t shard_capacity_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace regkg::server
