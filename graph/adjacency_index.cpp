// AdjacencyIndex: the CSR copy of the graph's adjacency.
#include "graph/adjacency_index.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace regkg::graph {

AdjacencyIndex::AdjacencyIndex(const KnowledgeGraph& kg) {
  const auto& g = kg.boost_graph();
  const size_t n = boost::num_vertices(g), m = boost::num_edges(g);
  if (n >= std::numeric_limits<std::uint32_t>::max() ||
      m >= std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("AdjacencyIndex: more than 2^32 - 1 vertices or edges");
  kinds_.resize(n);
  out_begin_.assign(n + 1, 0);
  in_begin_.assign(n + 1, 0);
  edges_.reserve(m);
  out_arcs_.reserve(m);
  std::vector<TypeId> edge_type;
  edge_type.reserve(m);

  auto intern = [this](const std::string& name) {
    auto it = type_ids_.find(name);
    if (it != type_ids_.end()) return it->second;
    if (type_names_.size() >= std::numeric_limits<TypeId>::max())
      throw std::length_error("AdjacencyIndex: more than 65,535 edge types");
    auto id = static_cast<TypeId>(type_names_.size());
    type_names_.push_back(name);
    type_ids_.emplace(name, id);
    return id;
  };

  // Out-arcs: source-major in insertion order; this order also numbers the edges.
  for (Vertex v = 0; v < n; ++v) {
    kinds_[v] = g[v].kind;
    out_begin_[v] = static_cast<std::uint32_t>(out_arcs_.size());
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      auto number = static_cast<std::uint32_t>(edges_.size());
      auto target = static_cast<std::uint32_t>(boost::target(*it, g));
      TypeId type = intern(g[*it].type);
      edges_.push_back(*it);
      edge_type.push_back(type);
      out_arcs_.push_back({target, type, number});
    }
  }
  out_begin_[n] = static_cast<std::uint32_t>(out_arcs_.size());

  // In-arcs must follow Boost's in-edge order (the order neighbours were listed before). An
  // in-edge is matched to its number by its property pointer, through a sorted table.
  std::vector<std::pair<const void*, std::uint32_t>> by_property(m);
  for (std::uint32_t k = 0; k < m; ++k) by_property[k] = {edges_[k].get_property(), k};
  std::sort(by_property.begin(), by_property.end());
  in_arcs_.resize(m);
  size_t pos = 0;
  for (Vertex v = 0; v < n; ++v) {
    in_begin_[v] = static_cast<std::uint32_t>(pos);
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) {
      const void* prop = it->get_property();
      auto found = std::lower_bound(by_property.begin(), by_property.end(), prop,
                                    [](const std::pair<const void*, std::uint32_t>& e,
                                       const void* p) { return e.first < p; });
      if (found == by_property.end() || found->first != prop)
        throw std::logic_error("AdjacencyIndex: an in-edge has no matching out-edge");
      std::uint32_t number = found->second;
      in_arcs_[pos++] = {static_cast<std::uint32_t>(boost::source(*it, g)), edge_type[number],
                         number};
    }
  }
  in_begin_[n] = static_cast<std::uint32_t>(pos);
}

int AdjacencyIndex::type_id(std::string_view name) const {
  auto it = type_ids_.find(std::string(name));
  return it == type_ids_.end() ? -1 : it->second;
}

std::vector<char> AdjacencyIndex::type_mask(const std::vector<std::string>& names) const {
  std::vector<char> mask(type_names_.size(), names.empty() ? 1 : 0);
  for (const auto& name : names)
    if (int t = type_id(name); t >= 0) mask[static_cast<size_t>(t)] = 1;
  return mask;
}

}  // namespace regkg::graph
