// TraversalScratch and its pool.
#include "graph/traversal_scratch.h"

#include <algorithm>

namespace regkg::graph::detail {

void TraversalScratch::reset(size_t n) {
  if (seen_.size() < n) {
    // Growing: new entries start at 0, which no live generation uses.
    seen_.resize(n, 0);
    member_.resize(n, 0);
  }
  if (++generation_ == 0) {
    // Wrapped after 2^32 queries: clear once and start again at 1.
    std::fill(seen_.begin(), seen_.end(), 0);
    std::fill(member_.begin(), member_.end(), 0);
    generation_ = 1;
  }
  queue.clear();
  queue_b.clear();
}

void TraversalScratch::ensure_parents(size_t n) {
  if (parent.size() >= n) return;
  parent.resize(n);
  parent_edge.resize(n);
  parent_b.resize(n);
  parent_edge_b.resize(n);
}

ScratchPool::Lease ScratchPool::lease(size_t n) {
  std::unique_ptr<TraversalScratch> s;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      s = std::move(free_.back());
      free_.pop_back();
    }
  }
  if (!s) s = std::make_unique<TraversalScratch>();
  s->reset(n);
  return Lease(*this, std::move(s));
}

void ScratchPool::give_back(std::unique_ptr<TraversalScratch> s) {
  if (!s) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_.size() < kKeep) free_.push_back(std::move(s));
}

ScratchPool& scratch_pool() {
  static ScratchPool pool;
  return pool;
}

}  // namespace regkg::graph::detail
