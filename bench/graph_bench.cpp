// graph_bench: times regkg's graph library on the queries of bench/graph_bench.sh (2-hop
// neighbourhoods, shortest paths, whole-graph PageRank) and writes its answers for comparison with
// igraph and NetworkX (bench/graph_bench_py.py answers the same files the same way).
//
// Usage: graph_bench --graph SNAPSHOT/graph.bin --seeds seeds.txt --pairs pairs.tsv
//                    --answers answers.tsv [--reps 5] [--pagerank-reps 3]
// Output on stdout, one line per measure:
//   TIME <query> <median µs per query> <min µs per query> <queries per rep> <reps>
// Queries: nbhd2 (nodes_within depth 2), nbhd2_capped_with_edges (neighborhood() as the HTTP route
// calls it), path (shortest_paths, k = 1, max_length 8), pagerank (default solver), pagerank_power.
// Answers (TSV): "nbhd <seed> <size>", "path <from> <to> <length|-1>",
//   "pagerank <rank> <id> <score>" (top 10), "pagerank_iterations <n>".
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "graph/adjacency_index.h"
#include "graph/graph_store.h"
#include "graph/neighborhood.h"
#include "graph/pagerank.h"
#include "graph/path_finder.h"

namespace {

using regkg::graph::KnowledgeGraph;
using Vertex = KnowledgeGraph::Vertex;
using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& message) {
  std::cerr << "graph_bench: " << message << std::endl;
  std::exit(2);
}

Vertex must_find(const KnowledgeGraph& g, const std::string& id) {
  auto v = g.find(id);
  if (!v) die("no node " + id);
  return *v;
}

// Runs `batch` `reps` times; returns {median, min} of the per-query time in microseconds.
template <typename F>
std::pair<double, double> time_batches(int reps, size_t queries, F batch) {
  std::vector<double> per_query;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    batch();
    std::chrono::duration<double, std::micro> us = Clock::now() - t0;
    per_query.push_back(us.count() / static_cast<double>(queries));
  }
  std::sort(per_query.begin(), per_query.end());
  return {per_query[per_query.size() / 2], per_query.front()};
}

