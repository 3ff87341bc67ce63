// regkg_diff_bench: times the diff of two versions read from a snapshot's graph (by default the
// largest pair of consecutive versions of one instrument in it: the most article text on both
// sides) and prints the timings and the summary counts. Usage:
//   regkg_diff_bench --data DATA [--from VERSION --to VERSION] [--runs N] [--list] [--print]
// (--print lists every aligned article group: status, similarity, old -> new labels.)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "diff/version_diff.h"
#include "diff/version_loader.h"
#include "graph/graph_store.h"
#include "graph/vocabulary.h"

namespace {

namespace fs = std::filesystem;
using regkg::graph::KnowledgeGraph;
using regkg::graph::NodeKind;

int usage() {
  std::cerr << "usage: regkg_diff_bench --data DATA [--from VERSION --to VERSION] [--runs N] "
               "[--list] [--print]\n";
  return 2;
}

// Article text bytes of every version, by instrument, in date order.
std::map<std::string, std::vector<std::pair<std::string, size_t>>> versions_by_instrument(
    const KnowledgeGraph& g) {
  std::map<std::string, std::vector<std::pair<std::string, size_t>>> out;
  const auto& bg = g.boost_graph();
  std::map<std::string, size_t> bytes;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto& n = bg[*it];
    if (n.kind == NodeKind::article)
      if (const std::string* v = n.attr(regkg::graph::attr::kVersion))
        bytes[*v] += n.text_zh.size() + n.text_en.size();
  }
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const auto& n = bg[*it];
    if (n.kind != NodeKind::version) continue;
    const std::string* inst = n.attr(regkg::graph::attr::kInstrument);
    const std::string* status = n.attr(regkg::graph::attr::kStatus);
    if (!inst || (status && *status == "draft") || n.date.empty()) continue;
    out[*inst].push_back({n.id, bytes[n.id]});
  }
  for (auto& [inst, list] : out) std::sort(list.begin(), list.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, from, to;
  int runs = 20;
  bool list = false, print = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
    if (a == "--data")
      data = next();
    else if (a == "--from")
      from = next();
    else if (a == "--to")
      to = next();
    else if (a == "--runs")
      runs = std::max(1, std::atoi(next().c_str()));
    else if (a == "--list")
      list = true;
    else if (a == "--print")
      print = true;
    else
      return usage();
  }
  if (data.empty() || from.empty() != to.empty()) return usage();
  std::string id;
  std::ifstream(fs::path(data) / "CURRENT") >> id;
  fs::path graph_file = fs::path(data) / "snapshots" / id / "graph.bin";
  auto t0 = std::chrono::steady_clock::now();
  KnowledgeGraph g;
  regkg::graph::load_graph(graph_file, g);
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "graph " << graph_file.string() << ": " << g.node_count() << " nodes, loaded in "
            << load_s << " s\n";

  if (from.empty()) {
    size_t best = 0;
    std::vector<std::tuple<size_t, std::string, std::string>> pairs;
    for (const auto& [inst, versions] : versions_by_instrument(g))
      for (size_t k = 1; k < versions.size(); ++k)
        pairs.emplace_back(versions[k - 1].second + versions[k].second, versions[k - 1].first,
                           versions[k].first);
    std::sort(pairs.rbegin(), pairs.rend());
    for (size_t k = 0; k < pairs.size() && (list || k < 1); ++k)
      std::cout << (k == 0 ? "largest pair: " : "              ") << std::get<1>(pairs[k]) << " -> "
                << std::get<2>(pairs[k]) << " (" << std::get<0>(pairs[k])
                << " bytes of article text)\n";
    if (pairs.empty()) {
      std::cerr << "no instrument with two dated versions\n";
      return 1;
    }
    best = std::get<0>(pairs[0]);
    (void)best;
    from = std::get<1>(pairs[0]);
    to = std::get<2>(pairs[0]);
  }

  std::vector<double> ms, cpu_ms;
  regkg::diff::VersionDiff last;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    auto a = regkg::diff::load_version(g, from);
    auto b = regkg::diff::load_version(g, to);
    if (!a || !b) {
      std::cerr << "unknown version: " << (a ? to : from) << "\n";
      return 1;
    }
    last = regkg::diff::diff_versions(std::move(*a), std::move(*b));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    cpu_ms.push_back(1000.0 * double(std::clock() - cpu_start) / CLOCKS_PER_SEC);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu_ms.begin(), cpu_ms.end());
  std::printf("diff %s -> %s: %zu -> %zu articles\n", from.c_str(), to.c_str(),
              last.from.articles.size(), last.to.articles.size());
  std::printf(
      "runs %d: min %.1f ms, median %.1f ms, max %.1f ms (load both versions + align + "
      "character diffs + obligation diff)\n",
      runs, ms.front(), ms[ms.size() / 2], ms.back());
  std::printf("cpu time per run: min %.1f ms, median %.1f ms (one thread)\n", cpu_ms.front(),
              cpu_ms[cpu_ms.size() / 2]);
  std::printf("articles:");
  for (const auto& [k, v] : last.article_counts) std::printf(" %s %zu", k.c_str(), v);
  std::printf("\nobligations:");
  for (const auto& [k, v] : last.obligation_counts) std::printf(" %s %zu", k.c_str(), v);
  std::printf("\ncoarse: %s\n", last.coarse ? "yes" : "no");
  if (print)
    for (const auto& d : last.articles) {
      const auto& al = d.alignment;
      std::string f, t;
      for (size_t i : al.from) f += (f.empty() ? "" : "+") + last.from.articles[i].label;
      for (size_t j : al.to) t += (t.empty() ? "" : "+") + last.to.articles[j].label;
      std::printf("%-10s %4.2f %s%s -> %s\n",
                  std::string(regkg::diff::to_string(al.status)).c_str(), al.similarity,
                  al.moved ? "(moved) " : "", f.empty() ? "-" : f.c_str(),
                  t.empty() ? "-" : t.c_str());
    }
  return 0;
}
