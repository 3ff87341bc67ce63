// Power-iteration PageRank over the CSR adjacency.
#include "graph/pagerank.h"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "graph/adjacency_index.h"

namespace regkg::graph {

namespace {

void check_options(const PageRankOptions& o) {
  if (!(o.damping > 0.0 && o.damping < 1.0))
    throw std::invalid_argument("damping must be strictly between 0 and 1");
  if (o.max_iterations < 1 || o.max_iterations > 10000)
    throw std::invalid_argument("max_iterations must be between 1 and 10000");
  if (!(o.tolerance > 0.0)) throw std::invalid_argument("tolerance must be positive");
}

PageRankResult power_iteration(size_t n, const std::vector<std::uint32_t>& in_begin,
                               const std::vector<std::uint32_t>& in_source,
                               const std::vector<double>& inv_out,
                               const std::vector<std::uint32_t>& dangling,
                               const PageRankOptions& o) {
  PageRankResult r;
  const double dn = static_cast<double>(n), d = o.damping;
  std::vector<double> rank(n, 1.0 / dn), next(n), share(n);
  while (r.iterations < o.max_iterations) {
    double dangling_mass = 0.0;
    for (std::uint32_t j : dangling) dangling_mass += rank[j];
    for (size_t j = 0; j < n; ++j) share[j] = rank[j] * inv_out[j];
    const double base = (1.0 - d) / dn + d * dangling_mass / dn;
    double change = 0.0;
    for (size_t i = 0; i < n; ++i) {
      double sum = 0.0;
      for (std::uint32_t k = in_begin[i], end = in_begin[i + 1]; k < end; ++k)
        sum += share[in_source[k]];
      next[i] = base + d * sum;
      change += std::fabs(next[i] - rank[i]);
    }
    rank.swap(next);
    ++r.iterations;
    r.change = change;
    if (change < o.tolerance) {
      r.converged = true;
      break;
    }
  }
  r.rank = std::move(rank);
  return r;
}

// Tarjan's strongly connected components, iteratively. Fills `members` with the nodes grouped by
// component and `begin` with each component's start in `members`; components come out in reverse
// topological order (a component before every component that links to it).
void strong_components(size_t n, const std::vector<std::uint32_t>& out_begin,
                       const std::vector<std::uint32_t>& out_target,
                       std::vector<std::uint32_t>& members, std::vector<std::uint32_t>& begin) {
  constexpr std::uint32_t kUnset = 0xffffffffu;
  std::vector<std::uint32_t> index(n, kUnset), low(n);
  std::vector<char> on_stack(n, 0);
  std::vector<std::uint32_t> stack;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> calls;  // (node, next arc)
  members.clear();
  members.reserve(n);
  begin.clear();
  std::uint32_t counter = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnset) continue;
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    calls.emplace_back(root, out_begin[root]);
    while (!calls.empty()) {
      auto& [v, pos] = calls.back();
      if (pos < out_begin[v + 1]) {
        std::uint32_t w = out_target[pos++];
        if (index[w] == kUnset) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          calls.emplace_back(w, out_begin[w]);
        } else if (on_stack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      const std::uint32_t done = v;
      calls.pop_back();
      if (!calls.empty() && low[done] < low[calls.back().first])
        low[calls.back().first] = low[done];
      if (low[done] == index[done]) {
        begin.push_back(static_cast<std::uint32_t>(members.size()));
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          members.push_back(w);
        } while (w != done);
      }
    }
  }
  begin.push_back(static_cast<std::uint32_t>(members.size()));
}

