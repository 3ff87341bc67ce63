// Sanction filtering and records (GET /api/v1/sanctions, an obligation's "if_violated"), on the
// graph's vocabulary.
#include "graph/sanction_query.h"

#include <algorithm>

#include "graph/vocabulary.h"

namespace regkg::graph {

namespace {

std::string_view sanction_attr(const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? std::string_view(*v) : std::string_view();
}

// Whether `measure` is one of the comma-separated measures.
bool has_sanction_measure(const NodeData& n, const std::string& measure) {
  const std::string m = "," + std::string(sanction_attr(n, attr::kMeasures)) + ",";
  return m.find("," + measure + ",") != std::string::npos;
}

bool imposed_by_actor(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                      KnowledgeGraph::Vertex actor) {
  bool imposed = false;
  g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    imposed = imposed || (to == actor && g.edge(e).type == edge::kImposedBy);
  });
  return imposed;
}

}  // namespace

std::optional<std::uint64_t> sanction_amount(std::string_view text) {
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint64_t x = 0;
  for (char c : text) x = x * 10 + static_cast<std::uint64_t>(c - '0');
  return x;
}

std::vector<KnowledgeGraph::Vertex> find_sanctions(const KnowledgeGraph& g,
                                                   const SanctionFilter& filter) {
  std::vector<KnowledgeGraph::Vertex> matches;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& n = bg[*it];
    if (n.kind != NodeKind::sanction) continue;
    if (!filter.instrument.empty() && sanction_attr(n, attr::kInstrument) != filter.instrument)
      continue;
    if (!filter.measure.empty() && !has_sanction_measure(n, filter.measure)) continue;
    if (filter.min_fine) {
      const auto max = sanction_amount(sanction_attr(n, attr::kFineMax));
      if (!max || *max < *filter.min_fine) continue;
    }
    if (filter.authority && !imposed_by_actor(g, *it, *filter.authority)) continue;
    if (filter.in_force && !filter.in_force->node_in_force(*it)) continue;
    matches.push_back(*it);
  }
  return matches;
}

SanctionRecord sanction_record(const KnowledgeGraph& g, KnowledgeGraph::Vertex v) {
  SanctionRecord r;
  const NodeData& n = g.node(v);
  r.node = &n;
  r.authority = sanction_attr(n, attr::kAuthority);
  r.measures = sanction_attr(n, attr::kMeasures);
  r.condition = sanction_attr(n, attr::kCondition);
  r.enforces = sanction_attr(n, attr::kEnforces);
  r.fine.min = sanction_attr(n, attr::kFineMin);
  r.fine.max = sanction_attr(n, attr::kFineMax);
  r.fine.multiple_min = sanction_attr(n, attr::kFineMultipleMin);
  r.fine.multiple_max = sanction_attr(n, attr::kFineMultipleMax);
  r.fine.percent_min = sanction_attr(n, attr::kFinePercentMin);
  r.fine.percent_max = sanction_attr(n, attr::kFinePercentMax);
  if (const std::string* of = n.attr(attr::kFineOf)) r.fine_of = *of;
  r.fine_persons_min = sanction_attr(n, attr::kFinePersonsMin);
  r.fine_persons_max = sanction_attr(n, attr::kFinePersonsMax);
  r.article_id = sanction_attr(n, attr::kArticle);
  r.instrument_id = sanction_attr(n, attr::kInstrument);
  r.version_id = sanction_attr(n, attr::kVersion);
  r.article = g.find(r.article_id);
  r.instrument = g.find(r.instrument_id);
  g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    const std::string& type = g.edge(e).type;
    if (type == edge::kImposedBy)
      r.authority_actors.push_back(to);
    else if (type == edge::kSanctions)
      (g.node(to).kind == NodeKind::obligation ? r.obligations_enforced : r.enforced).push_back(to);
  });
  return r;
}

std::vector<KnowledgeGraph::Vertex> sanctions_enforcing(const KnowledgeGraph& g,
                                                        KnowledgeGraph::Vertex target) {
  std::vector<KnowledgeGraph::Vertex> sanctions;
  g.for_each_in_edge(target, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex from) {
    if (g.edge(e).type == edge::kSanctions && g.node(from).kind == NodeKind::sanction)
      sanctions.push_back(from);
  });
  return sanctions;
}

}  // namespace regkg::graph
