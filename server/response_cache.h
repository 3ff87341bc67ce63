// A bounded LRU cache of successful JSON responses, keyed by snapshot id + route + canonical query
// string. Popular searches are answered without touching Xapian; a snapshot swap changes the key,
// so nothing stale is ever served (old entries age out). Thread-safe (sharded mutexes).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace regkg::server {

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
