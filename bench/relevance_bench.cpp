// relevance_bench: runs the judged queries of tests/gold/relevance_*.json against a snapshot's
// Searcher (as /api/v1/search runs them: the query, top 10, no filters) and prints success@5,
// MRR@10 and NDCG@10 per language and per query type (issue 23).
//
// Usage: relevance_bench --data DATA_DIR --judged FILE [--judged FILE …] [--show]
//                        [--min-success5 X] [--min-ndcg10 X]
// --show prints each query's rank of the first relevant hit and its top 5 (never done for a file
// whose name contains "heldout": its errors stay unseen, so no rule is tuned on them); --show-all
// prints the top 10 instead, a repeated item marked "again", and where each judged item missing
// from the top 10 stands within the top 100 (same rule for held-out files).
// With floors, exits 1 when any language of any set is below them; 2 on bad input.
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bench/relevance_judgements.h"
#include "index/searcher.h"
#include "snapshot/snapshot.h"

namespace {

using regkg::bench::GroupScore;
using regkg::bench::JudgedSet;
using regkg::bench::RankedHit;

[[noreturn]] void die(const std::string& message) {
  std::cerr << "relevance_bench: " << message << std::endl;
  std::exit(2);
}

void print_row(const std::string& name, const GroupScore& g) {
  std::cout << "  " << std::left << std::setw(22) << name << std::right << std::setw(5) << g.queries
            << std::fixed << std::setprecision(3) << std::setw(11) << g.success5 << std::setw(9)
            << g.mrr10 << std::setw(10) << g.ndcg10 << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  std::vector<std::string> judged;
  bool show = false, show_all = false;
  double min_success5 = -1, min_ndcg10 = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--data")
      data = next();
    else if (a == "--judged")
      judged.push_back(next());
    else if (a == "--show")
      show = true;
    else if (a == "--show-all")
      show = show_all = true;
    else if (a == "--min-success5")
      min_success5 = std::stod(next());
    else if (a == "--min-ndcg10")
      min_ndcg10 = std::stod(next());
    else
      die("unknown argument " + a);
  }
  if (data.empty() || judged.empty()) die("usage: --data DIR --judged FILE [--judged FILE …]");

  std::shared_ptr<const regkg::snapshot::Snapshot> snap;
  try {
    snap = regkg::snapshot::open_current_snapshot(data, 1);
  } catch (const std::exception& e) {
    die(e.what());
  }
  bool below = false;
  for (const auto& path : judged) {
    JudgedSet set;
    try {
      set = regkg::bench::load_judged_set(path);
    } catch (const std::exception& e) {
      die(e.what());
    }
    regkg::bench::resolve_items(set, *snap->graph);
    const bool heldout = path.find("heldout") != std::string::npos;
    size_t unresolved = 0;
    for (const auto& q : set.queries)
      for (const auto& item : q.items)
        if (!item.unresolved.empty()) {
          ++unresolved;
          std::cerr << path << ": warning: " << q.id << ": " << item.unresolved << "\n";
        }
    std::map<std::string, GroupScore> by_lang, by_type, by_lang_type;
    GroupScore all;
    for (const auto& q : set.queries) {
      regkg::index::SearchRequest request;
      request.query = q.q;
      request.limit = show_all && !heldout ? 100 : 10;
      request.facets = false;
      std::vector<RankedHit> ranked, deep;
      std::string error;
      try {
        for (const auto& h : snap->searcher->search(request).hits)
          (ranked.size() < 10 ? ranked : deep).push_back({h.id, h.kind, h.instrument_id});
      } catch (const std::exception& e) {
        error = e.what();
      }
      const auto score = regkg::bench::score_query(q, ranked);
      all.add(score);
      by_lang[q.lang].add(score);
      by_type[q.type].add(score);
      by_lang_type[q.lang + " " + q.type].add(score);
      if (show && !heldout) {
        std::cout << q.id << "\t"
                  << (score.first_relevant_rank ? std::to_string(score.first_relevant_rank) : "-")
                  << "\t" << q.lang << " " << q.type << "\t" << q.q;
        if (!error.empty()) std::cout << "\tERROR " << error;
        std::cout << "\n";
        std::set<int> seen;
        for (size_t r = 0; r < ranked.size() && r < (show_all ? 10u : 5u); ++r) {
          int index = -1;
          const int grade = regkg::bench::grade_of(q, ranked[r], &index);
          const bool again = grade > 0 && !seen.insert(index).second;
          std::cout << "\t\t" << r + 1 << " " << grade << (again ? " again " : " ") << ranked[r].id
                    << "\n";
        }
        for (size_t i = 0; show_all && i < q.items.size(); ++i) {
          if (seen.count(static_cast<int>(i))) continue;
          const auto& item = q.items[i];
          std::string where = "not in the top 100";
          for (size_t r = 0; r < deep.size(); ++r) {
            int index = -1;
            regkg::bench::grade_of(q, deep[r], &index);
            if (index == static_cast<int>(i)) {
              where = "rank " + std::to_string(r + 11) + " " + deep[r].id;
              break;
            }
          }
          std::cout << "\t\tmissing grade " << item.grade << " " << item.file << " "
                    << (item.unit.empty() ? item.article : item.unit) << ": " << where << "\n";
        }
      }
    }
    all.finish();
    std::cout << set.path << (heldout ? " (held out: per-query results not shown)" : "") << ": "
              << set.queries.size() << " queries, " << unresolved << " judged items unresolved\n";
    std::cout << "  " << std::left << std::setw(22) << "group" << std::right << std::setw(5) << "n"
              << std::setw(11) << "success@5" << std::setw(9) << "MRR@10" << std::setw(10)
              << "NDCG@10"
              << "\n";
    print_row("all", all);
    for (auto* groups : {&by_lang, &by_type, &by_lang_type})
      for (auto& [name, g] : *groups) {
        g.finish();
        print_row(name, g);
      }
    for (const auto& [lang, g] : by_lang) {
      if (min_success5 >= 0 && g.success5 < min_success5) {
        std::cout << "BELOW FLOOR: " << path << " " << lang << " success@5 " << g.success5 << " < "
                  << min_success5 << "\n";
        below = true;
      }
      if (min_ndcg10 >= 0 && g.ndcg10 < min_ndcg10) {
        std::cout << "BELOW FLOOR: " << path << " " << lang << " NDCG@10 " << g.ndcg10 << " < "
                  << min_ndcg10 << "\n";
        below = true;
      }
    }
  }
  return below ? 1 : 0;
}
