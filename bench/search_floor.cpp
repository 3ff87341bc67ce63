// search_floor: regkg's uncached search against Xapian's own floor (issue 19). For every distinct
// `q` of bench/queries.txt it times, interleaved per query: raw Xapian on the snapshot's own index
// running the query regkg plans (Searcher::query_for: concepts, relaxation), (a) top N + document
// data and (b) the same counting matches
// exactly up to Searcher::kExactCountLimit as regkg does, and (c) regkg's GET /api/v1/search?q=…
// &limit=N over one keep-alive connection. Prints p50/p99/mean of each and regkg's mean as a ratio
// of floor (b), then the slowest queries.
//
// Usage: search_floor --data DATA --url http://127.0.0.1:PORT [--queries bench/queries.txt]
//                     [--rounds 5] [--limit 10] [--per-query FILE.tsv] [--extra 'a=b&c=d']
//        --server LABEL=URL (repeatable) instead of --url: several builds, interleaved likewise,
//        their answers compared byte for byte.
// The servers must run with --cache-mb 0: after the check pass every answer would be cached.
// Before timing, regkg's total and hit ids are checked against the floor's: any difference stops
// the benchmark. The floor leaves out planning (concept lookup, OpenCC, the relaxation count),
// which regkg's time includes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>
#include <xapian.h>

#include "index/cjk_query.h"
#include "index/index_check.h"
#include "index/index_schema.h"
#include "index/search_fields.h"
#include "index/searcher.h"
#include "snapshot/snapshot_store.h"
#include "text/percent_encoding.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace idx = regkg::index;

[[noreturn]] void die(const std::string& message) {
  std::cerr << "search_floor: " << message << std::endl;
  std::exit(2);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else if (s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The distinct non-empty q values of the query file, in the order they first appear.
std::vector<std::string> distinct_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) die("cannot read " + path);
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find('&', start);
      if (end == std::string::npos) end = line.size();
      std::string pair = line.substr(start, end - start);
      if (pair.rfind("q=", 0) == 0) {
        std::string q = percent_decode(pair.substr(2));
        if (!q.empty() && seen.insert(q).second) out.push_back(q);
      }
      start = end + 1;
    }
  }
  return out;
}

struct FloorAnswer {
  size_t total = 0;
  std::vector<std::string> data;  // document data of the hits
};

// Match regkg's own query (Searcher::query_for: its plan of the words, relaxed or not) in regkg's
// order (relevance, then node id), read the hits' document data.
FloorAnswer floor_search(const Xapian::Database& db, const Xapian::Query& query, unsigned limit,
                         Xapian::doccount check_at_least) {
  FloorAnswer answer;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_sort_by_relevance_then_value(idx::slot::kNodeId, false);
  Xapian::MSet mset = enquire.get_mset(0, limit, check_at_least);
  answer.total = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it)
    answer.data.push_back(it.get_document().get_data());
  return answer;
}

struct Stats {
  double p50 = 0, p99 = 0, mean = 0, max = 0;
};

