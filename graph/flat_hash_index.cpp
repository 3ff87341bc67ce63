// KeyIndex hashing and the EdgeKeySet (linear probing, at most half full).
#include "graph/flat_hash_index.h"

#include <functional>

namespace regkg::graph {

namespace {

// The edge keys are FNV-1a hashes, whose low bits see only the low bits of their input: a slot is
// chosen from all 64 bits, mixed (MurmurHash3's finaliser).
size_t slot_of(std::uint64_t k, size_t mask) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k & mask;
}

}  // namespace

std::uint64_t KeyIndex::hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

bool EdgeKeySet::contains(std::uint64_t key) const {
  if (slots_.empty()) return false;
  const std::uint64_t k = stored(key);
  for (size_t i = slot_of(k, mask_);; i = (i + 1) & mask_) {
    if (slots_[i] == k) return true;
    if (slots_[i] == 0) return false;
  }
}

bool EdgeKeySet::insert(std::uint64_t key) {
  if ((size_ + 1) * 2 > slots_.size()) grow(std::max<size_t>(16, slots_.size() * 2));
  const std::uint64_t k = stored(key);
  size_t i = slot_of(k, mask_);
  for (; slots_[i] != 0; i = (i + 1) & mask_)
    if (slots_[i] == k) return false;
  slots_[i] = k;
  ++size_;
  return true;
}

void EdgeKeySet::clear() {
  slots_.clear();
  mask_ = 0;
  size_ = 0;
}

void EdgeKeySet::grow(size_t capacity) {
  std::vector<std::uint64_t> old;
  old.swap(slots_);
  assign_on_huge_pages(slots_, capacity);
  mask_ = capacity - 1;
  for (std::uint64_t k : old) {
    if (k == 0) continue;
    size_t i = slot_of(k, mask_);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = k;
  }
}

}  // namespace regkg::graph
