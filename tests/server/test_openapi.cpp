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
}