PageRankResult scc_solve(size_t n, const std::vector<std::uint32_t>& in_begin,
                         const std::vector<std::uint32_t>& in_source,
                         const std::vector<double>& inv_out, const PageRankOptions& o) {
  // The out-links, by transposing the in-link CSR.
  std::vector<std::uint32_t> out_begin(n + 1, 0), out_target(in_source.size());
  for (std::uint32_t j : in_source) ++out_begin[j + 1];
  for (size_t i = 0; i < n; ++i) out_begin[i + 1] += out_begin[i];
  {
    std::vector<std::uint32_t> fill(out_begin.begin(), out_begin.end() - 1);
    for (size_t i = 0; i < n; ++i)
      for (std::uint32_t k = in_begin[i]; k < in_begin[i + 1]; ++k)
        out_target[fill[in_source[k]]++] = static_cast<std::uint32_t>(i);
  }
  std::vector<std::uint32_t> members, begin;
  strong_components(n, out_begin, out_target, members, begin);

  PageRankResult r;
  r.converged = true;
  const double dn = static_cast<double>(n), d = o.damping, v = 1.0 / dn;
  std::vector<double> y(n, 0.0);
  auto solve_node = [&](std::uint32_t i) {
    double sum = 0.0;
    for (std::uint32_t k = in_begin[i], end = in_begin[i + 1]; k < end; ++k)
      sum += y[in_source[k]] * inv_out[in_source[k]];
    return v + d * sum;
  };
  // Sources first: the reverse of Tarjan's order.
  for (size_t c = begin.size() - 1; c-- > 0;) {
    const std::uint32_t first = begin[c], last = begin[c + 1];
    if (last - first == 1) {
      // One node: exact unless it links to itself (then it is a cycle of one).
      std::uint32_t i = members[first];
      bool self = false;
      for (std::uint32_t k = in_begin[i]; k < in_begin[i + 1] && !self; ++k)
        self = in_source[k] == i;
      if (!self) {
        y[i] = solve_node(i);
        continue;
      }
    }
    const double threshold = o.tolerance * static_cast<double>(last - first) / dn;
    int sweeps = 0;
    double change = 0.0;
    do {
      change = 0.0;
      for (std::uint32_t m = first; m < last; ++m) {
        std::uint32_t i = members[m];
        double next = solve_node(i);
        change += std::fabs(next - y[i]);
        y[i] = next;
      }
      ++sweeps;
    } while (change >= threshold && sweeps < o.max_iterations);
    if (change >= threshold) r.converged = false;
    r.change += change;
    if (sweeps > r.iterations) r.iterations = sweeps;
  }
  if (r.iterations == 0) r.iterations = 1;  // one step over an acyclic graph
  double total = 0.0;
  for (double x : y) total += x;
  for (double& x : y) x /= total;
  r.rank = std::move(y);
  return r;
}

}  // namespace

PageRankResult pagerank_csr(size_t n, const std::vector<std::uint32_t>& in_begin,
                            const std::vector<std::uint32_t>& in_source,
                            const std::vector<std::uint32_t>& out_degree,
                            const PageRankOptions& o) {
  check_options(o);
  PageRankResult r;
  if (n == 0) {
    r.converged = true;
    return r;
  }
  // 1 / out-degree, 0 for dangling nodes, computed once.
  std::vector<double> inv_out(n, 0.0);
  std::vector<std::uint32_t> dangling;
  for (size_t j = 0; j < n; ++j) {
    if (out_degree[j] == 0)
      dangling.push_back(static_cast<std::uint32_t>(j));
    else
      inv_out[j] = 1.0 / out_degree[j];
  }
  if (o.method == PageRankMethod::power)
    return power_iteration(n, in_begin, in_source, inv_out, dangling, o);
  return scc_solve(n, in_begin, in_source, inv_out, o);
}

PageRankResult pagerank(const KnowledgeGraph& g, const PageRankOptions& o) {
  check_options(o);
  const AdjacencyIndex& adj = g.adjacency();
  const size_t n = adj.vertex_count();
  const std::vector<char> edge_ok = adj.type_mask(o.edge_types);
  std::vector<std::uint32_t> in_begin(n + 1), in_source, out_degree(n, 0);
  in_source.reserve(adj.edge_count());
  for (size_t i = 0; i < n; ++i) {
    in_begin[i] = static_cast<std::uint32_t>(in_source.size());
    for (const auto& a : adj.in(i))
      if (edge_ok[a.type]) {
        in_source.push_back(a.neighbor);
        ++out_degree[a.neighbor];
      }
  }
  in_begin[n] = static_cast<std::uint32_t>(in_source.size());
  return pagerank_csr(n, in_begin, in_source, out_degree, o);
}

}  // namespace regkg::graph
