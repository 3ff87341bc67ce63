// The regkg HTTP server: JSON API under /api/v1, /healthz, and the static web UI from web/.
// Owns the cpp-httplib server and its worker pool; routes call the handlers in handlers.h.
// All errors leave through one mapping (ApiError -> its status; anything else -> 500, logged).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "server/admin_auth.h"
#include "server/response_cache.h"
#include "server/service_health.h"
#include "server/snapshot_holder.h"
#include "server/snapshot_reloader.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace regkg::server {

inline constexpr unsigned kDefaultWorkerThreads = 64;

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;                // 0 = any free port (see HttpServer::port())
  std::filesystem::path web_dir;  // static files; empty = no UI
  unsigned threads = 0;           // worker threads (= concurrent connections); 0 = 64
  bool access_log = false;
  size_t cache_bytes = 64u << 20;  // response cache (search and node answers); 0 = off
  std::string cors_origin;         // Access-Control-Allow-Origin on API answers; "" = none
  std::ostream* log = nullptr;     // errors and (optionally) access lines; nullptr = std::cerr
  // Reloading: the data directory whose CURRENT the server follows ("" = no reloads), how often
  // to poll it (0 = only on SIGHUP / POST /api/v1/admin/reload), and the Xapian handles per
  // snapshot opened on reload.
  std::filesystem::path data_dir;
  std::chrono::milliseconds watch_interval{1000};
  size_t searcher_pool_size = 4;
  std::string admin_token;  // bearer token of the admin routes; "" = admin routes off
  // Failed admin authentications one client address may make per minute; then 429 until the
  // oldest leaves the minute (0 = no limit).
  unsigned admin_max_failures = 5;
  // Connection guards against slow and greedy clients (see guarded_server.h): the longest wait
  // for one read, the time a whole request may take to arrive, and the connections one client
  // address may hold (0 = three quarters of the worker threads for remote clients, so others
  // always find a worker, and no cap for loopback clients; a set value holds for every client).
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds request_timeout{20000};
  unsigned max_connections_per_client = 0;
  // Remote index shards (xapian-tcpsrv) that snapshots opened on reload search; empty = the
  // snapshot's own index on disk. A search that cannot reach one is answered 503
  // shard_unavailable naming it.
  index::RemoteShards remote_shards;
  // The search budget and the work gate (index/query_budget.h, server/work_gate.h): the time one
  // search's match may take (0 = no limit), and the slots for searches the budget estimates slow
  // and for heavy routes (exports, large neighbourhoods and paths); 0 slots = that lane unlimited.
  std::chrono::milliseconds search_time_budget{1000};
  double slow_search_cost = index::kSlowSearchCost;  // from this estimate up a search is slow
  unsigned slow_search_slots = 2;
  unsigned heavy_route_slots = 2;
};

class GuardedServer;
struct HandlerContext;
class WorkGate;

class HttpServer {
 public:
  HttpServer(ServerConfig config, std::shared_ptr<const snapshot::Snapshot> snapshot);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the socket; returns the bound port. Throws std::runtime_error naming host:port on
  // failure.
  int bind();
  // Serves until stop(); call after bind().
  void run();
  void stop();
  int port() const { return port_; }
  SnapshotHolder& snapshots() { return snapshots_; }
  // Null when config.data_dir is empty.
  SnapshotReloader* reloader() { return reloader_.get(); }
  // Answers one raw HTTP request held in memory (request line, headers, body) through the same
  // parsing, routing and error mapping as a request on a socket; returns the raw response.
  // Needs no bind(). Thread-safe. Used by the request-layer fuzz target.
  std::string answer_in_memory(std::string_view request);

 private:
  void install_routes();
  // Logs an internal error (500) with the request and `what`, counts it for /healthz and answers.
  void internal_error(const httplib::Request& req, httplib::Response& res,
                      const HandlerContext& ctx, const std::string& what);
  // Logs a search that could not reach a remote index shard and answers 503 naming it.
  void shard_unavailable(const httplib::Request& req, httplib::Response& res,
                         const index::ShardUnavailableError& e);
  ServerConfig config_;
  SnapshotHolder snapshots_;
  ServiceHealth health_;
  AdminFailureLimiter admin_failures_;
  std::mutex log_mutex_;  // one log line at a time
  std::unique_ptr<GuardedServer> http_;
  std::unique_ptr<ResponseCache> cache_;
  std::unique_ptr<WorkGate> gate_;
  std::unique_ptr<SnapshotReloader> reloader_;
  std::chrono::steady_clock::time_point started_;
  int port_ = -1;
};

}  // namespace regkg::server
