// k shortest simple paths over both edge directions: breadth-first search for one path, Yen's
// algorithm (spur searches with the edges of known paths and the root path's nodes banned) for k.
// Every search draws on one expansion budget, so the whole call is bounded.
#include "graph/path_finder.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace regkg::graph {

using Vertex = KnowledgeGraph::Vertex;
using Edge = KnowledgeGraph::Edge;

namespace {

class PathSearch {
 public:
  PathSearch(const KnowledgeGraph& g, const PathOptions& o) : g_(g), o_(o) {}

  // Edges and nodes that spur searches must avoid.
  std::unordered_set<const EdgeData*> banned_edges;
  std::unordered_set<Vertex> banned_nodes;

  size_t expansions() const { return expansions_; }
  bool exhausted() const { return exhausted_; }

  // A shortest path s -> t of at most max_hops hops, avoiding the banned edges and nodes.
  std::optional<Path> bfs(Vertex s, Vertex t, int max_hops) {
    const auto& bg = g_.boost_graph();
    std::unordered_map<Vertex, std::pair<PathHop, int>> reached;  // node -> (hop into it, depth)
    std::deque<Vertex> queue{s};
    reached.emplace(s, std::make_pair(PathHop{Edge{}, s, s, Traversal::forward}, 0));
    while (!queue.empty()) {
      Vertex u = queue.front();
      queue.pop_front();
      int d = reached.at(u).second;
      if (d >= max_hops) continue;
      if (expansions_ >= o_.expansion_budget) {
        exhausted_ = true;
        return std::nullopt;
      }
      ++expansions_;
      std::optional<Path> found;
      auto step = [&](Edge e, Vertex w, Traversal dir) {
        if (found || reached.count(w) || banned_nodes.count(w)) return;
        const EdgeData& ed = g_.edge(e);
        if (banned_edges.count(&ed)) return;
        if (!o_.edge_types.empty() &&
            std::find(o_.edge_types.begin(), o_.edge_types.end(), ed.type) == o_.edge_types.end())
          return;
        if (w != t && o_.in_force && !o_.in_force->node_in_force(w)) return;
        reached.emplace(w, std::make_pair(PathHop{e, u, w, dir}, d + 1));
        if (w == t) {
          found = trace(reached, s, t);
          return;
        }
        queue.push_back(w);
      };
      for (auto [it, end] = boost::out_edges(u, bg); it != end && !found; ++it)
        step(*it, boost::target(*it, bg), Traversal::forward);
      for (auto [it, end] = boost::in_edges(u, bg); it != end && !found; ++it)
        step(*it, boost::source(*it, bg), Traversal::backward);
      if (found) return found;
    }
    return std::nullopt;
  }

 private:
  static Path trace(const std::unordered_map<Vertex, std::pair<PathHop, int>>& reached, Vertex s,
                    Vertex t) {
    Path p;
    for (Vertex v = t; v != s; v = reached.at(v).first.from) p.push_back(reached.at(v).first);
    std::reverse(p.begin(), p.end());
    return p;
  }

  const KnowledgeGraph& g_;
  const PathOptions& o_;
  size_t expansions_ = 0;
  bool exhausted_ = false;
};

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
          search.banned_edges.insert(&g.edge(p[i].edge));
      for (size_t j = 0; j < i; ++j) search.banned_nodes.insert(prev[j].from);
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