Stats stats_of(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&v](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(v.size()) + 0.5);
    return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
  };
  s.p50 = at(0.50);
  s.p99 = at(0.99);
  s.max = v.back();
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string json_id(const std::string& data) {
  rapidjson::Document d;
  d.Parse(data.data(), data.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("id") || !d["id"].IsString()) return {};
  return d["id"].GetString();
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, queries_file = "bench/queries.txt", per_query_file, extra;
  std::vector<std::pair<std::string, std::string>> servers;  // label, base URL
  unsigned rounds = 5, limit = 10;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--data") {
      data_dir = next();
    } else if (a == "--url") {
      servers.emplace_back("regkg", next());
    } else if (a == "--server") {  // LABEL=URL, repeatable: several builds side by side
      std::string v = next();
      size_t eq = v.find('=');
      if (eq == std::string::npos) die("--server takes LABEL=URL");
      servers.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (a == "--queries") {
      queries_file = next();
    } else if (a == "--rounds") {
      rounds = static_cast<unsigned>(std::stoul(next()));
    } else if (a == "--limit") {
      limit = static_cast<unsigned>(std::stoul(next()));
    } else if (a == "--per-query") {
      per_query_file = next();
    } else if (a == "--extra") {
      extra = next();
    } else {
      die("unknown argument " + a + " (see the comment at the top of bench/search_floor.cpp)");
    }
  }
  if (data_dir.empty() || servers.empty()) die("--data and --url (or --server) are required");
  if (rounds == 0) die("--rounds must be at least 1");

  regkg::snapshot::SnapshotStore store(data_dir);
  auto current = store.current_id();
  if (!current) die(data_dir + " has no current snapshot");
  const auto index_dir = store.snapshot_dir(*current) / regkg::snapshot::kIndexDir;
  idx::Searcher searcher(index_dir, 1);
  Xapian::Database db;
  for (const auto& d : idx::index_databases(index_dir)) db.add_database(Xapian::Database(d));
  // (b) on a handle of its own: run on (a)'s right after (a), it found the query's blocks in that
  // handle's cursors, an advantage regkg's pooled handles do not have.
  Xapian::Database db_counting;
  for (const auto& d : idx::index_databases(index_dir))
    db_counting.add_database(Xapian::Database(d));
  // The floor does not hide replaced documents as regkg's match decider does.
  if (searcher.document_count() != db.get_doccount())
    die("the index has hidden documents (an incremental snapshot): run on a full ingest");
  const Xapian::doccount check =
      std::min<Xapian::doccount>(db.get_doccount(), idx::Searcher::kExactCountLimit);

  std::vector<std::string> queries = distinct_queries(queries_file);
  if (queries.empty()) die("no q= in " + queries_file);

  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (const auto& [label, url] : servers) {
    clients.push_back(std::make_unique<httplib::Client>(url));
    clients.back()->set_keep_alive(true);
    clients.back()->set_tcp_nodelay(true);
    clients.back()->set_read_timeout(60, 0);
  }
  auto target = [&](const std::string& q) {
    std::string t =
        "/api/v1/search?q=" + regkg::text::percent_encode(q) + "&limit=" + std::to_string(limit);
    if (!extra.empty()) t += "&" + extra;
    return t;
  };
  auto get = [&](size_t s, const std::string& q) -> std::string {
    // Uncompressed, as wrk asks (httplib's client would offer br and gzip by itself).
    auto res = clients[s]->Get(target(q), {{"Accept-Encoding", "identity"}});
    if (!res)
      die(servers[s].first + ": GET " + target(q) + " failed: " + httplib::to_string(res.error()));
    if (res->status != 200)
      die(servers[s].first + ": GET " + target(q) + ": HTTP " + std::to_string(res->status) + " " +
          res->body);
    return res->body;
  };

  // Same queries and same answers, checked before any timing. The floor runs the query regkg
  // plans (so it leaves out planning: concept lookup, OpenCC, the relaxation count).
  size_t checked_ids = 0, body_differences = 0, before_differences = 0;
  std::vector<Xapian::Query> planned;
  for (const auto& q : queries) {
    idx::SearchRequest sr;
    sr.query = q;
    try {
      planned.push_back(searcher.query_for(sr));
    } catch (const std::exception& e) {
      die("query '" + q + "': " + e.what());
    }
    FloorAnswer floor = floor_search(db, planned.back(), limit, check);
    std::string first_body;
    for (size_t s = 0; s < servers.size(); ++s) {
      rapidjson::Document body;
      std::string raw = get(s, q);
      if (s == 0)
        first_body = raw;
      else if (raw != first_body)
        ++body_differences;
      body.Parse(raw.data(), raw.size());
      if (body.HasParseError() || !body.IsObject() || !body.HasMember("results"))
        die("query '" + q + "': " + servers[s].first + "'s answer is not a search answer");
      // An older build ("before") may plan a query differently (another total, other hits):
      // counted, not fatal; this build must answer exactly as the floor.
      if (servers[s].first == "before" && body["total"].GetUint64() != floor.total) {
        ++before_differences;
        continue;
      }
      if (body["total"].GetUint64() != floor.total)
        die("query '" + q + "': " + servers[s].first + " total " +
            std::to_string(body["total"].GetUint64()) + ", floor " + std::to_string(floor.total));
      const auto& results = body["results"].GetArray();
      if (results.Size() != floor.data.size() && servers[s].first == "before") {
        ++before_differences;
        continue;
      }
      if (results.Size() != floor.data.size())
        die("query '" + q + "': " + servers[s].first + " returned " +
            std::to_string(results.Size()) + " hits, floor " + std::to_string(floor.data.size()));
      for (rapidjson::SizeType i = 0; i < results.Size(); ++i, ++checked_ids)
        if (json_id(floor.data[i]) != results[i]["id"].GetString()) {
          if (servers[s].first == "before") {
            ++before_differences;
            break;
          }
          die("query '" + q + "': " + servers[s].first + " hit " + std::to_string(i) + " differs");
        }
    }
  }
  std::cerr << "search_floor: " << queries.size() << " distinct queries parse and answer alike ("
            << checked_ids << " hit ids checked";
  if (servers.size() > 1)
    std::cerr << "; " << body_differences << " answers differing byte for byte between servers, "
              << before_differences << " of the before build's with another total or other hits";
  std::cerr << "); timing " << rounds << " rounds" << std::endl;

  // ms per (query, round) for each measure: 0 = floor, 1 = floor with counting, 2.. = servers.
  const size_t n = queries.size(), measures = 2 + servers.size();
  std::vector<std::vector<std::vector<double>>> t(measures, std::vector<std::vector<double>>(n));
  size_t sink = 0;  // keeps the floor's reads from being optimised away
  for (unsigned round = 0; round < rounds; ++round) {
    for (size_t i = 0; i < n; ++i) {
      // The order of the measures rotates with the round and the query: drift hits all alike.
      for (size_t k = 0; k < measures; ++k) {
        size_t m = (k + round + i) % measures;
        auto t0 = Clock::now();
        if (m == 0)
          sink += floor_search(db, planned[i], limit, 0).data.size();
        else if (m == 1)
          sink += floor_search(db_counting, planned[i], limit, check).data.size();
        else
          sink += get(m - 2, queries[i]).size();
        t[m][i].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    }
  }

  std::vector<std::vector<double>> med(measures, std::vector<double>(n));
  std::vector<Stats> st(measures);
  for (size_t m = 0; m < measures; ++m) {
    for (size_t i = 0; i < n; ++i) med[m][i] = median(t[m][i]);
    st[m] = stats_of(med[m]);
  }
  std::printf("queries %zu, rounds %u (per query: the median of its rounds), limit %u%s%s\n", n,
              rounds, limit, extra.empty() ? "" : ", extra ", extra.c_str());
  std::printf("%-46s %8s %8s %8s %8s\n", "ms per query", "p50", "p99", "mean", "max");
  auto row = [](const std::string& name, const Stats& s) {
    std::printf("%-46s %8.3f %8.3f %8.3f %8.3f\n", name.c_str(), s.p50, s.p99, s.mean, s.max);
  };
  row("(a) Xapian floor: planned query, top N + data", st[0]);
  row("(b) Xapian floor with counting (check 1000)", st[1]);
  for (size_t s = 0; s < servers.size(); ++s)
    row("(c) " + servers[s].first + " over HTTP, keep-alive", st[2 + s]);
  for (size_t s = 0; s < servers.size(); ++s)
    std::printf(
        "RATIO %s/floor_counting mean=%.2f p50=%.2f p99=%.2f (target mean <= 1.5); "
        "%s/floor mean=%.2f\n",
        servers[s].first.c_str(), st[2 + s].mean / st[1].mean, st[2 + s].p50 / st[1].p50,
        st[2 + s].p99 / st[1].p99, servers[s].first.c_str(), st[2 + s].mean / st[0].mean);

  for (size_t s = 0; s < servers.size(); ++s) {
    const auto& mr = med[2 + s];
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return mr[x] > mr[y]; });
    std::printf("slowest 10 of %s (ms: %s, floor with counting, floor):\n",
                servers[s].first.c_str(), servers[s].first.c_str());
    for (size_t k = 0; k < std::min<size_t>(10, n); ++k) {
      size_t i = order[k];
      std::printf("  %8.3f %8.3f %8.3f  %s\n", mr[i], med[1][i], med[0][i], queries[i].c_str());
    }
  }
  if (!per_query_file.empty()) {
    std::ofstream out(per_query_file);
    out << "floor_ms\tfloor_counting_ms";
    for (const auto& sv : servers) out << '\t' << sv.first << "_ms";
    out << "\tq\n";
    for (size_t i = 0; i < n; ++i) {
      for (size_t m = 0; m < measures; ++m) out << med[m][i] << '\t';
      out << queries[i] << '\n';
    }
  }
  return sink == 0 ? 1 : 0;
}
