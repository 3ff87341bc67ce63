// InForceFilter: point-in-time validity of versions.
#include "graph/in_force.h"

namespace regkg::graph {

std::string InForceFilter::effective_of(KnowledgeGraph::Vertex version) const {
  const NodeData& n = g_.node(version);
  if (const std::string* e = n.attr("effective"); e && !e->empty()) return *e;
  return n.date;
}

bool InForceFilter::ceased_by_date(KnowledgeGraph::Vertex v) const {
  bool ceased = false;
  g_.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    if (ceased || g_.edge(e).type != "has_event") return;
    const NodeData& ev = g_.node(to);
    const std::string* type = ev.attr("event_type");
    if (type && (*type == "ceased" || *type == "repealed" || *type == "revoked") &&
        !ev.date.empty() && ev.date <= date_)
      ceased = true;
  });
  return ceased;
}

bool InForceFilter::is_draft(KnowledgeGraph::Vertex version) const {
  const std::string* status = g_.node(version).attr("status");
  return status && *status == "draft";
}

bool InForceFilter::version_in_force(KnowledgeGraph::Vertex version) {
  if (auto it = memo_.find(version); it != memo_.end()) return it->second;
  bool in_force = false;
  std::string effective = effective_of(version);
  // A draft is never the law, and never displaces the version in force.
  if (!is_draft(version) && !effective.empty() && effective <= date_ && !ceased_by_date(version)) {
    in_force = true;
    if (auto inst = g_.out_neighbor(version, "version_of")) {
      if (ceased_by_date(*inst)) in_force = false;
      // A later version that has taken effect by the date supersedes this one.
      g_.for_each_in_edge(*inst, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex other) {
        if (!in_force || other == version || g_.edge(e).type != "version_of" || is_draft(other))
          return;
        std::string other_effective = effective_of(other);
        if (!other_effective.empty() && other_effective <= date_ &&
            (other_effective > effective ||
             (other_effective == effective && g_.node(other).date > g_.node(version).date)))
          in_force = false;
      });
    }
  }
  memo_[version] = in_force;
  return in_force;
}

bool InForceFilter::node_in_force(KnowledgeGraph::Vertex v) {
  const NodeData& n = g_.node(v);
  if (n.kind == NodeKind::version) return version_in_force(v);
  if (n.kind == NodeKind::instrument) {
    // An instrument is in force while one of its versions is.
    if (auto it = memo_.find(v); it != memo_.end()) return it->second;
    bool any = false;
    g_.for_each_in_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex from) {
      if (!any && g_.edge(e).type == "version_of") any = version_in_force(from);
    });
    memo_[v] = any;
    return any;
  }
  const std::string* version = n.attr("version");
  if (!version) return true;
  auto vv = g_.find(*version);
  return vv ? version_in_force(*vv) : true;
}

}  // namespace regkg::graph
