// Per-query working memory for graph traversals: visited marks cleared in O(1) by bumping a
// generation number, BFS parent links and a queue, all sized to the graph and reused across
// queries through a small pool, so a query allocates nothing and touches only the nodes it visits.
// Internal to graph/. The pool is thread-safe; a leased TraversalScratch belongs to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace regkg::graph::detail {

class TraversalScratch {
 public:
  // Prepares for a graph of `n` vertices: every vertex unmarked (both mark sets), queues empty.
  // 8 bytes per vertex.
  void reset(size_t n);
  // Sizes the parent arrays for `n` vertices (16 more bytes per vertex; only searches that trace
  // paths need them). Their contents are valid only for vertices marked since the last reset().
  void ensure_parents(size_t n);

  // "seen" marks (reached or refused).
  bool seen(size_t v) const { return seen_[v] == generation_; }
  void see(size_t v) { seen_[v] = generation_; }
  // "member" marks (admitted into a result).
  bool member(size_t v) const { return member_[v] == generation_; }
  void admit(size_t v) { member_[v] = generation_; }

  // BFS parent links (the vertex before v and the edge number of the arc between them), valid for
  // marked vertices: parent / parent_edge for the "seen" side of a search, parent_b /
  // parent_edge_b for the "member" side (a bidirectional search keeps one tree per side).
  std::vector<std::uint32_t> parent, parent_edge, parent_b, parent_edge_b;
  std::vector<std::uint32_t> queue, queue_b;  // cleared by reset()

 private:
  std::vector<std::uint32_t> seen_, member_;
  std::uint32_t generation_ = 0;
};

// Leases scratch objects; as many exist as queries ran at the same time, and at most kKeep of
// them are kept for reuse when returned (the others are freed).
class ScratchPool {
 public:
  class Lease {
   public:
    Lease(ScratchPool& pool, std::unique_ptr<TraversalScratch> s) : pool_(pool), s_(std::move(s)) {}
    ~Lease() { pool_.give_back(std::move(s_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    TraversalScratch& operator*() { return *s_; }
    TraversalScratch* operator->() { return s_.get(); }

   private:
    ScratchPool& pool_;
    std::unique_ptr<TraversalScratch> s_;
  };

  static constexpr size_t kKeep = 8;

  // A scratch reset for `n` vertices.
  Lease lease(size_t n);

 private:
  void give_back(std::unique_ptr<TraversalScratch> s);
  std::mutex mutex_;
  std::vector<std::unique_ptr<TraversalScratch>> free_;
};

// The process-wide pool used by the graph queries.
ScratchPool& scratch_pool();

}  // namespace regkg::graph::detail
