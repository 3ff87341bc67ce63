// The JSON API's route handlers, one per route, named after it. Each reads one snapshot for the
// whole request and throws ApiError for bad input; HttpServer maps errors to responses.
#pragma once

#include <chrono>
#include <string>

#include "server/snapshot_holder.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace regkg::server {

struct HandlerContext {
  const SnapshotHolder& snapshots;
  std::chrono::steady_clock::time_point started;
};

void handle_search(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_node(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_healthz(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);

// Limits, shared with the OpenAPI document and tests.
inline constexpr unsigned kSearchDefaultLimit = 20;
inline constexpr unsigned kSearchMaxLimit = 100;
inline constexpr unsigned kSearchMaxOffset = 10000;
inline constexpr unsigned kQueryMaxBytes = 1000;
inline constexpr unsigned kEdgesDefaultLimit = 20;
inline constexpr unsigned kEdgesMaxLimit = 500;

}  // namespace regkg::server