void report(const char* name, std::pair<double, double> t, size_t queries, int reps) {
  std::printf("TIME %s %.3f %.3f %zu %d\n", name, t.first, t.second, queries, reps);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string graph_path, seeds_path, pairs_path, answers_path;
  int reps = 5, pagerank_reps = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--graph")
      graph_path = value();
    else if (a == "--seeds")
      seeds_path = value();
    else if (a == "--pairs")
      pairs_path = value();
    else if (a == "--answers")
      answers_path = value();
    else if (a == "--reps")
      reps = std::atoi(value().c_str());
    else if (a == "--pagerank-reps")
      pagerank_reps = std::atoi(value().c_str());
    else
      die("unknown argument " + a);
  }
  if (graph_path.empty() || seeds_path.empty() || pairs_path.empty() || answers_path.empty())
    die("usage: graph_bench --graph G --seeds S --pairs P --answers A [--reps N]");
  if (reps < 1 || pagerank_reps < 1) die("reps must be positive");

  auto t0 = Clock::now();
  KnowledgeGraph g;
  regkg::graph::load_graph(graph_path, g);
  std::chrono::duration<double> load_s = Clock::now() - t0;
  t0 = Clock::now();
  g.adjacency();  // built once per snapshot in the server too (on open)
  std::chrono::duration<double> index_s = Clock::now() - t0;
  std::printf("LOAD graph %.3f s, adjacency index %.3f s, %zu nodes, %zu edges\n", load_s.count(),
              index_s.count(), g.node_count(), g.edge_count());

  std::vector<Vertex> seeds;
  {
    std::ifstream in(seeds_path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) seeds.push_back(must_find(g, line));
  }
  std::vector<std::pair<Vertex, Vertex>> pairs;
  {
    std::ifstream in(pairs_path);
    for (std::string line; std::getline(in, line);) {
      auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      pairs.emplace_back(must_find(g, line.substr(0, tab)), must_find(g, line.substr(tab + 1)));
    }
  }
  if (seeds.empty() || pairs.empty()) die("no seeds or no pairs");

  std::ofstream answers(answers_path);
  // --- answers (also the warm-up) ---
  for (Vertex s : seeds)
    answers << "nbhd\t" << g.node(s).id << '\t' << regkg::graph::nodes_within(g, s, 2).size()
            << '\n';
  regkg::graph::PathOptions po;
  po.max_length = regkg::graph::kMaxPathLength;
  po.expansion_budget = regkg::graph::kMaxExpansionBudget;
  for (auto [a, b] : pairs) {
    auto r = regkg::graph::shortest_paths(g, a, b, po);
    if (r.truncated) die("path search truncated for " + g.node(a).id);
    long len = r.paths.empty() ? -1 : static_cast<long>(r.paths[0].size());
    answers << "path\t" << g.node(a).id << '\t' << g.node(b).id << '\t' << len << '\n';
  }
  regkg::graph::PageRankOptions pro;
  pro.damping = 0.85;
  pro.tolerance = 1e-9;
  pro.max_iterations = 1000;
  auto pr = regkg::graph::pagerank(g, pro);
  {
    std::vector<Vertex> order(g.node_count());
    std::iota(order.begin(), order.end(), Vertex{0});
    std::partial_sort(order.begin(), order.begin() + 10, order.end(),
                      [&](Vertex x, Vertex y) { return pr.rank[x] > pr.rank[y]; });
    for (int i = 0; i < 10; ++i) {
      char score[32];
      std::snprintf(score, sizeof score, "%.12g", pr.rank[order[i]]);
      answers << "pagerank\t" << i + 1 << '\t' << g.node(order[i]).id << '\t' << score << '\n';
    }
    answers << "pagerank_iterations\t" << pr.iterations << '\n';
  }
  answers.close();

  // --- timings ---
  size_t sink = 0;  // keeps results alive
  report("nbhd2",
         time_batches(reps, seeds.size(),
                      [&] {
                        for (Vertex s : seeds) sink += regkg::graph::nodes_within(g, s, 2).size();
                      }),
         seeds.size(), reps);
  // The HTTP route's call: capped at 10,000 nodes, with the induced edges.
  report("nbhd2_capped_with_edges",
         time_batches(reps, seeds.size(),
                      [&] {
                        regkg::graph::NeighborhoodOptions o;
                        o.depth = 2;
                        o.max_nodes = regkg::graph::kMaxNeighborhoodNodes;
                        o.max_edges = regkg::graph::kMaxNeighborhoodEdges;
                        for (Vertex s : seeds)
                          sink += regkg::graph::neighborhood(g, s, o).edges.size();
                      }),
         seeds.size(), reps);
  report("path",
         time_batches(reps, pairs.size(),
                      [&] {
                        for (auto [a, b] : pairs)
                          sink += regkg::graph::shortest_paths(g, a, b, po).paths.size();
                      }),
         pairs.size(), reps);
  report(
      "pagerank",
      time_batches(pagerank_reps, 1,
                   [&] { sink += static_cast<size_t>(regkg::graph::pagerank(g, pro).iterations); }),
      1, pagerank_reps);
  // The power iteration NetworkX does, step for step (same start, same stopping rule).
  regkg::graph::PageRankOptions power = pro;
  power.method = regkg::graph::PageRankMethod::power;
  auto pw = regkg::graph::pagerank(g, power);
  double max_diff = 0.0;
  for (size_t i = 0; i < pw.rank.size(); ++i)
    max_diff = std::max(max_diff, std::abs(pw.rank[i] - pr.rank[i]));
  std::printf(
      "PAGERANK scc solver: %d sweeps at most; power iteration: %d steps; largest "
      "difference between the two %.2e\n",
      pr.iterations, pw.iterations, max_diff);
  report("pagerank_power",
         time_batches(
             pagerank_reps, 1,
             [&] { sink += static_cast<size_t>(regkg::graph::pagerank(g, power).iterations); }),
         1, pagerank_reps);
  std::fprintf(stderr, "(checksum %zu)\n", sink);
  return 0;
}
