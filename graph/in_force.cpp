// InForceFilter: point-in-time validity of versions.
#include "graph/in_force.h"

#include "graph/adjacency_index.h"
#include "graph/validity_index.h"
#include "graph/vocabulary.h"

namespace regkg::graph {

bool InForceFilter::version_in_force(KnowledgeGraph::Vertex version) {
  return g_.validity().version_in_force(version, date_);
}

bool InForceFilter::node_in_force(KnowledgeGraph::Vertex v) {
  const ValidityIndex& validity = g_.validity();
  if (validity.is_version(v)) return validity.version_in_force(v, date_);
  const NodeData& n = g_.node(v);
  if (n.kind == NodeKind::instrument) {
    // An instrument is in force while one of its versions is.
    for (KnowledgeGraph::Vertex version : validity.versions_of(v))
      if (validity.version_in_force(version, date_)) return true;
    return false;
  }
  const std::string* version = n.attr(attr::kVersion);
  if (!version) return true;
  auto vv = g_.find(*version);
  return vv ? validity.version_in_force(*vv, date_) || !validity.is_version(*vv) : true;
}

NotInForce not_in_force(const KnowledgeGraph& g, InForceFilter& filter) {
  const AdjacencyIndex& adj = g.adjacency();  // its kind array: a scan without touching nodes
  const ValidityIndex& validity = g.validity();
  NotInForce out;
  std::vector<char> instrument_out(adj.vertex_count(), 0);
  for (KnowledgeGraph::Vertex v = 0; v < adj.vertex_count(); ++v) {
    if (adj.kind(v) != NodeKind::instrument || filter.node_in_force(v)) continue;
    instrument_out[v] = 1;
    out.instruments.push_back(g.node(v).id);
  }
  for (KnowledgeGraph::Vertex v = 0; v < adj.vertex_count(); ++v) {
    if (adj.kind(v) != NodeKind::version || validity.version_in_force(v, filter.date())) continue;
    // Covered by its instrument's exclusion?
    bool covered = false;
    for (const auto& a : adj.out(v))
      if (adj.type_name(a.type) == edge::kVersionOf && instrument_out[a.neighbor]) covered = true;
    if (!covered) out.versions.push_back(g.node(v).id);
  }
  return out;
}

}  // namespace regkg::graph
