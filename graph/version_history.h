// The versions of one instrument in date order, and which of them was in force on a day (the
// point-in-time view): drafts (status "draft") are listed but never in force; when no version was
// in force, the nearest final versions that took effect before and after the day. Read-only on the
// graph; thread-safe for a const graph.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

struct VersionEntry {
  KnowledgeGraph::Vertex vertex;
  std::string id;
  std::string date;       // the version date
  std::string effective;  // the effective date (attribute "effective", else the version date)
  bool draft = false;
};

// The versions of `instrument` (version nodes with a version_of edge to it), by date, then id.
std::vector<VersionEntry> versions_of(const KnowledgeGraph& graph,
                                      KnowledgeGraph::Vertex instrument);

struct PointInTime {
  std::optional<VersionEntry> in_force;  // the version in force on the date, if any
  // When none was in force: the last final version that took effect on or before the date (it
  // may have ceased) and the first that took effect after it.
  std::optional<VersionEntry> nearest_earlier, nearest_later;
};

// `date` is YYYY-MM-DD.
PointInTime version_at(const KnowledgeGraph& graph, KnowledgeGraph::Vertex instrument,
                       const std::string& date);

}  // namespace regkg::graph
