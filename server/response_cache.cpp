// ResponseCache: sharded LRU of response bodies.
#include "server/response_cache.h"

#include <functional>

namespace regkg::server {

namespace {

void append_field(std::string& key, const std::string& field) {
  key += std::to_string(field.size());
  key += ':';
  key += field;
}

}  // namespace

std::string make_cache_key(const std::string& snapshot_id, const std::string& path,
                           const std::multimap<std::string, std::string>& params) {
  std::string key;
  append_field(key, snapshot_id);
  append_field(key, path);
  // A multimap iterates in key order (equal keys in arrival order): equal queries, equal keys.
  for (const auto& [name, value] : params) {
    append_field(key, name);
    append_field(key, value);
  }
  return key;
}

ResponseCache::ResponseCache(size_t capacity_bytes, size_t shards)
    : shard_capacity_(shards ? capacity_bytes / shards : 0) {
  for (size_t i = 0; i < std::max<size_t>(1, shards); ++i)
    shards_.push_back(std::make_unique<Shard>());
}

ResponseCache::Shard& ResponseCache::shard_for(const std::string& key) {
  return *shards_[std::hash<std::string>{}(key) % shards_.size()];
}

std::shared_ptr<const std::string> ResponseCache::get(const std::string& key) {
  Shard& s = shard_for(key);
  std::lock_guard<std::mutex> lock(s.mutex);
  auto it = s.index.find(key);
  if (it == s.index.end()) {
    ++s.misses;
    return nullptr;
  }
  ++s.hits;
  s.lru.splice(s.lru.begin(), s.lru, it->second);
  return it->second->second;
}

void ResponseCache::put(const std::string& key, std::shared_ptr<const std::string> body) {
  if (shard_capacity_ == 0 || !body) return;
  size_t cost = key.size() + body->size();
  if (cost > shard_capacity_ / 4) return;  // one huge answer must not flush a whole shard
  Shard& s = shard_for(key);
  std::lock_guard<std::mutex> lock(s.mutex);
  if (auto it = s.index.find(key); it != s.index.end()) {
    s.bytes -= it->first.size() + it->second->second->size();
    s.lru.erase(it->second);
    s.index.erase(it);
  }
  s.lru.emplace_front(key, std::move(body));
  s.index.emplace(key, s.lru.begin());
  s.bytes += cost;
  while (s.bytes > shard_capacity_ && !s.lru.empty()) {
    auto& last = s.lru.back();
    s.bytes -= last.first.size() + last.second->size();
    s.index.erase(last.first);
    s.lru.pop_back();
  }
}

size_t ResponseCache::hits() const {
  size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard<std::mutex> lock(s->mutex);
    n += s->hits;
  }
  return n;
}

size_t ResponseCache::misses() const {
  size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard<std::mutex> lock(s->mutex);
    n += s->misses;
  }
  return n;
}

}  // namespace regkg::server
