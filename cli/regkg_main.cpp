// regkg: the command-line entry point. Each subcommand only parses options and calls a library
// (ingest/, server/, index/); no logic lives here.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include <fstream>

#include "fetch/fetch_run.h"
#include "graph/graph_export.h"
#include "index/searcher.h"
#include "ingest/ingest_pipeline.h"
#include "server/http_server.h"
#include "snapshot/snapshot.h"

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
// (build/regkg -> ../web), then the source tree it was built from.
fs::path project_path(const char* relative) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path base : {exe.parent_path().parent_path(), exe.parent_path()}) {
      fs::path p = base / relative;
      if (fs::exists(p, ec)) return p;
    }
  }
  return fs::path(REGKG_SOURCE_DIR) / relative;
}

// Xapian handles per snapshot: searches are CPU-bound, so a few per core is enough; requests
// beyond that wait for a free handle.
size_t searcher_pool_size() { return std::max(4u, 2 * std::thread::hardware_concurrency()); }

int cmd_ingest(const std::vector<std::string>& corpora, const std::string& data, bool strict,
               unsigned threads, const std::string& dictionaries) {
  regkg::ingest::IngestOptions options;
  for (const auto& c : corpora) options.corpora.emplace_back(c);
  options.data_dir = data;
  options.strict = strict;
  options.threads = threads;
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
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\nregkg ingest: failed; the previous snapshot (if any) stays current"
              << std::endl;
    return 1;
  }
}

int cmd_serve(const std::string& data, const std::string& host, int port, const std::string& web,
              unsigned threads, bool access_log, size_t cache_mb, const std::string& cors_origin) {
  std::shared_ptr<const regkg::snapshot::Snapshot> snap;
  try {
    snap = regkg::snapshot::open_current_snapshot(data, searcher_pool_size());
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  regkg::server::ServerConfig config;
  config.host = host;
  config.port = port;
  config.web_dir = web.empty() ? project_path("web") : fs::path(web);
  config.threads = threads;
  config.access_log = access_log;
  config.cache_bytes = cache_mb << 20;
  config.cors_origin = cors_origin;
  try {
    regkg::server::HttpServer server(config, snap);
    int bound = server.bind();
    std::cout << "regkg serve: snapshot " << snap->id << " (" << snap->graph->node_count()
              << " nodes, " << snap->searcher->document_count() << " documents) at http://" << host
              << ":" << bound << "/" << std::endl;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGHUP, on_signal);
    std::thread control([&] {
      while (!g_stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (g_reload.exchange(false)) {
          try {
            auto next = regkg::snapshot::open_current_snapshot(data, searcher_pool_size());
            server.snapshots().swap(next);
            std::cerr << "regkg serve: reloaded, now serving snapshot " << next->id << std::endl;
          } catch (const std::exception& e) {
            std::cerr << "regkg serve: reload refused, still serving the previous snapshot: "
                      << e.what() << std::endl;
          }
        }
      }
      server.stop();
    });
    server.run();
    g_stop = true;
    control.join();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
}

int cmd_search(const std::string& data, const std::string& query, unsigned limit) {
  try {
    auto snap = regkg::snapshot::open_current_snapshot(data, 1);
    regkg::index::SearchRequest req;
    req.query = query;
    req.limit = limit;
    auto result = snap->searcher->search(req);
    std::cout << result.total << " matches for " << query << '\n';
    for (const auto& hit : result.hits)
      std::cout << hit.id << "\t" << hit.title << "\n    " << hit.snippet << '\n';
    return 0;
  } catch (const regkg::index::QuerySyntaxError& e) {
    std::cerr << "error: query syntax: " << e.what() << std::endl;
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
      "Example:\n  regkg ingest --corpus ../shared/corpus --data data\n"
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
      "Example:\n  regkg ingest --corpus ../shared/corpus --data data");
  ingest->add_option("--corpus", corpora, "Corpus directory, read recursively (repeatable)")
      ->required();
  ingest->add_option("--data", data, "Data directory holding the snapshots")->capture_default_str();
  ingest->add_flag("--strict", strict, "Treat any error as fatal: commit nothing");
  ingest->add_option("--threads", threads, "Parser threads (0 = one per core)");
  ingest->add_option(
      "--dictionaries", dictionaries,
      "Folder with actors.json and instruments.json (default: the project's corpus/dictionaries)");

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

  std::string cors_origin;
  serve->add_option("--cors-origin", cors_origin,
                    "Allow cross-origin GETs from this origin ('*' for any); off by default");

  std::string query;
  unsigned limit = 10;
  auto* search = app.add_subcommand(
      "search",
      "Search the current snapshot from the command line (Xapian query syntax).\n\n"
      "Example:\n  regkg search --data data '安全评估'");
  search->add_option("--data", data, "Data directory holding the snapshots")->capture_default_str();
  search->add_option("query", query, "The query")->required();
  search->add_option("--limit", limit, "Results to show")->capture_default_str();

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
      "  regkg ingest --corpus ../shared/corpus --corpus fetched --data data");
  fetch_cmd->add_option("--sources", sources_manifest,
                        "The sources manifest (default: the project's corpus/sources.json)");
  fetch_cmd->add_option("--into", fetch_into, "Output folder (created; holds the fetch state)")
      ->required();
  fetch_cmd->add_option("--timeout", fetch_timeout, "Connect and read time limit, seconds")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 600.0));

  CLI11_PARSE(app, argc, argv);
  if (*fetch_cmd) return cmd_fetch(sources_manifest, fetch_into, fetch_timeout);
  if (*export_cmd) return cmd_export(data, format, out_path);
  if (*ingest) return cmd_ingest(corpora, data, strict, threads, dictionaries);
  if (*serve)
    return cmd_serve(data, host, port, web, serve_threads, access_log, cache_mb, cors_origin);
  if (*search) return cmd_search(data, query, limit);
  return 0;
}
