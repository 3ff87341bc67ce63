// Instrument-level citation graph, its BFS network and PageRank ranking.
#include "graph/citation_network.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "graph/pagerank.h"
#include "graph/vocabulary.h"

namespace regkg::graph {

using Vertex = KnowledgeGraph::Vertex;

std::optional<Vertex> CitationGraph::instrument_of(Vertex v) const {
  const NodeData& n = g_.node(v);
  if (n.kind == NodeKind::instrument || n.kind == NodeKind::citation) return v;
  if (n.kind == NodeKind::version) {
    if (const std::string* inst = n.attr(attr::kInstrument))
      if (auto iv = g_.find(*inst); iv && g_.node(*iv).kind == NodeKind::instrument) return iv;
    return g_.out_neighbor(v, edge::kVersionOf);
  }
  if (const std::string* inst = n.attr(attr::kInstrument))
    if (auto iv = g_.find(*inst); iv && g_.node(*iv).kind == NodeKind::instrument) return iv;
  if (const std::string* ver = n.attr(attr::kVersion))
    if (auto vv = g_.find(*ver); vv && g_.node(*vv).kind == NodeKind::version)
      return instrument_of(*vv);
  return std::nullopt;
}

CitationGraph::CitationGraph(const KnowledgeGraph& g, InForceFilter* in_force)
    : g_(g), in_force_(in_force), out_(g.node_count()), in_(g.node_count()) {
  const auto& bg = g.boost_graph();
  std::map<std::pair<Vertex, Vertex>, size_t> index;  // ordered: links_ come out deterministic
  std::unordered_map<Vertex, std::optional<Vertex>> memo;
  auto inst = [&](Vertex v) {
    auto [it, fresh] = memo.emplace(v, std::nullopt);
    if (fresh) it->second = instrument_of(v);
    return it->second;
  };
  for (auto [it, end] = boost::edges(bg); it != end; ++it) {
    const std::string& type = g.edge(*it).type;
    if (type != edge::kCites && type != edge::kLegalBasis) continue;
    auto a = inst(boost::source(*it, bg));
    auto b = inst(boost::target(*it, bg));
    if (!a || !b || *a == *b) continue;
    // In force: the citing text itself, and the cited instrument (whichever version was cited).
    if (in_force &&
        (!in_force->node_in_force(boost::source(*it, bg)) || !in_force->node_in_force(*b)))
      continue;
    auto [pos, fresh] = index.emplace(std::make_pair(*a, *b), links_.size());
    if (fresh) links_.push_back({*a, *b, {}});
    links_[pos->second].evidence.push_back(*it);
  }
  for (size_t i = 0; i < links_.size(); ++i) {
    out_[links_[i].from].push_back(i);
    in_[links_[i].to].push_back(i);
  }
}

CitationNetwork CitationGraph::network(Vertex v, int depth, Direction direction) const {
  detail::check_vertex(g_, v, "v");
  detail::check_range(depth, 1, kMaxCitationDepth, "depth");
  if (direction == Direction::both)
    throw std::invalid_argument("direction must be out or in for a citation network");
  auto start = instrument_of(v);
  if (!start) throw std::invalid_argument("v: node " + g_.node(v).id + " belongs to no instrument");
  CitationNetwork net;
  std::unordered_map<Vertex, int> depth_of{{*start, 0}};
  net.nodes.push_back({*start, 0});
  std::deque<Vertex> queue{*start};
  while (!queue.empty()) {
    Vertex u = queue.front();
    queue.pop_front();
    int d = depth_of[u];
    if (d >= depth) continue;
    for (size_t li : direction == Direction::out ? out_[u] : in_[u]) {
      const CitationLink& link = links_[li];
      Vertex w = direction == Direction::out ? link.to : link.from;
      net.links.push_back(link);
      if (depth_of.emplace(w, d + 1).second) {
        net.nodes.push_back({w, d + 1});
        queue.push_back(w);
      }
    }
  }
  return net;
}

std::vector<CitedInstrument> CitationGraph::most_cited(size_t limit) const {
  detail::check_range(static_cast<long long>(limit), 1, static_cast<long long>(kMaxMostCited),
                      "limit");
  // Dense numbering of the instruments; unresolved citations take no part.
  std::vector<Vertex> instruments;
  std::unordered_map<Vertex, size_t> slot;
  for (Vertex v = 0; v < g_.node_count(); ++v)
    if (g_.node(v).kind == NodeKind::instrument && (!in_force_ || in_force_->node_in_force(v))) {
      slot.emplace(v, instruments.size());
      instruments.push_back(v);
    }
  const size_t n = instruments.size();
  std::vector<CitedInstrument> ranked(n);
  if (n == 0) return ranked;
  std::vector<std::vector<size_t>> in_links(n);
  std::vector<size_t> out_degree(n, 0);
  for (const CitationLink& link : links_) {
    auto a = slot.find(link.from), b = slot.find(link.to);
    if (a == slot.end() || b == slot.end()) continue;
    in_links[b->second].push_back(a->second);
    ++out_degree[a->second];
  }
  std::vector<std::uint32_t> in_begin(n + 1), in_source, out_deg(n);
  for (size_t i = 0; i < n; ++i) {
    in_begin[i] = static_cast<std::uint32_t>(in_source.size());
    for (size_t j : in_links[i]) in_source.push_back(static_cast<std::uint32_t>(j));
    out_deg[i] = static_cast<std::uint32_t>(out_degree[i]);
  }
  in_begin[n] = static_cast<std::uint32_t>(in_source.size());
  PageRankOptions po;
  po.max_iterations = 50;
  const std::vector<double> pr = pagerank_csr(n, in_begin, in_source, out_deg, po).rank;
  for (size_t i = 0; i < n; ++i) ranked[i] = {instruments[i], in_links[i].size(), pr[i]};
  std::sort(ranked.begin(), ranked.end(), [&](const CitedInstrument& a, const CitedInstrument& b) {
    if (a.citing_instruments != b.citing_instruments)
      return a.citing_instruments > b.citing_instruments;
    if (a.pagerank != b.pagerank) return a.pagerank > b.pagerank;
    return g_.node(a.instrument).id < g_.node(b.instrument).id;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  return ranked;
}

CitationNetwork citation_network(const KnowledgeGraph& g, Vertex v, int depth, Direction direction,
                                 InForceFilter* in_force) {
  detail::check_vertex(g, v, "v");
  return CitationGraph(g, in_force).network(v, depth, direction);
}

std::vector<CitedInstrument> most_cited(const KnowledgeGraph& g, size_t limit,
                                        InForceFilter* in_force) {
  return CitationGraph(g, in_force).most_cited(limit);
}

}  // namespace regkg::graph
