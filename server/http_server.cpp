// HttpServer: routing, the single error mapping, static files with security headers.
#include "server/http_server.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "server/admin_auth.h"
#include "server/api_error.h"
#include "server/api_routes.h"
#include "server/guarded_server.h"
#include "server/handlers.h"
#include "server/request_screen.h"
#include "server/response_encoding.h"
#include "server/work_gate.h"

namespace regkg::server {

namespace {

void set_error(httplib::Response& res, int status, const std::string& code,
               const std::string& message, const std::map<std::string, std::string>& details = {}) {
  res.status = status;
  // set_header adds a header: one already there (a file's type) would be sent twice.
  res.headers.erase("Content-Type");
  res.set_content(error_body(code, message, details), "application/json; charset=utf-8");
}

// Xapian's errors are not std::exception: a handler catching only those let them pass unlogged.
std::string xapian_error_text(const Xapian::Error& e) {
  return "Xapian::" + std::string(e.get_type()) + ": " + e.get_msg();
}

// W/"<snapshot id>-<hash of route and parameters>".
std::string entity_tag(const std::string& snapshot_id, const std::string& key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return "W/\"" + snapshot_id + "-" + hex + "\"";
}

ConnectionLimits connection_limits(const ServerConfig& config) {
  ConnectionLimits limits;
  unsigned threads = config.threads == 0 ? kDefaultWorkerThreads : config.threads;
  limits.read_timeout = config.read_timeout;
  limits.write_timeout = config.read_timeout;
  limits.request_timeout = config.request_timeout;
  // Set explicitly, the cap holds for every client; by default only for remote ones.
  limits.max_connections_per_client = config.max_connections_per_client != 0
                                          ? config.max_connections_per_client
                                          : std::max(1u, threads * 3 / 4);
  if (config.max_connections_per_client != 0)
    limits.max_connections_per_loopback_client = config.max_connections_per_client;
  limits.keep_alive_timeout = std::chrono::seconds(5);
  limits.keep_alive_max_count = 1000;
  return limits;
}

}  // namespace

HttpServer::HttpServer(ServerConfig config, std::shared_ptr<const snapshot::Snapshot> snapshot)
    : config_(std::move(config)),
      snapshots_(std::move(snapshot)),
      admin_failures_(config_.admin_max_failures, std::chrono::seconds(60)),
      http_(std::make_unique<GuardedServer>(connection_limits(config_))),
      cache_(std::make_unique<ResponseCache>(config_.cache_bytes)),
      gate_(std::make_unique<WorkGate>(config_.slow_search_slots, config_.heavy_route_slots)),
      started_(std::chrono::steady_clock::now()) {
  if (!config_.data_dir.empty())
    reloader_ = std::make_unique<SnapshotReloader>(
        config_.data_dir, snapshots_, config_.searcher_pool_size,
        config_.log ? *config_.log : std::cerr, config_.remote_shards);
  install_routes();
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::install_routes() {
  std::ostream* log = config_.log ? config_.log : &std::cerr;
  unsigned threads = config_.threads;
  // cpp-httplib serves one connection per worker for as long as the client keeps it alive, so the
  // pool is sized for concurrent connections, not cores (searches queue on the Searcher's pool).
  if (threads == 0) threads = kDefaultWorkerThreads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Timeouts, keep-alive and connection caps are GuardedServer's (connection_limits above).
  http_->set_tcp_nodelay(true);
  http_->set_payload_max_length(64 * 1024);
  http_->set_keep_alive_max_count(1000);  // for the Keep-Alive header httplib writes
  http_->set_keep_alive_timeout(5);

  std::mutex* log_mutex = &log_mutex_;
  // Every route goes through here: one snapshot per request, the response cache for cacheable
  // routes, and the one mapping from exceptions to JSON errors.
  // Parameters are validated against the route's row before its handler runs.
  auto wrap = [this, log, log_mutex](const RouteSpec& route) {
    return [this, &route, log, log_mutex](const httplib::Request& req, httplib::Response& res) {
      const bool cacheable = route.cacheable, admin = route.admin;
      HandlerContext ctx{snapshots_.get(),
                         started_,
                         reloader_.get(),
                         &health_,
                         gate_.get(),
                         config_.search_time_budget,
                         config_.slow_search_cost};
      // However this request ends, its answer is compressed only if small enough (and never when
      // streamed). httplib reads the request's Accept-Encoding when it writes the answer; the
      // request is a local of its process_request, not const there (see the error handler).
      struct CodingLimit {
        const httplib::Request& req;
        const httplib::Response& res;
        ~CodingLimit() { limit_response_coding(const_cast<httplib::Request&>(req), res); }
      } coding_limit{req, res};
      res.set_header("Cache-Control", "no-cache");
      res.set_header("X-Content-Type-Options", "nosniff");
      if (admin) {
        // Off without a configured token; otherwise the token or nothing (401, not 403, so
        // clients know to authenticate). The token is never logged.
        if (config_.admin_token.empty()) {
          set_error(res, 403, "admin_disabled",
                    "admin routes are off: start the server with --admin-token-file or "
                    "REGKG_ADMIN_TOKEN");
          return;
        }
        // Too many failures from this address lately: refused before the token is looked at.
        if (auto wait = admin_failures_.retry_after(req.remote_addr); wait.count() > 0) {
          res.set_header("Retry-After", std::to_string(wait.count()));
          set_error(res, 429, "too_many_failures",
                    "too many failed admin authentications from this address; retry in " +
                        std::to_string(wait.count()) + " s",
                    {{"retry_after", std::to_string(wait.count())}});
          return;
        }
        if (!bearer_token_matches(config_.admin_token, req.get_header_value("Authorization"))) {
          admin_failures_.record_failure(req.remote_addr);
          res.set_header("WWW-Authenticate", "Bearer realm=\"regkg admin\"");
          set_error(res, 401, "unauthorized", "a valid admin bearer token is required");
          return;
        }
      }
      // Cross-origin reads are for the public API; an admin answer is never shared with a page.
      if (!admin && !config_.cors_origin.empty())
        res.set_header("Access-Control-Allow-Origin", config_.cors_origin);
      std::string key;
      if (cacheable) {
        // Length-prefixed fields: no value can pass for another parameter (make_cache_key).
        key = make_cache_key(ctx.snapshot->id, req.path, req.params);
        // The answer depends only on the snapshot and the key: its ETag says so, and a client
        // holding it gets a 304 without any work.
        std::string etag = entity_tag(ctx.snapshot->id, key);
        res.set_header("ETag", etag);
        if (req.has_header("If-None-Match") && req.get_header_value("If-None-Match") == etag) {
          res.status = 304;
          return;
        }
        if (auto body = cache_->get(key)) {
          res.set_content(*body, "application/json; charset=utf-8");
          return;
        }
      }
      try {
        RequestParams params(route, req);
        // Heavy work holds a slot of the gate's heavy lane until its answer is sent: a streamed
        // answer keeps it in its content provider's releaser, run when httplib is done with it.
        WorkGate::Ticket slot;
        if (route.heavy && route.heavy(params)) slot = gate_->enter(WorkGate::Lane::heavy_route);
        route.handler(ctx, params, res);
        if (slot && res.content_provider_) {
          auto release = std::move(res.content_provider_resource_releaser_);
          res.content_provider_resource_releaser_ = [release, slot](bool success) {
            if (release) release(success);
          };
        }
        // Only JSON answers are cached (a CSV export carries its own headers).
        if (cacheable && res.status <= 200 &&
            res.get_header_value("Content-Type").rfind("application/json", 0) == 0)
          cache_->put(key, std::make_shared<const std::string>(res.body));
      } catch (const ApiError& e) {
        // A refusal for now (busy, too many failures) says when to come back.
        if (auto it = e.details().find("retry_after"); it != e.details().end())
          res.set_header("Retry-After", it->second);
        set_error(res, e.status(), e.code(), e.what(), e.details());
      } catch (const index::ShardUnavailableError& e) {
        shard_unavailable(req, res, e);
      } catch (const std::exception& e) {
        internal_error(req, res, ctx, e.what());
      } catch (const Xapian::Error& e) {
        internal_error(req, res, ctx, xapian_error_text(e));
      } catch (...) {
        internal_error(req, res, ctx, "an exception of unknown type");
      }
    };
  };

  // httplib tries patterns in registration order: register them by specificity (match_order),
  // so that no row of the table can swallow another whatever the table's order.
  for (const RouteSpec* route : match_order(api_routes())) {
    const std::string pattern = path_pattern(route->path);
    if (std::string(route->method) == "POST")
      http_->Post(pattern, wrap(*route));
    else
      http_->Get(pattern, wrap(*route));
  }

  // Static UI: only files under web_dir (httplib refuses paths with '..' segments).
  if (!config_.web_dir.empty()) {
    if (!http_->set_mount_point("/", config_.web_dir.string()))
      throw std::runtime_error(config_.web_dir.string() + ": error: web directory not found");
    http_->set_file_extension_and_mimetype_mapping("js", "text/javascript");
    http_->set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
      res.set_header("X-Content-Type-Options", "nosniff");
      // httplib answers 206 whenever a Range header is present; only an honoured range is. The
      // one range left (restrict_ranges) is fitted to the file, or refused with its size.
      auto& ranges_req = const_cast<httplib::Request&>(req);  // a local of process_request
      if (!resolve_file_range(ranges_req, res.body.size())) {
        const std::string size = std::to_string(res.body.size());
        ranges_req.ranges.clear();
        res.set_header("Content-Range", "bytes */" + size);
        set_error(res, 416, "range_not_satisfiable",
                  "the range asked for lies outside the file (" + size + " bytes)");
        return;
      }
      res.status = ranges_req.ranges.empty() ? 200 : 206;
      // An empty file has nothing to stream (a provider of length 0 would never finish).
      if (res.body.empty()) return;
      res.set_header(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      res.set_header("Referrer-Policy", "no-referrer");
      // Hand the file over as a sized content provider: httplib then sends it as is. Left as a
      // body, it is Brotli-compressed per request at quality 11, which took 1.8 s for the 441 KB
      // cytoscape.js on this machine (the UI's slowest step); uncompressed it is ~10 ms.
      auto file = std::make_shared<std::string>(std::move(res.body));
      res.body.clear();
      std::string type = res.get_header_value("Content-Type");
      res.headers.erase("Content-Type");
      res.set_content_provider(file->size(), type.empty() ? "application/octet-stream" : type,
                               [file](size_t offset, size_t length, httplib::DataSink& sink) {
                                 if (offset > file->size()) return false;
                                 return sink.write(file->data() + offset,
                                                   std::min(length, file->size() - offset));
                               });
    });
  }

  // Before routing: malformed targets, bodies on GET, static paths leaving web/ (request_screen.h).
  std::filesystem::path web_root;
  if (!config_.web_dir.empty()) web_root = std::filesystem::canonical(config_.web_dir);
  http_->set_pre_routing_handler([web_root](const httplib::Request& req, httplib::Response& res) {
    auto refusal = screen_request(req, web_root);
    if (!refusal) {
      // Ranges are honoured on static files only, one at a time (request_screen.h). The request
      // is a local of httplib's process_request, not const there (see the error handler).
      restrict_ranges(const_cast<httplib::Request&>(req));
      return httplib::Server::HandlerResponse::Unhandled;
    }
    set_error(res, refusal->status(), refusal->code(), refusal->what(), refusal->details());
    res.set_header("X-Content-Type-Options", "nosniff");
    // An unread body must not be taken for the next request on this connection.
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  });

  // Every error status leaves as a JSON error body, including httplib's own (404, 400, 413 …).
  http_->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                   httplib::Response& res) {
    // httplib applies a Range header to whatever the error handler answers, which cut the JSON
    // error body to a fragment (found by fuzz_http_request). An error is always sent whole: drop
    // the ranges. The request is not const in httplib (a local of process_request), so the cast
    // is well defined.
    const_cast<httplib::Request&>(req).ranges.clear();
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("X-Content-Type-Options", "nosniff");
    // Only GET, HEAD and POST have routes: any other method is refused as such, not as 404.
    if (res.status == 404 && req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      res.set_header("Allow", "GET, HEAD, POST");
      set_error(res, 405, code_for_status(405),
                "method " + req.method + " is not allowed; this server answers GET, HEAD and POST");
      return httplib::Server::HandlerResponse::Handled;
    }
    std::string message = res.status == 404
                              ? "no route or file for " + req.path
                              : "request failed with HTTP status " + std::to_string(res.status);
    set_error(res, res.status, code_for_status(res.status), message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http_->set_exception_handler(
      [log, log_mutex](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (const Xapian::Error& e) {
          what = xapian_error_text(e);
        } catch (...) {
        }
        {
          std::lock_guard<std::mutex> lock(*log_mutex);
          *log << "error: " << req.method << ' ' << req.path << ": " << what << std::endl;
        }
        set_error(res, 500, "internal_error", "internal error while answering this request");
      });
  // Last look at every answer httplib writes (after its ranges and before its headers): an error
  // is never stored by a cache, and a 206 without an honoured range is a 200.
  http_->set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status >= 400) {
      res.headers.erase("Cache-Control");
      res.set_header("Cache-Control", "no-store");
    }
    if (res.status == 206 && req.ranges.empty()) res.status = 200;
  });
  if (config_.access_log)
    http_->set_logger([log, log_mutex](const httplib::Request& req, const httplib::Response& res) {
      std::lock_guard<std::mutex> lock(*log_mutex);
      *log << req.remote_addr << ' ' << req.method << ' ' << req.path << ' ' << res.status << '\n';
    });
}

