// The JSON API's route handlers, one per route, named after it. Each reads one snapshot for the
// whole request and throws ApiError for bad input; HttpServer maps errors to responses.
#pragma once

#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>

#include "server/snapshot_holder.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace regkg::server {

// What a handler may use: the snapshot taken once for the whole request (a reload during the
// request does not affect it) and the server's start time.
class SnapshotReloader;

struct HandlerContext {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  std::chrono::steady_clock::time_point started;
  SnapshotReloader* reloader = nullptr;  // null when the server does not know its data directory
};

// Throws a 400 naming the first query parameter of `req` that is not in `allowed`.
void reject_unknown_params(const httplib::Request& req, std::initializer_list<const char*> allowed);

void handle_search(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_node(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_healthz(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_obligations(const HandlerContext& ctx, const httplib::Request& req,
                        httplib::Response& res);
void handle_actor(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_citations(const HandlerContext& ctx, const httplib::Request& req,
                      httplib::Response& res);
void handle_neighbors(const HandlerContext& ctx, const httplib::Request& req,
                      httplib::Response& res);
void handle_neighborhood(const HandlerContext& ctx, const httplib::Request& req,
                         httplib::Response& res);
void handle_paths(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_citations_graph(const HandlerContext& ctx, const httplib::Request& req,
                            httplib::Response& res);
void handle_rankings_cited(const HandlerContext& ctx, const httplib::Request& req,
                           httplib::Response& res);
void handle_admin_reload(const HandlerContext& ctx, const httplib::Request& req,
                         httplib::Response& res);
void handle_admin_snapshot(const HandlerContext& ctx, const httplib::Request& req,
                           httplib::Response& res);
void handle_admin_snapshot_file(const HandlerContext& ctx, const httplib::Request& req,
                                httplib::Response& res);
void handle_feed(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_citations_unresolved(const HandlerContext& ctx, const httplib::Request& req,
                                 httplib::Response& res);
// GET /api/v1/suggest (handle_suggest.cpp): instrument and actor names for the search page.
void handle_suggest(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
// Versions and diffs: handle_instrument.cpp, handle_diff.cpp.
void handle_instrument(const HandlerContext& ctx, const httplib::Request& req,
                       httplib::Response& res);
void handle_diff(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
// Streams its answer (chunked); never cached.
void handle_export(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);

// Limits, shared with the OpenAPI document and tests.
inline constexpr unsigned kSearchDefaultLimit = 20;
inline constexpr unsigned kSearchMaxLimit = 100;
inline constexpr unsigned kSearchMaxOffset = 10000;
inline constexpr unsigned kQueryMaxBytes = 1000;
inline constexpr unsigned kEdgesDefaultLimit = 20;
inline constexpr unsigned kEdgesMaxLimit = 500;
inline constexpr unsigned kListMaxLimit = 1000;
inline constexpr unsigned kCsvMaxRows = 200000;
inline constexpr unsigned kSuggestDefaultLimit = 10;
inline constexpr unsigned kSuggestMaxLimit = 50;
inline constexpr unsigned kSuggestMaxQueryBytes = 200;

}  // namespace regkg::server
