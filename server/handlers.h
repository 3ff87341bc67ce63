// What the JSON API's route handlers share: their context and the limits of their parameters.
// The handlers (handle_*.cpp, one per route, named after it) are declared with the route table
// (api_routes.cpp), which validates each request's parameters before the handler runs. Each reads
// one snapshot for the whole request and throws ApiError for bad input; HttpServer maps errors
// to responses.
#pragma once

#include <chrono>
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
class ServiceHealth;
class WorkGate;

struct HandlerContext {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  std::chrono::steady_clock::time_point started;
  SnapshotReloader* reloader = nullptr;   // null when the server does not know its data directory
  const ServiceHealth* health = nullptr;  // internal errors so far (for /healthz); may be null
  WorkGate* gate = nullptr;  // slots for slow searches and heavy routes; null = not limited
  std::chrono::milliseconds search_time_budget{0};  // per search; 0 = none
  double slow_search_cost = 0;  // searches estimated to cost this or more need a slow-lane slot
};

// Limits: the route table's parameters use them, so validation and the OpenAPI document agree.
inline constexpr unsigned kSearchDefaultLimit = 20;
inline constexpr unsigned kSearchMaxLimit = 100;
inline constexpr unsigned kSearchMaxOffset = 10000;
inline constexpr unsigned kQueryMaxBytes = 1000;
inline constexpr unsigned kEdgesDefaultLimit = 20;
inline constexpr unsigned kEdgesMaxLimit = 500;
inline constexpr unsigned kListMaxLimit = 1000;
inline constexpr unsigned kListMaxOffset = 10000000;
inline constexpr unsigned kNodeMaxOffset = 1000000;
inline constexpr unsigned kCsvMaxRows = 200000;
inline constexpr unsigned kSuggestDefaultLimit = 10;
inline constexpr unsigned kSuggestMaxLimit = 50;
inline constexpr unsigned kSuggestMaxQueryBytes = 200;

}  // namespace regkg::server
