// Which version of an instrument was the law on a given day: a version is in force on D when its
// effective date (attribute "effective", else its version date) is on or before D, no later
// version of the same instrument has taken effect by D, and neither it nor its instrument had
// ceased or been repealed by D (events "ceased", "repealed", "revoked"). A draft (attribute status
// "draft") is never in force and never displaces another version. The intervals are worked
// out once per graph (KnowledgeGraph::validity()), so a test is a lookup. Cheap to make; it only
// reads the graph, so concurrent calls on one instance are safe.
#pragma once

#include <string>
#include <vector>

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
  const KnowledgeGraph& g_;
  std::string date_;
};

// What a search for texts in force on the filter's date leaves out: the instruments with no version
// in force then (all their texts), and the versions not in force of the other instruments (and of
// none). Nodes outside every version, such as news and actors, stay in. Ids in vertex order.
// O(versions + instruments).
struct NotInForce {
  std::vector<std::string> versions;
  std::vector<std::string> instruments;
};
NotInForce not_in_force(const KnowledgeGraph& g, InForceFilter& filter);

}  // namespace regkg::graph
