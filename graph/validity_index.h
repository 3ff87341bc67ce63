// When each version of each instrument was the law: a half-open interval of dates [from, until)
// per version node, worked out once per graph from the rules InForceFilter documents (effective
// date, superseded by a later version's effective date, ceased or repealed events of the version
// or its instrument). Immutable once built; safe to share between threads. Get it from
// KnowledgeGraph::validity().
#pragma once

#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

class ValidityIndex {
 public:
  struct Interval {
    std::string from;   // YYYY-MM-DD; "" = never in force (no effective date)
    std::string until;  // first day no longer in force; "" = still in force
  };

  // O(versions x their instrument's versions + the edges of versions and instruments).
  explicit ValidityIndex(const KnowledgeGraph& g);

  // True if `v` is a version node in force on `date` (YYYY-MM-DD).
  bool version_in_force(KnowledgeGraph::Vertex v, const std::string& date) const;
  bool is_version(KnowledgeGraph::Vertex v) const { return v < slot_.size() && slot_[v] >= 0; }
  // The interval of a version node (see is_version()).
  const Interval& interval(KnowledgeGraph::Vertex v) const {
    return intervals_[static_cast<size_t>(slot_[v])];
  }
  // The version nodes of an instrument node (those linked to it by version_of), in edge order.
  const std::vector<KnowledgeGraph::Vertex>& versions_of(KnowledgeGraph::Vertex instrument) const;

 private:
  std::vector<int> slot_;  // by vertex: index into intervals_, -1 for other nodes
  std::vector<Interval> intervals_;
  std::vector<int> instrument_slot_;  // by vertex: index into versions_, -1
  std::vector<std::vector<KnowledgeGraph::Vertex>> versions_;
};

}  // namespace regkg::graph
