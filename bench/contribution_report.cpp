// contribution_report: runs an ingest with per-source contribution records
// (ingest/assemble/source_contributions.h) and prints how much of the graph is one source's
// alone, what is shared and by which kinds, and, for each file named with --file, what a change
// to it would have to redo: the nodes and edges it alone wrote, those it shares and with how many
// other contributors. The figures behind the refresh patch's plan (BENCHMARKS.md, "Refresh").
//
// Usage: contribution_report --corpus DIR [--corpus DIR …] --data DATA [--file REL …]
//   DATA should hold a current snapshot of the same corpus: the index is then written
//   incrementally (nothing changed) and the run costs about a refresh plus the graph file.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/ingest_pipeline.h"

namespace fs = std::filesystem;
using namespace regkg;

int main(int argc, char** argv) {
  ingest::IngestOptions options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "contribution_report: " << a << " needs a value\n";
      return 2;
    }
    if (a == "--corpus")
      options.corpora.emplace_back(argv[++i]);
    else if (a == "--data")
      options.data_dir = argv[++i];
    else if (a == "--file")
      files.emplace_back(argv[++i]);
    else {
      std::cerr << "contribution_report: unknown argument " << a << '\n';
      return 2;
    }
  }
  if (options.corpora.empty() || options.data_dir.empty()) {
    std::cerr << "usage: contribution_report --corpus DIR [--corpus DIR …] --data DATA "
                 "[--file REL …]\n";
    return 2;
  }
  options.dictionaries_dir = fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
  options.keep = 2;
  ingest::SourceContributions records;
  options.contributions = &records;
  std::ostringstream log;
  const auto t0 = std::chrono::steady_clock::now();
  ingest::IngestSummary summary;
  try {
    summary = ingest::run_ingest(options, log);
  } catch (const std::exception& e) {
    std::cerr << log.str() << e.what() << '\n';
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const graph::KnowledgeGraph& g = *summary.graph;
  const auto s = records.summarize(g);
  std::cout << "contribution_report: " << s.nodes << " nodes, " << s.edges << " edges, "
            << s.contributors << " contributors (ingest " << seconds << " s)\n"
            << "  unrecorded: " << s.unrecorded_nodes << " nodes, " << s.unrecorded_edges
            << " edges\n"
            << "  shared (two contributors or more): " << s.shared_nodes << " nodes, "
            << s.shared_edges << " edges\n"
            << "  written by a global pass: " << s.pass_nodes << " nodes, " << s.pass_edges
            << " edges\n"
            << "  most shared node: " << s.most_shared_node << " (" << s.max_node_contributors
            << " contributors)\n";
  std::cout << "  shared nodes by kind:";
  for (const auto& [k, n] : s.shared_nodes_by_kind) std::cout << ' ' << k << '=' << n;
  std::cout << "\n  shared edges by type:";
  for (const auto& [k, n] : s.shared_edges_by_type) std::cout << ' ' << k << '=' << n;
  std::cout << '\n';

  // Per file: what it wrote alone and what it shares.
  const auto& bg = g.boost_graph();
  for (const std::string& file : files) {
    size_t alone = 0, shared = 0, edges_alone = 0, edges_shared = 0;
    std::set<std::string> partners;
    std::map<std::string, size_t> shared_kinds;
    for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
      const auto who = records.node_contributors(*it);
      bool mine = false;
      for (const auto& w : who) mine = mine || w == file;
      if (!mine) continue;
      if (who.size() == 1) {
        ++alone;
        continue;
      }
      ++shared;
      ++shared_kinds[std::string(graph::to_string(bg[*it].kind))];
      for (const auto& w : who)
        if (w != file) partners.insert(w.str());
    }
    for (auto [it, end] = boost::edges(bg); it != end; ++it) {
      const auto who =
          records.edge_contributors(boost::source(*it, bg), boost::target(*it, bg), bg[*it].type);
      bool mine = false;
      for (const auto& w : who) mine = mine || w == file;
      if (!mine) continue;
      ++(who.size() == 1 ? edges_alone : edges_shared);
      for (const auto& w : who)
        if (w != file) partners.insert(w.str());
    }
    std::cout << "  " << file << ": alone " << alone << " nodes, " << edges_alone
              << " edges; shared " << shared << " nodes (";
    for (const auto& [k, n] : shared_kinds) std::cout << k << '=' << n << ' ';
    std::cout << "), " << edges_shared << " edges, with " << partners.size()
              << " other contributors:";
    size_t shown = 0;
    for (const auto& p : partners)
      if (++shown <= 8) std::cout << ' ' << p;
    std::cout << (partners.size() > 8 ? " …" : "") << '\n';
  }
  return 0;
}
