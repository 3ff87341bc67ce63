// effective_dates_from_text: a version's effective date from its commencement clause.
#include "ingest/assemble/effective_dates.h"

#include <set>
#include <string>
#include <vector>

#include "graph/vocabulary.h"
#include "ingest/assemble/source_contributions.h"

namespace regkg::ingest {

std::size_t effective_dates_from_text(graph::KnowledgeGraph& g) {
  using graph::KnowledgeGraph;
  std::vector<KnowledgeGraph::Vertex> versions;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it)
    if (bg[*it].kind == graph::NodeKind::version && !bg[*it].attr(graph::attr::kEffective))
      versions.push_back(*it);
  std::size_t set = 0;
  if (auto* o = g.write_observer()) o->contributor(graph::Symbol(pass::kEffectiveDates));
  for (KnowledgeGraph::Vertex v : versions) {
    std::set<std::string> dates;
    g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex ev) {
      const auto& edge = g.edge(e);
      if (edge.type != graph::edge::kHasEvent || edge.provenance.rule != "text.date.effective")
        return;
      if (!g.node(ev).date.empty()) dates.insert(g.node(ev).date);
    });
    // Several dates (an article naming another law's commencement too) are ambiguous: left alone.
    if (dates.size() != 1 || *dates.begin() < g.node(v).date) continue;
    g.node(v).set_attr(graph::attr::kEffective, *dates.begin());
    g.node(v).set_attr(graph::attr::kEffectiveFrom, "text");
    if (auto* o = g.write_observer()) o->node_written(v);
    ++set;
  }
  return set;
}

}  // namespace regkg::ingest
