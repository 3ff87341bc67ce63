// copy_without_sources: one pass over the nodes, one over the edges, each kept element copied once
// (bulk appends: no per-node merge, no per-edge duplicate scan).
#include "ingest/assemble/graph_without_sources.h"

#include <algorithm>

namespace regkg::ingest {

namespace {

using Vertex = graph::KnowledgeGraph::Vertex;

bool is_pass(const graph::Symbol& s) { return s.str().rfind("pass:", 0) == 0; }

// Whether a dropped contributor wrote it and nothing but dropped contributors and global passes
// (which the patch redoes) did. Nothing recorded: kept.
bool only_dropped(const std::vector<graph::Symbol>& who, const std::set<std::string>& dropped) {
  bool some = false;
  for (const auto& s : who) {
    if (dropped.count(s.str()))
      some = true;
    else if (!is_pass(s))
      return false;
  }
  return some;
}

bool any_dropped(const std::vector<graph::Symbol>& who, const std::set<std::string>& dropped) {
  return std::any_of(who.begin(), who.end(),
                     [&](const graph::Symbol& s) { return dropped.count(s.str()) > 0; });
}

}  // namespace

GraphWithoutSources copy_without_sources(const graph::KnowledgeGraph& graph,
                                         const SourceContributions& records,
                                         const std::set<std::string>& dropped,
                                         graph::KnowledgeGraph& into,
                                         SourceContributions& into_records) {
  GraphWithoutSources out;
  const auto& bg = graph.boost_graph();
  into.reserve(graph::KnowledgeGraph::rebuild_capacity(graph.node_count()));
  out.vertex_map.assign(graph.node_count(), SourceContributions::kNotKept);
  Vertex next = 0;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto who = records.node_contributors(*it);
    if (only_dropped(who, dropped)) {
      ++out.dropped_nodes;
      continue;
    }
    into.append_node_unchecked(bg[*it]);
    if (any_dropped(who, dropped)) out.shared_nodes.push_back(next);
    out.vertex_map[*it] = next++;
  }
  for (auto [it, end] = boost::edges(bg); it != end; ++it) {
    const Vertex from = boost::source(*it, bg), to = boost::target(*it, bg);
    const auto who = records.edge_contributors(from, to, bg[*it].type);
    if (only_dropped(who, dropped)) {
      ++out.dropped_edges;
      continue;
    }
    if (out.vertex_map[from] == SourceContributions::kNotKept ||
        out.vertex_map[to] == SourceContributions::kNotKept) {
      ++out.dropped_edges;
      for (const auto& w : who)
        if (!dropped.count(w.str())) out.orphaned_contributors.insert(w.str());
      continue;
    }
    into.append_edge_unchecked(out.vertex_map[from], out.vertex_map[to], bg[*it]);
  }
  into_records.carry_over(records, out.vertex_map, into);
  return out;
}

}  // namespace regkg::ingest
