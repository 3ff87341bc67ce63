// graph_copy_bench: what the first step of a patched refresh costs on a real graph, side by side
// with its anchor. The anchor is Boost's copy of the whole adjacency_list (what "copy, then patch"
// was costed at); against it, the copy that skips one source file's nodes and edges and rebuilds
// the id table (KnowledgeGraph::append_node_unchecked / append_edge_unchecked), and the edge-key
// table the next add_edge builds after such a bulk load. Prints each one's minimum over the runs
// and its ratio to the anchor's.
//
// Usage: graph_copy_bench GRAPH_BIN SKIPPED_FILE [RUNS]
//   GRAPH_BIN: a snapshot's graph.bin; SKIPPED_FILE: a corpus-relative source path in it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "graph/graph_store.h"
#include "graph/knowledge_graph.h"

using namespace regkg::graph;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: graph_copy_bench GRAPH_BIN SKIPPED_FILE [RUNS]\n");
    return 2;
  }
  const std::string skipped = argv[2];
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 4;
  auto g = std::make_unique<KnowledgeGraph>();
  load_graph(argv[1], *g);
  const auto& bg = g->boost_graph();
  std::printf("graph_copy_bench: %zu nodes, %zu edges; skipping %s\n", g->node_count(),
              g->edge_count(), skipped.c_str());

  double anchor = std::numeric_limits<double>::max(), skip = anchor, keys = anchor;
  size_t kept_nodes = 0, kept_edges = 0;
  for (int r = 0; r < runs; ++r) {
    {
      auto t0 = Clock::now();
      auto copy = std::make_unique<KnowledgeGraph::Graph>(bg);
      anchor = std::min(anchor, seconds_since(t0));
    }
    {
      auto t0 = Clock::now();
      auto out = std::make_unique<KnowledgeGraph>();
      out->reserve(KnowledgeGraph::rebuild_capacity(g->node_count()));
      std::vector<std::uint32_t> to(g->node_count(), std::numeric_limits<std::uint32_t>::max());
      std::uint32_t next = 0;
      for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
        if (bg[*it].source.file == skipped) continue;
        out->append_node_unchecked(bg[*it]);
        to[*it] = next++;
      }
      size_t edges = 0;
      for (auto [it, end] = boost::edges(bg); it != end; ++it) {
        const auto from = to[boost::source(*it, bg)], target = to[boost::target(*it, bg)];
        if (from == std::numeric_limits<std::uint32_t>::max() ||
            target == std::numeric_limits<std::uint32_t>::max() ||
            bg[*it].provenance.file == skipped)
          continue;
        out->append_edge_unchecked(from, target, bg[*it]);
        ++edges;
      }
      skip = std::min(skip, seconds_since(t0));
      kept_nodes = next;
      kept_edges = edges;
      // The first add_edge after a bulk load indexes the out-edges of the hubs.
      t0 = Clock::now();
      EdgeData e;
      e.type = "graph_copy_bench";
      out->add_edge(0, 1, std::move(e));
      keys = std::min(keys, seconds_since(t0));
    }
  }
  std::printf("  Boost copy of the whole graph (anchor): %.3f s\n", anchor);
  std::printf("  copy skipping the file (%zu nodes, %zu edges kept): %.3f s (%.2fx)\n", kept_nodes,
              kept_edges, skip, skip / anchor);
  std::printf("  then the edge-key table of the first add_edge: %.3f s (%.2fx)\n", keys,
              keys / anchor);
  return 0;
}
