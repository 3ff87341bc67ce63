// What one route of the JSON API declares, once: method, path template, operationId, summary, its
// typed parameters (with limits, choices, defaults), its answer's schema and its error statuses.
// The route table (api_routes.cpp) is a list of these; from it the server validates every request
// before the handler runs (RequestParams), registers the routes in an order that does not depend
// on the table's, and generates /api/v1/openapi.json (openapi_document.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace regkg::server {

struct HandlerContext;
class RequestParams;

enum class ParamType {
  string,   // any UTF-8 text up to max_bytes
  integer,  // a whole number in [min, max]
  boolean,  // true or false
  date,     // a real calendar date YYYY-MM-DD
  choice,   // one of `choices` ("a|b|c")
  list,     // comma-separated values (empty items dropped), up to max_bytes in all
};

struct ParamSpec {
  const char* name;
  ParamType type;
  const char* description;
  bool in_path = false;   // a {name} placeholder of the path (not validated here: the handler
                          // checks it, since what a valid id is depends on the route)
  bool required = false;  // absent or empty: 400 missing_parameter naming it
  std::uint64_t min = 0, max = std::numeric_limits<std::uint32_t>::max();  // integer
  std::uint64_t default_number = 0;                                        // integer
  const char* default_text = nullptr;  // string, choice, list, boolean: used when absent or empty
  const char* choices = nullptr;       // choice ("a|b|c"), and list items when all are known
  std::size_t max_bytes = 256;         // string, list
  const char* example = nullptr;
};

using RouteHandler = void (*)(const HandlerContext&, const RequestParams&, httplib::Response&);

struct RouteSpec {
  const char* method;  // GET or POST
  const char* path;    // OpenAPI path template: /api/v1/nodes/{id}; {id} matches one or more chars
  const char* operation_id;
  const char* summary;
  RouteHandler handler;
  std::vector<ParamSpec> params;
  // The answer: its description, media type and schema in the notation of schema_notation.h
  // ("{total: integer, results: [SearchHit]}"); an empty schema for non-JSON answers.
  const char* answer;
  const char* media_type;
  const char* schema;
  std::vector<int> errors = {};  // statuses besides 200, 400 and 500 (404, 409, 503 …)
  bool cacheable = false;        // the answer depends only on the snapshot and the query string
  bool admin = false;            // needs the admin bearer token (401/403 added to errors)
  // Whether a request of this route is heavy work (an export, a large neighbourhood): it then
  // needs a slot of the work gate's heavy lane (server/work_gate.h; 503 busy when all are held).
  // Null: never heavy.
  bool (*heavy)(const RequestParams&) = nullptr;
};

// The parameters of one request, validated against its route (construction throws ApiError:
// 400 for an unknown parameter, naming it and listing the route's, or a bad, missing or
// out-of-range one, naming it). Accessors take a declared name of the matching type; any other
// name is a programmer error (std::logic_error, a 500). Not thread-safe; lives for one request.
class RequestParams {
 public:
  RequestParams(const RouteSpec& route, const httplib::Request& req);
  RequestParams(const RequestParams&) = delete;
  RequestParams& operator=(const RequestParams&) = delete;

  // The value given, else the declared default, else "" (string, date, choice, list, path; for
  // an integer, the value as the request wrote it, "" when absent).
  const std::string& text(std::string_view name) const;
  std::uint64_t integer(std::string_view name) const;  // the value, else the declared default
  bool boolean(std::string_view name) const;
  std::vector<std::string> list(std::string_view name) const;
  // Whether the request named the parameter (even with an empty value).
  bool given(std::string_view name) const;
  // For what needs the raw request: paging cursors (they fingerprint the query), feed links.
  const httplib::Request& request() const { return req_; }

 private:
  struct Value {
    const ParamSpec* spec = nullptr;
    bool given = false;
    std::string text;
    std::uint64_t number = 0;
  };
  const Value& value(std::string_view name, std::initializer_list<ParamType> types) const;
  const httplib::Request& req_;
  std::vector<Value> values_;
};

// The regular expression of a path template: literal parts escaped, each {name} as (.+).
std::string path_pattern(const std::string& path_template);
// The routes in the order to try them: literal paths first, then templates with more literal
// characters before those with fewer (so /nodes/{id}/neighbors is tried before /nodes/{id}),
// ties by path. The result does not depend on the order of `routes`.
std::vector<const RouteSpec*> match_order(const std::vector<RouteSpec>& routes);
// The route that answers METHOD PATH when registered in match_order (null when none), with the
// placeholder's value in `*captured` when given.
const RouteSpec* match_route(const std::vector<RouteSpec>& routes, std::string_view method,
                             const std::string& path, std::string* captured = nullptr);

}  // namespace regkg::server
