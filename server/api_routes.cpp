// The route table.
#include "server/api_routes.h"

#include <httplib.h>

namespace regkg::server {

const std::vector<ApiRoute>& api_routes() {
  static const std::vector<ApiRoute> routes = {
      {"/healthz", "/healthz", handle_healthz, false},
      {"/api/v1/openapi.json", "/api/v1/openapi.json", handle_openapi, false},
      {"/api/v1/search", "/api/v1/search", handle_search, true},
      // Before /api/v1/nodes/(.+), which would otherwise swallow it.
      {R"(/api/v1/nodes/(.+)/neighbors)", "/api/v1/nodes/{id}/neighbors", handle_neighbors, true},
      {R"(/api/v1/nodes/(.+))", "/api/v1/nodes/{id}", handle_node, true},
      {"/api/v1/neighborhood", "/api/v1/neighborhood", handle_neighborhood, true},
      {"/api/v1/paths", "/api/v1/paths", handle_paths, true},
      {"/api/v1/obligations", "/api/v1/obligations", handle_obligations, true},
      // Versions and diffs (issue 7).
      {R"(/api/v1/instruments/(.+))", "/api/v1/instruments/{id}", handle_instrument, true},
      {"/api/v1/diff", "/api/v1/diff", handle_diff, true},
      {R"(/api/v1/actors/(.+))", "/api/v1/actors/{id}", handle_actor, true},
      {"/api/v1/citations/graph", "/api/v1/citations/graph", handle_citations_graph, true},
      {"/api/v1/citations/unresolved", "/api/v1/citations/unresolved", handle_citations_unresolved,
       true},
      {"/api/v1/citations", "/api/v1/citations", handle_citations, true},
      {"/api/v1/rankings/cited", "/api/v1/rankings/cited", handle_rankings_cited, true},
      {"/feed.atom", "/feed.atom", handle_feed, true},
      {"/api/v1/admin/reload", "/api/v1/admin/reload", handle_admin_reload, false, "POST", true},
      {"/api/v1/admin/snapshot/file", "/api/v1/admin/snapshot/file", handle_admin_snapshot_file,
       false, "GET", true},
      {"/api/v1/admin/snapshot", "/api/v1/admin/snapshot", handle_admin_snapshot, false, "GET",
       true},
      {"/api/v1/suggest", "/api/v1/suggest", handle_suggest, true},
      // Streamed, possibly hundreds of MB: never in the response cache.
      {"/api/v1/export", "/api/v1/export", handle_export, false},
  };
  return routes;
}

void handle_openapi(const HandlerContext&, const httplib::Request& req, httplib::Response& res) {
  reject_unknown_params(req, {});
  res.set_content(openapi_document(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