void HttpServer::internal_error(const httplib::Request& req, httplib::Response& res,
                                const HandlerContext& ctx, const std::string& what) {
  {
    std::lock_guard<std::mutex> lock(log_mutex_);
    std::ostream& log = config_.log ? *config_.log : std::cerr;
    log << "error: " << req.method << ' ' << req.path << ": " << what << std::endl;
  }
  health_.record_internal_error(ctx.snapshot->id);
  set_error(res, 500, "internal_error", "internal error while answering this request");
}

void HttpServer::shard_unavailable(const httplib::Request& req, httplib::Response& res,
                                   const index::ShardUnavailableError& e) {
  {
    std::lock_guard<std::mutex> lock(log_mutex_);
    std::ostream& log = config_.log ? *config_.log : std::cerr;
    log << "error: " << req.method << ' ' << req.path << ": " << e.what() << std::endl;
  }
  // Not the server's fault and not for ever: 503, with the shard, and a hint when to retry (the
  // next search opens new connections, so a restarted shard is used again at once).
  res.set_header("Retry-After", "1");
  set_error(res, 503, "shard_unavailable", e.what(), {{"shard", e.shard()}});
}

int HttpServer::bind() {
  if (config_.port == 0)
    port_ = http_->bind_to_any_port(config_.host);
  else
    port_ = http_->bind_to_port(config_.host, config_.port) ? config_.port : -1;
  if (port_ < 0)
    throw std::runtime_error("error: cannot listen on " + config_.host + ":" +
                             std::to_string(config_.port) + " (in use, or not a local address?)");
  http_->set_listen_backlog(1024);
  return port_;
}

void HttpServer::run() {
  if (reloader_) reloader_->start_watching(config_.watch_interval);
  http_->listen_after_bind();
}

std::string HttpServer::answer_in_memory(std::string_view request) {
  return http_->answer_in_memory(request);
}

void HttpServer::stop() {
  if (reloader_) reloader_->stop();
  if (http_ && http_->is_running()) http_->stop();
}

}  // namespace regkg::server
