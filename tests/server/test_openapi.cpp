// The OpenAPI document and the route table agree: every route is documented and nothing else is.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "server/api_routes.h"

using namespace regkg::server;

TEST_SUITE("server") {
  TEST_CASE("openapi.json documents exactly the registered routes / each with its parameters") {
    rapidjson::Document doc;
    const std::string& text = openapi_document();
    doc.Parse(text.data(), text.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["openapi"].GetString()).rfind("3.", 0) == 0);
    std::set<std::string> documented, routed;
    for (const auto& path : doc["paths"].GetObject()) documented.insert(path.name.GetString());
    for (const ApiRoute& r : api_routes()) routed.insert(r.openapi_path);
    CHECK(documented == routed);
    CHECK(routed.size() == api_routes().size());  // no route listed twice
    std::map<std::string, std::string> methods;
    for (const ApiRoute& r : api_routes()) {
      std::string m = r.method;
      std::transform(m.begin(), m.end(), m.begin(), ::tolower);
      methods[r.openapi_path] = m;
      // Admin routes say they need the token; no other route does.
      CAPTURE(r.openapi_path);
      const auto& op = doc["paths"][r.openapi_path][m.c_str()];
      CHECK(op.HasMember("security") == r.admin);
      if (r.admin) CHECK(op["responses"].HasMember("401"));
    }
    for (const auto& path : doc["paths"].GetObject()) {
      CAPTURE(path.name.GetString());
      const std::string method = methods[path.name.GetString()];
      REQUIRE(path.value.HasMember(method.c_str()));
      CHECK(path.value.MemberCount() == 1);  // no undocumented or extra methods
      const auto& get = path.value[method.c_str()];
      CHECK(get["responses"].HasMember("200"));
      CHECK(get["responses"].HasMember("400"));
      // Path templates name their parameters.
      std::string p = path.name.GetString();
      if (p.find("{id}") != std::string::npos) {
        bool has_id = false;
        for (const auto& param : get["parameters"].GetArray())
          has_id = has_id || (std::string(param["name"].GetString()) == "id" &&
                              std::string(param["in"].GetString()) == "path");
        CHECK(has_id);
      }
    }
  }

  TEST_CASE("openapi.json lists the point-in-time / paging and export parameters") {
    rapidjson::Document doc;
    const std::string& text = openapi_document();
    doc.Parse(text.data(), text.size());
    REQUIRE_FALSE(doc.HasParseError());
    auto has_param = [&](const char* path, const char* name) {
      for (const auto& p : doc["paths"][path]["get"]["parameters"].GetArray())
        if (std::string(p["name"].GetString()) == name) return true;
      return false;
    };
    for (const char* path :
         {"/api/v1/search", "/api/v1/nodes/{id}", "/api/v1/nodes/{id}/neighbors",
          "/api/v1/neighborhood", "/api/v1/paths", "/api/v1/obligations", "/api/v1/actors/{id}",
          "/api/v1/citations", "/api/v1/citations/graph", "/api/v1/citations/unresolved",
          "/api/v1/rankings/cited", "/api/v1/export"}) {
      CAPTURE(path);
      CHECK(has_param(path, "in_force_on"));
    }
    for (const char* path : {"/api/v1/nodes/{id}/neighbors", "/api/v1/obligations",
                             "/api/v1/citations", "/api/v1/citations/unresolved"}) {
      CAPTURE(path);
      CHECK(has_param(path, "cursor"));
    }
    for (const char* name : {"format", "part", "kinds", "types", "around", "depth"})
      CHECK(has_param("/api/v1/export", name));
  }
}
