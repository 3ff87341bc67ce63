// versions_of and version_at: an instrument's versions and the one in force on a day.
#include "graph/version_history.h"

#include <algorithm>

#include "graph/in_force.h"
#include "graph/vocabulary.h"

namespace regkg::graph {

std::vector<VersionEntry> versions_of(const KnowledgeGraph& g, KnowledgeGraph::Vertex instrument) {
  std::vector<VersionEntry> out;
  g.for_each_in_edge(instrument, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex from) {
    if (g.edge(e).type != edge::kVersionOf || g.node(from).kind != NodeKind::version) return;
    const NodeData& n = g.node(from);
    VersionEntry v;
    v.vertex = from;
    v.id = n.id;
    v.date = n.date;
    const std::string* eff = n.attr(attr::kEffective);
    v.effective = eff && !eff->empty() ? *eff : n.date;
    const std::string* status = n.attr(attr::kStatus);
    v.draft = status && *status == "draft";
    out.push_back(std::move(v));
  });
  std::sort(out.begin(), out.end(), [](const VersionEntry& a, const VersionEntry& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  return out;
}

PointInTime version_at(const KnowledgeGraph& g, KnowledgeGraph::Vertex instrument,
                       const std::string& date) {
  PointInTime out;
  InForceFilter filter(g, date);
  std::vector<VersionEntry> versions = versions_of(g, instrument);
  for (const VersionEntry& v : versions)
    if (!v.draft && filter.version_in_force(v.vertex)) out.in_force = v;
  if (out.in_force) return out;
  for (const VersionEntry& v : versions) {
    if (v.draft || v.effective.empty()) continue;
    if (v.effective <= date) {
      if (!out.nearest_earlier || v.effective >= out.nearest_earlier->effective)
        out.nearest_earlier = v;
    } else if (!out.nearest_later || v.effective < out.nearest_later->effective) {
      out.nearest_later = v;
    }
  }
  return out;
}

}  // namespace regkg::graph
