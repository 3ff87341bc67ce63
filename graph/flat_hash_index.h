// Open-addressing hash tables for the graph's hot lookups:
//  - KeyIndex maps strings kept elsewhere to their positions without storing them a second time
//    (a slot holds a hash tag and the position; a candidate is compared through a callback). The
//    graph maps node ids to vertices with it, the graph writer its string table. Sized once from
//    a hint where one is known.
//  - EdgeKeySet holds the 64-bit (from, to, type) keys used to refuse duplicate edges (the graph
//    keeps only those of sources with many out-edges); it grows as it fills.
// Both replace node-per-element std::unordered_* containers, whose allocations and rehashes were
// a third of a graph build. Owned by their user; not thread-safe for writing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/huge_page_advice.h"

namespace regkg::graph {

// Slots for n entries at most half full: a power of two, at least 16, capped at 2^40.
inline size_t slots_for(size_t n) {
  size_t want = 16;
  while (want / 2 < n && want < (size_t{1} << 40)) want *= 2;
  return want;
}

class KeyIndex {
 public:
  static std::uint64_t hash(std::string_view id);

  // Finds the position whose key equals `id`; `id_of(v)` returns the key kept for position v.
  template <class IdOf>
  bool find(std::string_view id, std::uint64_t h, const IdOf& id_of, std::uint32_t& out) const {
    if (slots_.empty()) return false;
    const std::uint32_t tag = tag_of(h);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.vertex_plus_one == 0) return false;
      if (s.tag == tag && id_of(s.vertex_plus_one - 1) == id) {
        out = s.vertex_plus_one - 1;
        return true;
      }
    }
  }

  // Records position v under hash h (the caller has checked that the key is not present).
  // `hash_of(v)` recomputes a stored position's hash when the table grows.
  template <class HashOf>
  void insert(std::uint64_t h, std::uint32_t v, const HashOf& hash_of) {
    if ((size_ + 1) * 2 > slots_.size()) grow(std::max<size_t>(16, slots_.size() * 2), hash_of);
    place(h, v);
    ++size_;
  }

  template <class HashOf>
  void reserve(size_t n, const HashOf& hash_of) {
    const size_t want = slots_for(n);
    if (want > slots_.size()) grow(want, hash_of);
  }

  size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t vertex_plus_one = 0;  // 0 = empty
  };
  static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }

  void place(std::uint64_t h, std::uint32_t v) {
    size_t i = h & mask_;
    while (slots_[i].vertex_plus_one != 0) i = (i + 1) & mask_;
    slots_[i] = {tag_of(h), v + 1};
  }

  template <class HashOf>
  void grow(size_t capacity, const HashOf& hash_of) {
    std::vector<Slot> old;
    old.swap(slots_);
    assign_on_huge_pages(slots_, capacity);
    mask_ = capacity - 1;
    for (const Slot& s : old)
      if (s.vertex_plus_one != 0) place(hash_of(s.vertex_plus_one - 1), s.vertex_plus_one - 1);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

class EdgeKeySet {
 public:
  // True when `key` was not present (and now is).
  bool insert(std::uint64_t key);
  bool contains(std::uint64_t key) const;
  void clear();
  size_t size() const { return size_; }

 private:
  static std::uint64_t stored(std::uint64_t key) { return key == 0 ? 1 : key; }  // 0 = empty
  void grow(size_t capacity);

  std::vector<std::uint64_t> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace regkg::graph
