// regkg: the command-line entry point. Each subcommand only parses options and calls a library
// (ingest/, server/, index/); no logic lives here.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>

#include <fstream>

#include "fetch/fetch_run.h"
#include "graph/graph_export.h"
#include "index/searcher.h"
#include "ingest/corpus_follower.h"
#include "ingest/corpus_watcher.h"
#include "ingest/ingest_pipeline.h"
#include "replica/snapshot_replicator.h"
#include "server/admin_auth.h"
#include "server/http_server.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshot_store.h"

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_reload{false};

void on_signal(int sig) {
  if (sig == SIGHUP)
    g_reload = true;
  else
    g_stop = true;
}

// A resource folder of the project (web/, corpus/dictionaries/): next to the executable's parent
// (build/regkg -> ../web), in an installed tree (/usr/bin/regkg -> /usr/share/regkg/web), then
// the source tree it was built from.
fs::path project_path(const char* relative) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path base : {exe.parent_path().parent_path(), exe.parent_path(),
                          exe.parent_path().parent_path() / "share" / "regkg"}) {
      fs::path p = base / relative;
      if (fs::exists(p, ec)) return p;
    }
  }
  return fs::path(REGKG_SOURCE_DIR) / relative;
}

// Xapian handles per snapshot: searches are CPU-bound, so a few per core is enough; requests
// beyond that wait for a free handle.
size_t searcher_pool_size() { return std::max(4u, 2 * std::thread::hardware_concurrency()); }

int cmd_ingest(regkg::ingest::IngestOptions options, const std::string& dictionaries) {
  options.dictionaries_dir =
      dictionaries.empty() ? project_path("corpus/dictionaries") : fs::path(dictionaries);
  options.terminal = ::isatty(STDERR_FILENO) != 0;
  try {
    auto s = regkg::ingest::run_ingest(options, std::cerr);
    std::cout << "regkg ingest: snapshot " << s.snapshot_id << " is current: " << s.files_seen
              << " files seen, " << s.ingested << " added, " << s.skipped << " skipped, "
              << s.duplicates << " duplicates, " << s.ignored << " ignored; " << s.errors
              << " errors, " << s.warnings << " warnings; " << s.nodes << " nodes, " << s.edges
              << " edges, " << s.documents << " documents in " << std::fixed << std::setprecision(1)
              << s.seconds << " s" << std::endl;
    std::cout << "regkg ingest: index "
              << (s.incremental ? "incremental: " + std::to_string(s.documents_added) + " added, " +
                                      std::to_string(s.documents_changed) + " changed, " +
                                      std::to_string(s.documents_removed) + " removed documents"
                                : "written in full (" + s.full_reason + ")")
              << "; " << s.snapshots_removed << " old snapshot(s) removed" << std::endl;
    // The snapshot is committed and the output flushed: exit without tearing down the graph
    // (hundreds of thousands of nodes, about a second of free() for nothing).
    std::cerr.flush();
    std::_Exit(0);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\nregkg ingest: failed; the previous snapshot (if any) stays current"
              << std::endl;
    return 1;
  }
}

int cmd_watch(regkg::ingest::IngestOptions options, const std::string& dictionaries,
              double interval, double debounce) {
  options.dictionaries_dir =
      dictionaries.empty() ? project_path("corpus/dictionaries") : fs::path(dictionaries);
  regkg::ingest::WatchOptions watch;
  watch.interval = std::chrono::milliseconds(static_cast<long>(interval * 1000));
  watch.debounce = std::chrono::milliseconds(static_cast<long>(debounce * 1000));
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::cerr << "regkg watch: watching";
  for (const auto& c : options.corpora) std::cerr << ' ' << c.string();
  std::cerr << " every " << interval << " s" << std::endl;
  regkg::ingest::run_watch(options, watch, std::cerr, g_stop);
  return 0;
}

