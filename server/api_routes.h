// The JSON API's routes, described once (api_routes.cpp): the server registers exactly these and
// validates every request against its row before the handler runs; /api/v1/openapi.json is
// generated from them (openapi_document.cpp); tests hold the README's API table against them.
#pragma once

#include <string>
#include <vector>

#include "server/handlers.h"
#include "server/route_spec.h"

namespace regkg::server {

// In the order the document lists them (matching does not depend on it: see match_order).
const std::vector<RouteSpec>& api_routes();

// The OpenAPI 3 document of the routes (JSON text), generated once.
const std::string& openapi_document();

}  // namespace regkg::server
