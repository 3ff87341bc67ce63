// Obligation filtering and records (GET /api/v1/obligations), on the graph's vocabulary.
#include "graph/obligation_query.h"

#include "graph/vocabulary.h"

namespace regkg::graph {

namespace {

std::string_view obligation_attr(const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? std::string_view(*v) : std::string_view();
}

bool binds_actor(const KnowledgeGraph& g, KnowledgeGraph::Vertex v, KnowledgeGraph::Vertex actor) {
  bool binds = false;
  g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    binds = binds || (to == actor && g.edge(e).type == edge::kBinds);
  });
  return binds;
}

}  // namespace

std::vector<KnowledgeGraph::Vertex> find_obligations(const KnowledgeGraph& g,
                                                     const ObligationFilter& filter) {
  std::vector<KnowledgeGraph::Vertex> matches;
  const auto& bg = g.boost_graph();
  const std::string_view q = filter.text;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& n = bg[*it];
    if (n.kind != NodeKind::obligation) continue;
    if (!filter.modality.empty() && obligation_attr(n, attr::kModality) != filter.modality)
      continue;
    if (!filter.instrument.empty() && obligation_attr(n, attr::kInstrument) != filter.instrument)
      continue;
    if (filter.bearer && !binds_actor(g, *it, *filter.bearer)) continue;
    if (!q.empty() && n.text_zh.find(q) == std::string::npos &&
        n.text_en.find(q) == std::string::npos &&
        obligation_attr(n, attr::kAction).find(q) == std::string_view::npos)
      continue;
    if (filter.in_force && !filter.in_force->node_in_force(*it)) continue;
    matches.push_back(*it);
  }
  return matches;
}

ObligationRecord obligation_record(const KnowledgeGraph& g, KnowledgeGraph::Vertex v) {
  ObligationRecord r;
  const NodeData& n = g.node(v);
  r.node = &n;
  r.modality = obligation_attr(n, attr::kModality);
  r.bearer = obligation_attr(n, attr::kBearer);
  r.bearer_rule = obligation_attr(n, attr::kBearerRule);
  r.action = obligation_attr(n, attr::kAction);
  r.condition = obligation_attr(n, attr::kCondition);
  r.article_id = obligation_attr(n, attr::kArticle);
  r.instrument_id = obligation_attr(n, attr::kInstrument);
  r.version_id = obligation_attr(n, attr::kVersion);
  r.article = g.find(r.article_id);
  r.instrument = g.find(r.instrument_id);
  g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    if (g.edge(e).type == edge::kBinds) r.bearer_actors.push_back(to);
  });
  return r;
}

}  // namespace regkg::graph