int cmd_serve(const std::string& data, regkg::server::ServerConfig config, const std::string& web,
              const std::string& admin_token_file, double watch_seconds,
              regkg::ingest::FollowOptions follow) {
  const bool following = !follow.ingest.corpora.empty();
  auto open = [&data, &config] {
    return regkg::snapshot::open_current_snapshot(data, searcher_pool_size(), config.remote_shards);
  };
  std::optional<regkg::ingest::CorpusFollower> follower;
  std::shared_ptr<const regkg::snapshot::Snapshot> snap;
  try {
    if (following) {
      follower.emplace(open);
      snap = follower->snapshot();
    } else {
      snap = open();
    }
    config.admin_token = regkg::server::load_admin_token(admin_token_file);
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  config.web_dir = web.empty() ? project_path("web") : fs::path(web);
  config.data_dir = data;
  config.searcher_pool_size = searcher_pool_size();
  config.watch_interval = std::chrono::milliseconds(static_cast<long>(watch_seconds * 1000));
  // Following, this process makes the snapshots and hands each one over itself.
  if (following) config.watch_interval = std::chrono::milliseconds(0);
  try {
    regkg::server::HttpServer server(config, snap);
    int bound = server.bind();
    std::cout << "regkg serve: snapshot " << snap->id << " (" << snap->graph->node_count()
              << " nodes, " << snap->searcher->document_count() << " documents) at http://"
              << config.host << ":" << bound << "/"
              << (config.admin_token.empty() ? "; admin routes off" : "; admin routes on")
              << (config.remote_shards.empty()
                      ? ""
                      : "; index on " + std::to_string(config.remote_shards.shards.size()) +
                            " remote shards")
              << std::endl;
    snap.reset();  // the holder owns it now: a reload can free it
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGHUP, on_signal);
    std::thread control([&] {
      while (!g_stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (g_reload.exchange(false)) server.reloader()->reload(/*force=*/true);
      }
      server.stop();
    });
    // --follow: the ingest runs here and its graph goes straight to the server (no reload from
    // disk); see ingest/corpus_follower.h.
    if (following) {
      follow.ingest.data_dir = data;
      follow.searcher_pool_size = searcher_pool_size();
      follower->follow(std::move(follow),
                       {[&](std::shared_ptr<const regkg::snapshot::Snapshot> next) {
                          server.reloader()->install(std::move(next));
                        },
                        [&](bool force) { server.reloader()->reload(force); }},
                       std::cerr, g_stop);
    }
    server.run();
    g_stop = true;
    control.join();
    if (follower) follower->join();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    g_stop = true;  // a follower already following stops before it is joined
    return 1;
  }
}

