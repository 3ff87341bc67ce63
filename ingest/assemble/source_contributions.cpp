// SourceContributions: contributors recorded per vertex and per (from, to, type) edge key.
#include "ingest/assemble/source_contributions.h"

#include <algorithm>
#include <functional>

namespace regkg::ingest {

namespace {
constexpr std::string_view kUnnamed = "(unnamed)";
}  // namespace

size_t SourceContributions::EdgeKeyHash::operator()(const EdgeKey& k) const {
  size_t h = std::hash<std::string>()(k.type);
  h ^= std::hash<size_t>()(k.from) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= std::hash<size_t>()(k.to) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

void SourceContributions::contributor(graph::Symbol who) {
  auto [it, fresh] = index_.try_emplace(&who.str(), static_cast<std::uint32_t>(symbols_.size()));
  if (fresh) symbols_.push_back(who);
  current_ = it->second + 1;
}

void SourceContributions::add_distinct(Ids& ids, std::uint32_t who) {
  if (std::find(ids.begin(), ids.end(), who) == ids.end()) ids.push_back(who);
}

void SourceContributions::node_written(Vertex v) {
  if (current_ == 0) contributor(graph::Symbol(kUnnamed));
  if (v >= nodes_.size()) nodes_.resize(v + 1);
  add_distinct(nodes_[v], current_ - 1);
}

void SourceContributions::edge_written(Vertex from, Vertex to, std::string_view type) {
  if (current_ == 0) contributor(graph::Symbol(kUnnamed));
  add_distinct(edges_[EdgeKey{from, to, std::string(type)}], current_ - 1);
}

std::vector<graph::Symbol> SourceContributions::symbols_of(const Ids* ids) const {
  std::vector<graph::Symbol> out;
  if (ids)
    for (std::uint32_t i : *ids) out.push_back(symbols_[i]);
  return out;
}

std::vector<graph::Symbol> SourceContributions::node_contributors(Vertex v) const {
  return symbols_of(v < nodes_.size() ? &nodes_[v] : nullptr);
}

std::vector<graph::Symbol> SourceContributions::edge_contributors(Vertex from, Vertex to,
                                                                  std::string_view type) const {
  auto it = edges_.find(EdgeKey{from, to, std::string(type)});
  return symbols_of(it == edges_.end() ? nullptr : &it->second);
}

void SourceContributions::carry_over(const SourceContributions& from,
                                     const std::vector<Vertex>& vertex_map,
                                     const graph::KnowledgeGraph& copy) {
  symbols_ = from.symbols_;
  index_ = from.index_;
  current_ = 0;
  std::vector<Vertex> original(copy.node_count(), kNotKept);
  for (size_t old = 0; old < vertex_map.size(); ++old)
    if (vertex_map[old] != kNotKept && vertex_map[old] < original.size())
      original[vertex_map[old]] = old;
  nodes_.assign(copy.node_count(), {});
  for (size_t v = 0; v < original.size(); ++v)
    if (original[v] != kNotKept && original[v] < from.nodes_.size())
      nodes_[v] = from.nodes_[original[v]];
  edges_.clear();
  const auto& bg = copy.boost_graph();
  for (auto [it, end] = boost::edges(bg); it != end; ++it) {
    const Vertex f = boost::source(*it, bg), t = boost::target(*it, bg);
    if (original[f] == kNotKept || original[t] == kNotKept) continue;
    auto found = from.edges_.find(EdgeKey{original[f], original[t], bg[*it].type});
    if (found != from.edges_.end()) edges_.emplace(EdgeKey{f, t, bg[*it].type}, found->second);
  }
}

SourceContributions::Summary SourceContributions::summarize(const graph::KnowledgeGraph& g) const {
  Summary s;
  s.contributors = symbols_.size();
  s.nodes = g.node_count();
  s.edges = g.edge_count();
  auto is_pass = [this](const Ids& ids) {
    return std::any_of(ids.begin(), ids.end(), [this](std::uint32_t i) {
      return symbols_[i].str().rfind("pass:", 0) == 0;
    });
  };
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const Ids* ids = *it < nodes_.size() ? &nodes_[*it] : nullptr;
    if (!ids || ids->empty()) {
      ++s.unrecorded_nodes;
      continue;
    }
    if (is_pass(*ids)) ++s.pass_nodes;
    if (ids->size() < 2) continue;
    ++s.shared_nodes;
    ++s.shared_nodes_by_kind[std::string(graph::to_string(bg[*it].kind))];
    if (ids->size() > s.max_node_contributors) {
      s.max_node_contributors = ids->size();
      s.most_shared_node = bg[*it].id;
    }
  }
  for (auto [it, end] = boost::edges(bg); it != end; ++it) {
    const std::string& type = bg[*it].type;
    auto found = edges_.find(EdgeKey{boost::source(*it, bg), boost::target(*it, bg), type});
    if (found == edges_.end() || found->second.empty()) {
      ++s.unrecorded_edges;
      continue;
    }
    if (is_pass(found->second)) ++s.pass_edges;
    if (found->second.size() < 2) continue;
    ++s.shared_edges;
    ++s.shared_edges_by_type[type];
  }
  return s;
}

}  // namespace regkg::ingest
