// Which version of an instrument was the law on a given day: a version is in force on D when its
// effective date (attribute "effective", else its version date) is on or before D, no later
// version of the same instrument has taken effect by D, and neither it nor its instrument had
// ceased or been repealed by D (events "ceased", "repealed"). A draft (attribute status "draft")
// is never in force and never displaces another version. Memoises per instance; not
// thread-safe (make one per request).
#pragma once

#include <string>
#include <unordered_map>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

class InForceFilter {
 public:
  InForceFilter(const KnowledgeGraph& graph, std::string date)
      : g_(graph), date_(std::move(date)) {}
  // True if `version` (a version node) was in force on the date.
  bool version_in_force(KnowledgeGraph::Vertex version);
  // For any node carrying a "version" attribute (article, obligation …), a version itself, or an
  // instrument (in force while one of its versions is); nodes without a version (news, actors)
  // pass.
  bool node_in_force(KnowledgeGraph::Vertex v);
  const std::string& date() const { return date_; }

 private:
  std::string effective_of(KnowledgeGraph::Vertex version) const;
  bool ceased_by_date(KnowledgeGraph::Vertex v) const;
  bool is_draft(KnowledgeGraph::Vertex version) const;

  const KnowledgeGraph& g_;
  std::string date_;
  std::unordered_map<KnowledgeGraph::Vertex, bool> memo_;
};

}  // namespace regkg::graph
