// k shortest simple paths over both edge directions: bidirectional breadth-first search for one
// path, Yen's algorithm (spur searches with the edges of known paths and the root path's nodes
// banned) for k. Every search draws on one expansion budget, so the whole call is bounded.
#include "graph/path_finder.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

#include "graph/adjacency_index.h"
#include "graph/traversal_scratch.h"

namespace regkg::graph {

using Vertex = KnowledgeGraph::Vertex;
using Edge = KnowledgeGraph::Edge;

namespace {

class PathSearch {
 public:
  PathSearch(const KnowledgeGraph& g, const PathOptions& o)
      : g_(g),
        adj_(g.adjacency()),
        o_(o),
        edge_ok_(adj_.type_mask(o.edge_types)),
        scratch_(detail::scratch_pool().lease(g.node_count())) {}

  // Edges (by edge number) and nodes that spur searches must avoid.
  std::vector<std::uint32_t> banned_edges;
  std::vector<Vertex> banned_nodes;

  size_t expansions() const { return expansions_; }
  bool exhausted() const { return exhausted_; }

  // A shortest path s -> t (s != t) of at most max_hops hops, avoiding the banned edges and
  // nodes. Bidirectional: one BFS tree grows from s ("seen" marks), one from t ("member" marks),
  // a whole level at a time on the side with the smaller frontier, until they touch. The first
  // contact is a shortest path: every node of the other tree's inner levels has been expanded,
  // so the contact lies on its frontier and no shorter route can remain.
  std::optional<Path> bfs(Vertex s, Vertex t, int max_hops) {
    detail::TraversalScratch& sc = *scratch_;
    sc.reset(g_.node_count());
    sc.ensure_parents(g_.node_count());
    // Banned nodes count as reached by both trees: never entered, never a contact.
    for (Vertex b : banned_nodes) {
      sc.see(b);
      sc.admit(b);
    }
    sc.see(s);
    sc.admit(t);
    sc.queue.assign(1, static_cast<std::uint32_t>(s));
    sc.queue_b.assign(1, static_cast<std::uint32_t>(t));
    std::vector<std::uint32_t> next;
    int depth_s = 0, depth_t = 0;
    while (depth_s + depth_t < max_hops && !sc.queue.empty() && !sc.queue_b.empty()) {
      const bool from_s = sc.queue.size() <= sc.queue_b.size();
      std::vector<std::uint32_t>& frontier = from_s ? sc.queue : sc.queue_b;
      std::vector<std::uint32_t>& parent = from_s ? sc.parent : sc.parent_b;
      std::vector<std::uint32_t>& parent_edge = from_s ? sc.parent_edge : sc.parent_edge_b;
      const Vertex other_end = from_s ? t : s;
      next.clear();
      for (std::uint32_t u : frontier) {
        if (expansions_ >= o_.expansion_budget) {
          exhausted_ = true;
          return std::nullopt;
        }
        ++expansions_;
        auto step = [&](const AdjacencyIndex::Arc& a) -> bool {  // false: contact made
          const Vertex w = a.neighbor;
          if (!edge_ok_[a.type]) return true;
          if (from_s ? sc.seen(w) : sc.member(w)) return true;
          if (!banned_edges.empty() &&
              std::find(banned_edges.begin(), banned_edges.end(), a.edge) != banned_edges.end())
            return true;
          if (from_s ? sc.member(w) : sc.seen(w)) {
            contact_ = {u, w, a.edge, from_s};
            return false;
          }
          if (w != other_end && o_.in_force && !o_.in_force->node_in_force(w)) return true;
          if (from_s)
            sc.see(w);
          else
            sc.admit(w);
          parent[w] = u;
          parent_edge[w] = a.edge;
          next.push_back(static_cast<std::uint32_t>(w));
          return true;
        };
        for (const auto& a : adj_.out(u))
          if (!step(a)) return trace(s, t);
        for (const auto& a : adj_.in(u))
          if (!step(a)) return trace(s, t);
      }
      frontier.swap(next);
      (from_s ? depth_s : depth_t)++;
    }
    return std::nullopt;
  }

 private:
  struct Contact {
    Vertex u = 0, w = 0;  // u expanded, w reached by the other tree
    std::uint32_t edge = 0;
    bool from_s = true;  // u belongs to the tree from s
  };

  PathHop hop(std::uint32_t edge, Vertex from, Vertex to) const {
    const Edge& e = adj_.edge(edge);
    bool forward = boost::source(e, g_.boost_graph()) == from;
    return {e, from, to, forward ? Traversal::forward : Traversal::backward};
  }

