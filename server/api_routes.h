// The JSON API's routes, listed once: the server registers exactly these, and the OpenAPI
// document (openapi_document.cpp) must describe exactly these (a test compares the two).
#pragma once

#include <string>
#include <vector>

#include "server/handlers.h"

namespace regkg::server {

using RouteHandler = void (*)(const HandlerContext&, const httplib::Request&, httplib::Response&);

struct ApiRoute {
  const char* pattern;       // cpp-httplib regex pattern
  const char* openapi_path;  // the same route as an OpenAPI path template
  RouteHandler handler;
  bool cacheable;              // answers depend only on the snapshot and the query string
  const char* method = "GET";  // GET or POST
  bool admin = false;          // needs the admin bearer token; off when none is configured
};

// In registration order (more specific patterns first).
const std::vector<ApiRoute>& api_routes();

// The OpenAPI 3 document of the routes (JSON text).
const std::string& openapi_document();

void handle_openapi(const HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace regkg::server