int cmd_replicate(regkg::replica::ReplicateOptions options, const std::string& token_file,
                  double interval) {
  try {
    options.token = regkg::server::load_admin_token(token_file);
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  if (options.token.empty()) {
    std::cerr << "error: no admin token: give --token-file or set REGKG_ADMIN_TOKEN" << std::endl;
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  int status = 0;
  do {
    try {
      auto r = regkg::replica::replicate(options, std::cerr);
      if (r.up_to_date)
        std::cout << "regkg replicate: up to date with snapshot " << r.snapshot_id << std::endl;
      else
        std::cout << "regkg replicate: snapshot " << r.snapshot_id << " is current: " << r.files
                  << " files, " << r.downloaded << " downloaded (" << r.bytes_downloaded
                  << " bytes), " << r.linked << " hard-linked from the previous snapshot, in "
                  << std::fixed << std::setprecision(2) << r.seconds << " s" << std::endl;
      status = 0;
    } catch (const std::exception& e) {
      std::cerr << e.what()
                << "\nregkg replicate: failed; the replica's current snapshot is unchanged"
                << std::endl;
      status = 1;
    }
    for (double waited = 0; interval > 0 && !g_stop && waited < interval; waited += 0.1)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (interval > 0 && !g_stop);
  return status;
}

int cmd_search(const std::string& data, const std::string& query, unsigned limit, bool explain) {
  try {
    auto snap = regkg::snapshot::open_current_snapshot(data, 1);
    regkg::index::SearchRequest req;
    req.query = query;
    req.limit = limit;
    const double cost = explain ? snap->searcher->estimate_cost(req) : 0;
    auto result = snap->searcher->search(req);
    std::cout << result.total << " matches for " << query
              << (result.relaxed ? " (relaxed: any of its words)" : "") << '\n';
    if (explain) {
      std::cout << "concepts:";
      for (const auto& c : result.concepts) std::cout << ' ' << c;
      std::cout << "\nquery: " << result.query_description << '\n';
      std::cout << "estimated cost: " << cost << " (slow from " << regkg::index::kSlowSearchCost
                << ")\n";
    }
    for (const auto& hit : result.hits)
      std::cout << hit.id << "\t" << hit.title << "\n    " << hit.snippet << '\n';
    return 0;
  } catch (const regkg::index::QuerySyntaxError& e) {
    std::cerr << "error: query syntax: " << e.what() << std::endl;
    return 2;
  } catch (const regkg::index::QueryTooComplex& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
}

int cmd_export(const std::string& data, const std::string& format, const std::string& out_path) {
  try {
    auto snap = regkg::snapshot::open_current_snapshot(data, 1);
    const auto& g = *snap->graph;
    regkg::graph::ExportCounts counts;
    if (format == "csv") {
      counts = regkg::graph::write_neo4j_csv(g, out_path);
    } else {
      std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error(out_path + ": error: cannot write");
      counts = format == "graphml" ? regkg::graph::write_graphml(g, out)
                                   : regkg::graph::write_jsonl(g, out);
      out.flush();
      if (!out) throw std::runtime_error(out_path + ": error: write failed");
    }
    std::cout << "regkg export: snapshot " << snap->id << ": " << counts.nodes << " nodes, "
              << counts.edges << " edges as " << format << " to " << out_path << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
}

// `regkg fetch`: exit 0 when at least one source was fetched (new, changed or unchanged), 1 when
// every source failed, 2 for a bad manifest or an unwritable --into folder.
int cmd_fetch(const std::string& sources, const std::string& into, double timeout) {
  regkg::fetch::FetchOptions options;
  options.manifest = sources.empty() ? project_path("corpus/sources.json") : fs::path(sources);
  options.into = into;
  options.limits.connect_timeout = timeout;
  options.limits.read_timeout = timeout;
  options.limits.total_timeout = 6 * timeout;
  try {
    const auto report = regkg::fetch::run_fetch(options, std::cerr);
    for (const auto& o : report.outcomes) std::cout << regkg::fetch::format_outcome(o) << '\n';
    std::cout << regkg::fetch::format_summary(report, into) << std::endl;
    return report.all_failed() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\nregkg fetch: nothing fetched" << std::endl;
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "regkg: a regulatory knowledge graph and query server.\n"
      "Ingests Chinese and English regulation texts and news into a graph and a Xapian index,\n"
      "and serves full-text and relationship queries as a JSON API and a web UI.\n\n"
      "Example:\n  regkg ingest --corpus corpus --data data\n"
      "  regkg serve --data data   # then open http://127.0.0.1:8080/"};
  app.require_subcommand(1);

  std::vector<std::string> corpora;
  std::string data = "data", dictionaries;
  bool strict = false;
  unsigned threads = 0;
  auto* ingest = app.add_subcommand(
      "ingest",
      "Parse the corpus into a new snapshot (graph + index + manifest) and make it current.\n"
      "Bad files are reported as path:line: error: and skipped; the previous snapshot stays\n"
      "current if the run fails.\n\n"
      "Example:\n  regkg ingest --corpus corpus --data data");
  ingest->add_option("--corpus", corpora, "Corpus directory, read recursively (repeatable)")
      ->required();
  ingest->add_option("--data", data, "Data directory holding the snapshots")->capture_default_str();
  ingest->add_flag("--strict", strict, "Treat any error as fatal: commit nothing");
  ingest->add_option("--threads", threads, "Parser threads (0 = one per core)");
  ingest->add_option(
      "--dictionaries", dictionaries,
      "Folder with actors.json and instruments.json (default: the project's corpus/dictionaries)");
  bool full = false;
  unsigned keep = 3;
  ingest->add_flag("--full", full,
                   "Write the whole index anew instead of only the documents that changed");
  ingest->add_option("--keep", keep, "Snapshots to keep, the current one included (0 = all)")
      ->capture_default_str();

  double watch_interval = 2.0, watch_debounce = 1.0;
  auto* watch = app.add_subcommand(
      "watch",
      "Ingest now, then poll the corpus and ingest again (incrementally) whenever it changes and\n"
      "has been quiet for the debounce time. A running `regkg serve` picks up each new "
      "snapshot.\n\n"
      "Example:\n  regkg watch --corpus corpus --data data --interval 2");
  watch->add_option("--corpus", corpora, "Corpus directory, read recursively (repeatable)")
      ->required();
  watch->add_option("--data", data, "Data directory holding the snapshots")->capture_default_str();
  watch->add_option("--interval", watch_interval, "Seconds between polls")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  watch->add_option("--debounce", watch_debounce, "Quiet seconds before an ingest")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  watch->add_option("--keep", keep, "Snapshots to keep, the current one included (0 = all)")
      ->capture_default_str();
  watch->add_option("--dictionaries", dictionaries, "Folder with actors.json and instruments.json");

  std::string host = "127.0.0.1", web;
  int port = 8080;
  bool access_log = false;
  unsigned serve_threads = 0;
  auto* serve = app.add_subcommand(
      "serve",
      "Serve the current snapshot: JSON API under /api/v1, /healthz, and the web UI at /.\n"
      "SIGHUP reloads the current snapshot without dropping requests.\n\n"
      "Example:\n  regkg serve --data data --port 8080");
  serve->add_option("--data", data, "Data directory holding the snapshots")->capture_default_str();
  serve->add_option("--host", host, "Address to listen on (loopback by default)")
      ->capture_default_str();
  serve->add_option("--port", port, "TCP port (0 = any free port, printed on start)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->add_option("--web", web, "Folder of the web UI (default: the project's web/)");
  serve->add_option("--threads", serve_threads, "Worker threads, one per open connection (0 = 64)");
  serve->add_flag("--access-log", access_log, "Log one line per request to stderr");
  size_t cache_mb = 64;
  serve
      ->add_option("--cache-mb", cache_mb,
                   "Response cache for search and node answers, MiB (0 = off)")
      ->capture_default_str();

  std::string cors_origin, admin_token_file;
  double watch_seconds = 1.0;
  serve->add_option("--admin-token-file", admin_token_file,
                    "File holding the bearer token of the admin routes (mode 600); default: "
                    "$REGKG_ADMIN_TOKEN; neither = admin routes off");
  serve
      ->add_option("--watch-interval", watch_seconds,
                   "Seconds between checks of DATA/CURRENT for a new snapshot (0 = only on "
                   "SIGHUP or POST /api/v1/admin/reload)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  serve->add_option("--cors-origin", cors_origin,
                    "Allow cross-origin GETs from this origin ('*' for any); off by default");
  // Connection guards (server/guarded_server.h): slow and greedy clients.
  double read_timeout_seconds = 10.0, request_timeout_seconds = 20.0;
  unsigned max_client_connections = 0;
  serve->add_option("--read-timeout", read_timeout_seconds, "Longest wait for one read or write, s")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  serve
      ->add_option("--request-timeout", request_timeout_seconds,
                   "Time a whole request may take to arrive, s (slow clients get 408)")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  unsigned admin_max_failures = 5;
  serve
      ->add_option("--admin-max-failures", admin_max_failures,
                   "Failed admin authentications one client address may make per minute; more "
                   "get 429 until the minute has passed (0 = no limit)")
      ->capture_default_str();
  serve->add_option("--max-client-connections", max_client_connections,
                    "Connections one client address may hold; more get 503 (0 = 3/4 of --threads "
                    "for remote clients, no cap for loopback ones)");

  // The search budget and the work gate (index/query_budget.h, server/work_gate.h).
  unsigned search_time_budget_ms = 1000, slow_search_slots = 2, heavy_route_slots = 2;
  double slow_search_cost = regkg::index::kSlowSearchCost;
  serve
      ->add_option("--search-time-budget", search_time_budget_ms,
                   "Time one search's match may take, ms; then it answers what it found with "
                   "truncated: true (local index only; 0 = no limit)")
      ->capture_default_str();
  serve
      ->add_option("--slow-search-slots", slow_search_slots,
                   "Searches estimated slow (long phrases of common words, many of them OR'd) "
                   "that may run at once; more get 503 busy with Retry-After (0 = no limit)")
      ->capture_default_str();
  serve
      ->add_option("--slow-search-cost", slow_search_cost,
                   "A search is slow from this estimated cost up (postings read; `regkg search "
                   "--explain` prints a query's)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e15));
  serve
      ->add_option("--heavy-route-slots", heavy_route_slots,
                   "Heavy requests (exports, neighbourhoods of depth 3 or over 1,000 nodes, paths "
                   "over 4 hops or over 3 paths) that may run at once; more get 503 busy with "
                   "Retry-After (0 = no limit)")
      ->capture_default_str();

  // An index served by xapian-tcpsrv (index/remote_shards.h); the graph stays in this process.
  std::string remote_shards;
  double remote_timeout = 5.0, remote_connect_timeout = 2.0;
  serve->add_option(
      "--remote-shards", remote_shards,
      "Search the snapshot's index on Xapian remote shards instead of its files: host:port of "
      "one xapian-tcpsrv per index layer, comma-separated, in the order of the snapshot's "
      "index/layers.json (scripts/serve-shards.sh starts them). The snapshot must hide no "
      "documents (a full ingest). A search that cannot reach a shard is answered 503 "
      "shard_unavailable naming it");
  serve
      ->add_option("--remote-timeout", remote_timeout,
                   "With --remote-shards: longest wait for one answer of a shard, s")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  serve
      ->add_option("--remote-connect-timeout", remote_connect_timeout,
                   "With --remote-shards: longest wait for a connection to a shard, s")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));

  std::vector<std::string> follow_corpora;
  double follow_interval = 1.0, follow_debounce = 1.0;
  serve->add_option("--follow", follow_corpora,
                    "Also watch this corpus directory (repeatable) and ingest it in this process "
                    "whenever it changes, like `regkg watch`; each new snapshot is served without "
                    "being reloaded from disk");
  serve->add_option("--follow-interval", follow_interval, "With --follow: seconds between polls")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  serve
      ->add_option("--follow-debounce", follow_debounce,
                   "With --follow: quiet seconds before an ingest")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  serve->add_option("--dictionaries", dictionaries,
                    "With --follow: folder with actors.json and instruments.json");
  serve->add_option("--keep", keep, "With --follow: snapshots to keep (0 = all)")
      ->capture_default_str();

  std::string query;
  unsigned limit = 10;
  auto* search = app.add_subcommand(
      "search",
      "Search the current snapshot from the command line (Xapian query syntax).\n\n"
      "Example:\n  regkg search --data data '安全评估'");
  search->add_option("--data", data, "Data directory holding the snapshots")->capture_default_str();
  search->add_option("query", query, "The query")->required();
  search->add_option("--limit", limit, "Results to show")->capture_default_str();
  bool explain = false;
  search->add_flag("--explain", explain,
                   "Also print the concepts used, the Xapian query and its estimated cost");

  std::string format = "graphml", out_path;
  auto* export_cmd = app.add_subcommand(
      "export",
      "Write the current snapshot's graph as GraphML (Gephi, NetworkX, igraph), CSV (a folder "
      "with\n"
      "nodes.csv and edges.csv for neo4j-admin import and pandas) or JSON Lines.\n\n"
      "Example:\n  regkg export --data data --format graphml --out regkg.graphml");
  export_cmd->add_option("--data", data, "Data directory holding the snapshots")
      ->capture_default_str();
  export_cmd->add_option("--format", format, "graphml, csv or jsonl")
      ->capture_default_str()
      ->check(CLI::IsMember({"graphml", "csv", "jsonl"}));
  export_cmd->add_option("--out", out_path, "Output file (a folder for csv)")->required();

  regkg::replica::ReplicateOptions replicate_options;
  std::string token_file;
  double replicate_interval = 0;
  auto* replicate = app.add_subcommand(
      "replicate",
      "Copy the snapshot a primary `regkg serve` is serving into this data directory and make it\n"
      "current (a `regkg serve --data` here picks it up). Needs the primary's admin token.\n"
      "Index layers already here are hard-linked, not downloaded.\n\n"
      "Example:\n  REGKG_ADMIN_TOKEN=... regkg replicate --from http://10.0.0.5:8080 --data data");
  replicate->add_option("--from", replicate_options.primary, "The primary: http://host:port")
      ->required();
  replicate->add_option("--data", data, "This replica's data directory")->capture_default_str();
  replicate->add_option("--token-file", token_file,
                        "File holding the primary's admin token (default: $REGKG_ADMIN_TOKEN)");
  replicate
      ->add_option("--interval", replicate_interval,
                   "Keep following the primary, checking every this many seconds (0 = once)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  replicate->add_option("--keep", replicate_options.keep, "Snapshots to keep (0 = all)")
      ->capture_default_str();

  std::string sources_manifest, fetch_into;
  double fetch_timeout = 20;
  auto* fetch_cmd = app.add_subcommand(
      "fetch",
      "Fetch rules from their publishers' pages (CAC, State Council, NPC) listed in a manifest,\n"
      "extract title, issuer, dates and articles, and write them as statute Markdown under\n"
      "DIR/statutes-zh/ for `regkg ingest --corpus DIR`. Conditional GETs (ETag, Last-Modified)\n"
      "from DIR/.fetch-state.json; prints one line per source (new, changed, unchanged, failed\n"
      "with the reason) and a summary. Exit 1 if every source failed, 2 for a bad manifest.\n\n"
      "Example:\n  regkg fetch --sources corpus/sources.json --into fetched\n"
      "  regkg ingest --corpus corpus --corpus fetched --data data");
  fetch_cmd->add_option("--sources", sources_manifest,
                        "The sources manifest (default: the project's corpus/sources.json)");
  fetch_cmd->add_option("--into", fetch_into, "Output folder (created; holds the fetch state)")
      ->required();
  fetch_cmd->add_option("--timeout", fetch_timeout, "Connect and read time limit, seconds")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 600.0));

  CLI11_PARSE(app, argc, argv);
  if (*fetch_cmd) return cmd_fetch(sources_manifest, fetch_into, fetch_timeout);
  if (*replicate) {
    replicate_options.data_dir = data;
    return cmd_replicate(replicate_options, token_file, replicate_interval);
  }
  if (*export_cmd) return cmd_export(data, format, out_path);
  regkg::ingest::IngestOptions ingest_options;
  for (const auto& c : corpora) ingest_options.corpora.emplace_back(c);
  ingest_options.data_dir = data;
  ingest_options.strict = strict;
  ingest_options.threads = threads;
  ingest_options.full = full;
  ingest_options.keep = keep;
  if (*ingest) return cmd_ingest(ingest_options, dictionaries);
  if (*watch) return cmd_watch(ingest_options, dictionaries, watch_interval, watch_debounce);
  if (*serve) {
    regkg::server::ServerConfig config;
    config.host = host;
    config.port = port;
    config.threads = serve_threads;
    config.access_log = access_log;
    config.cache_bytes = cache_mb << 20;
    config.cors_origin = cors_origin;
    config.read_timeout = std::chrono::milliseconds(static_cast<long>(read_timeout_seconds * 1000));
    config.request_timeout =
        std::chrono::milliseconds(static_cast<long>(request_timeout_seconds * 1000));
    config.max_connections_per_client = max_client_connections;
    config.admin_max_failures = admin_max_failures;
    config.search_time_budget = std::chrono::milliseconds(search_time_budget_ms);
    config.slow_search_slots = slow_search_slots;
    config.slow_search_cost = slow_search_cost;
    config.heavy_route_slots = heavy_route_slots;
    if (!remote_shards.empty()) {
      try {
        config.remote_shards.shards = regkg::index::parse_remote_shards(remote_shards);
      } catch (const std::invalid_argument& e) {
        std::cerr << "regkg serve: error: --remote-shards: " << e.what() << std::endl;
        return 2;
      }
      if (!follow_corpora.empty()) {
        std::cerr << "regkg serve: error: --remote-shards and --follow do not go together (the "
                     "follower writes the index here, the shards serve theirs)"
                  << std::endl;
        return 2;
      }
      config.remote_shards.timeout_ms = static_cast<unsigned>(remote_timeout * 1000);
      config.remote_shards.connect_timeout_ms =
          static_cast<unsigned>(remote_connect_timeout * 1000);
    }
    regkg::ingest::FollowOptions follow;
    if (!follow_corpora.empty()) {
      follow.ingest = ingest_options;
      follow.ingest.corpora.clear();
      for (const auto& c : follow_corpora) follow.ingest.corpora.emplace_back(c);
      follow.ingest.dictionaries_dir =
          dictionaries.empty() ? project_path("corpus/dictionaries") : fs::path(dictionaries);
      follow.watch.interval = std::chrono::milliseconds(static_cast<long>(follow_interval * 1000));
      follow.watch.debounce = std::chrono::milliseconds(static_cast<long>(follow_debounce * 1000));
    }
    return cmd_serve(data, config, web, admin_token_file, watch_seconds, std::move(follow));
  }
  if (*search) return cmd_search(data, query, limit, explain);
  return 0;
}
