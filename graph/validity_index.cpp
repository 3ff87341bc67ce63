// ValidityIndex: version validity intervals.
#include "graph/validity_index.h"

#include "graph/adjacency_index.h"
#include "graph/vocabulary.h"

namespace regkg::graph {

namespace {

using Vertex = KnowledgeGraph::Vertex;

// A draft is never the law and never displaces the version in force.
bool is_draft(const NodeData& version) {
  const std::string* status = version.attr(attr::kStatus);
  return status && *status == "draft";
}

std::string effective_of(const NodeData& version) {
  if (const std::string* e = version.attr(attr::kEffective); e && !e->empty()) return *e;
  return version.date;
}

// The earliest dated ceased / repealed / revoked event of `v`, "" when none.
std::string ceased_on(const KnowledgeGraph& g, Vertex v) {
  std::string earliest;
  const AdjacencyIndex& adj = g.adjacency();
  const int has_event = adj.type_id(edge::kHasEvent);
  if (has_event < 0) return earliest;
  for (const auto& a : adj.out(v)) {
    if (a.type != has_event) continue;
    const NodeData& ev = g.node(a.neighbor);
    const std::string* type = ev.attr(attr::kEventType);
    if (type && (*type == "ceased" || *type == "repealed" || *type == "revoked") &&
        !ev.date.empty() && (earliest.empty() || ev.date < earliest))
      earliest = ev.date;
  }
  return earliest;
}

// The earlier of two "until" dates, "" meaning open.
std::string earlier(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a < b ? a : b;
}

}  // namespace

ValidityIndex::ValidityIndex(const KnowledgeGraph& g)
    : slot_(g.node_count(), -1), instrument_slot_(g.node_count(), -1) {
  const AdjacencyIndex& adj = g.adjacency();
  const int version_of = adj.type_id(edge::kVersionOf);
  // Instruments and their versions (sources of version_of edges), in edge order.
  for (Vertex v = 0; v < adj.vertex_count(); ++v) {
    if (adj.kind(v) != NodeKind::instrument) continue;
    instrument_slot_[v] = static_cast<int>(versions_.size());
    versions_.emplace_back();
    if (version_of < 0) continue;
    for (const auto& a : adj.in(v))
      if (a.type == version_of) versions_.back().push_back(a.neighbor);
  }
  for (Vertex v = 0; v < adj.vertex_count(); ++v) {
    if (adj.kind(v) != NodeKind::version) continue;
    slot_[v] = static_cast<int>(intervals_.size());
    Interval iv;
    const NodeData& n = g.node(v);
    if (!is_draft(n)) iv.from = effective_of(n);
    if (!iv.from.empty()) {
      iv.until = ceased_on(g, v);
      // The instrument: the first version_of target, as InForceFilter takes it.
      for (const auto& a : adj.out(v)) {
        if (version_of < 0 || a.type != version_of) continue;
        const Vertex inst = a.neighbor;
        iv.until = earlier(iv.until, ceased_on(g, inst));
        // A later version (or one of the same effective date but a later text date) ends it
        // when it takes effect. Any version_of source counts, as in InForceFilter.
        for (const auto& b : adj.in(inst)) {
          if (b.type != version_of || b.neighbor == v) continue;
          const NodeData& other = g.node(b.neighbor);
          if (is_draft(other)) continue;
          const std::string other_effective = effective_of(other);
          if (other_effective.empty()) continue;
          if (other_effective > iv.from || (other_effective == iv.from && other.date > n.date))
            iv.until = earlier(iv.until, other_effective);
        }
        break;
      }
    }
    intervals_.push_back(std::move(iv));
  }
}

bool ValidityIndex::version_in_force(Vertex v, const std::string& date) const {
  if (!is_version(v)) return false;
  const Interval& iv = interval(v);
  return !iv.from.empty() && iv.from <= date && (iv.until.empty() || date < iv.until);
}

const std::vector<Vertex>& ValidityIndex::versions_of(Vertex instrument) const {
  static const std::vector<Vertex> none;
  if (instrument >= instrument_slot_.size() || instrument_slot_[instrument] < 0) return none;
  return versions_[static_cast<size_t>(instrument_slot_[instrument])];
}

}  // namespace regkg::graph