  // s ... a | a -> b | b ... t, from the two trees and the contact arc.
  Path trace(Vertex s, Vertex t) const {
    const detail::TraversalScratch& sc = *scratch_;
    const Vertex a = contact_.from_s ? contact_.u : contact_.w;
    const Vertex b = contact_.from_s ? contact_.w : contact_.u;
    Path p;
    for (Vertex v = a; v != s; v = sc.parent[v])
      p.push_back(hop(sc.parent_edge[v], sc.parent[v], v));
    std::reverse(p.begin(), p.end());
    p.push_back(hop(contact_.edge, a, b));
    for (Vertex v = b; v != t; v = sc.parent_b[v])
      p.push_back(hop(sc.parent_edge_b[v], v, sc.parent_b[v]));
    return p;
  }

  Contact contact_;
  const KnowledgeGraph& g_;
  const AdjacencyIndex& adj_;
  const PathOptions& o_;
  const std::vector<char> edge_ok_;
  mutable detail::ScratchPool::Lease scratch_;
  size_t expansions_ = 0;
  bool exhausted_ = false;
};

// The edge number of a hop (its position in the CSR).
std::uint32_t edge_number(const AdjacencyIndex& adj, const PathHop& hop) {
  Vertex source = hop.direction == Traversal::forward ? hop.from : hop.to;
  const void* prop = hop.edge.get_property();
  for (const auto& a : adj.out(source))
    if (adj.edge(a.edge).get_property() == prop) return a.edge;
  return std::numeric_limits<std::uint32_t>::max();
}

bool same_edges(const KnowledgeGraph& g, const Path& a, const Path& b, size_t n) {
  if (a.size() < n || b.size() < n) return false;
  for (size_t i = 0; i < n; ++i)
    if (&g.edge(a[i].edge) != &g.edge(b[i].edge)) return false;
  return true;
}

bool contains(const KnowledgeGraph& g, const std::vector<Path>& paths, const Path& p) {
  for (const Path& q : paths)
    if (q.size() == p.size() && same_edges(g, q, p, p.size())) return true;
  return false;
}

}  // namespace

PathResult shortest_paths(const KnowledgeGraph& g, Vertex from, Vertex to,
                          const PathOptions& options) {
  detail::check_vertex(g, from, "from");
  detail::check_vertex(g, to, "to");
  detail::check_range(options.max_length, 1, kMaxPathLength, "max_length");
  detail::check_range(options.k, 1, kMaxPaths, "k");
  detail::check_range(static_cast<long long>(options.expansion_budget), 1,
                      static_cast<long long>(kMaxExpansionBudget), "expansion_budget");
  PathResult result;
  if (from == to) {
    result.paths.emplace_back();
    return result;
  }
  PathSearch search(g, options);
  auto finish = [&] {
    result.truncated = search.exhausted();
    result.expansions = search.expansions();
    return result;
  };
  auto first = search.bfs(from, to, options.max_length);
  if (!first) return finish();
  result.paths.push_back(std::move(*first));

  std::vector<Path> candidates;
  while (static_cast<int>(result.paths.size()) < options.k) {
    const Path prev = result.paths.back();
    for (size_t i = 0; i < prev.size(); ++i) {
      int remaining = options.max_length - static_cast<int>(i);
      if (remaining < 1) break;
      Vertex spur = prev[i].from;
      search.banned_edges.clear();
      search.banned_nodes.clear();
      for (const Path& p : result.paths)
        if (p.size() > i && same_edges(g, p, prev, i))
          search.banned_edges.push_back(edge_number(g.adjacency(), p[i]));
      for (size_t j = 0; j < i; ++j) search.banned_nodes.push_back(prev[j].from);
      auto spur_path = search.bfs(spur, to, remaining);
      if (search.exhausted()) return finish();
      if (!spur_path) continue;
      Path total(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i));
      total.insert(total.end(), spur_path->begin(), spur_path->end());
      if (!contains(g, result.paths, total) && !contains(g, candidates, total))
        candidates.push_back(std::move(total));
    }
    if (candidates.empty()) break;
    auto best = std::min_element(candidates.begin(), candidates.end(),
                                 [](const Path& a, const Path& b) { return a.size() < b.size(); });
    result.paths.push_back(std::move(*best));
    candidates.erase(best);
  }
  return finish();
}

}  // namespace regkg::graph
