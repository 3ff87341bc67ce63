// PageRank over the whole knowledge graph (edges as directed links, parallel edges counted with
// their multiplicity), and as a kernel over any in-link CSR (the instrument citation ranking uses
// it). Teleport and dangling mass are spread uniformly. Two solvers of the same equations:
// - scc (default): with uniform teleport and dangling mass, PageRank is the normalised solution y
//   of y = 1/N + d * P^T y. The strongly connected components are solved in topological order,
//   each node of an acyclic part exactly in one step, cycles by Gauss-Seidel sweeps until their
//   L1 change is below tolerance * size / N. The knowledge graph is nearly acyclic (part_of,
//   version_of, issued_by …), so this does the work of about one power-iteration step.
// - power: power iteration from the uniform vector until the L1 change of one step is below
//   `tolerance`, step for step what NetworkX's pagerank() does.
// Pure functions of a const graph: safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

enum class PageRankMethod { scc, power };

struct PageRankOptions {
  PageRankMethod method = PageRankMethod::scc;
  double damping = 0.85;                // 0 < damping < 1
  int max_iterations = 100;             // 1..10000 (power steps, or sweeps of one component)
  double tolerance = 1e-9;              // L1 change of one step that ends the iteration, > 0
  std::vector<std::string> edge_types;  // links taken into account; empty = all edges
};

struct PageRankResult {
  std::vector<double> rank;  // by vertex; sums to 1
  int iterations = 0;        // power steps, or the most sweeps any component needed
  double change = 0.0;       // L1 change of the last step (power; scc: summed over components)
  bool converged = false;    // change < tolerance before max_iterations ran out
};

// PageRank of every node of `g`. Throws std::invalid_argument naming "damping",
// "max_iterations" or "tolerance".
PageRankResult pagerank(const KnowledgeGraph& g, const PageRankOptions& options = {});

// The kernel: `n` nodes, node i's in-links are in_source[in_begin[i] .. in_begin[i+1]) (sources,
// repeated for parallel links), out_degree[j] the number of links leaving j. Same throws.
PageRankResult pagerank_csr(size_t n, const std::vector<std::uint32_t>& in_begin,
                            const std::vector<std::uint32_t>& in_source,
                            const std::vector<std::uint32_t>& out_degree,
                            const PageRankOptions& options);

}  // namespace regkg::graph
