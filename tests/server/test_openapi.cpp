// The route table is the one description of the API: the generated OpenAPI document, the route
// matching and the README's API table are held against it.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "graph/neighborhood.h"
#include "server/api_routes.h"
#include "server/schema_notation.h"
#include "tests/test_support.h"

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
    for (const RouteSpec& r : api_routes()) routed.insert(r.path);
    CHECK(documented == routed);
    CHECK(routed.size() == api_routes().size());  // no route listed twice
    std::map<std::string, std::string> methods;
    for (const RouteSpec& r : api_routes()) {
      std::string m = r.method;
      std::transform(m.begin(), m.end(), m.begin(), ::tolower);
      methods[r.path] = m;
      // Admin routes say they need the token; no other route does.
      CAPTURE(r.path);
      const auto& op = doc["paths"][r.path][m.c_str()];
      REQUIRE(op.HasMember("security"));
      CHECK(op["security"].Size() == (r.admin ? 1u : 0u));
      // Every operation is in one of the document's tags.
      REQUIRE(op.HasMember("tags"));
      REQUIRE(op["tags"].Size() == 1);
      bool tag_listed = false;
      for (const auto& t : doc["tags"].GetArray())
        tag_listed = tag_listed || t["name"] == op["tags"][0];
      CHECK(tag_listed);
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

  TEST_CASE("openapi.json: unique operationIds / parameters with the table's limits and defaults") {
    rapidjson::Document doc;
    doc.Parse(openapi_document().c_str());
    REQUIRE_FALSE(doc.HasParseError());
    std::set<std::string> ids;
    for (const RouteSpec& r : api_routes()) {
      CAPTURE(r.path);
      std::string m = r.method;
      std::transform(m.begin(), m.end(), m.begin(), ::tolower);
      const auto& op = doc["paths"][r.path][m.c_str()];
      CHECK(ids.insert(op["operationId"].GetString()).second);
      const auto& params = op["parameters"];
      REQUIRE(params.Size() == r.params.size());
      for (size_t i = 0; i < r.params.size(); ++i) {
        const ParamSpec& p = r.params[i];
        CHECK(std::string(params[i]["name"].GetString()) == p.name);
        CHECK(params[i]["required"].GetBool() == (p.required || p.in_path));
        const auto& schema = params[i]["schema"];
        if (p.type == ParamType::integer) {
          CHECK(schema["maximum"].GetUint64() == p.max);
          CHECK(schema["minimum"].GetUint64() == p.min);
        }
      }
    }
    // The limits are the constants the validation uses (handlers.h, graph/), not copies.
    auto param_schema = [&](const char* path, const char* name) -> const rapidjson::Value& {
      for (const auto& p : doc["paths"][path]["get"]["parameters"].GetArray())
        if (std::string(p["name"].GetString()) == name) return p["schema"];
      FAIL("no parameter " << name << " in " << path);
      return doc;
    };
    CHECK(param_schema("/api/v1/search", "limit")["maximum"].GetUint64() == kSearchMaxLimit);
    CHECK(param_schema("/api/v1/search", "limit")["default"].GetUint64() == kSearchDefaultLimit);
    CHECK(param_schema("/api/v1/suggest", "limit")["maximum"].GetUint64() == kSuggestMaxLimit);
    CHECK(param_schema("/api/v1/nodes/{id}/neighbors", "limit")["maximum"].GetUint64() ==
          regkg::graph::kMaxNeighborLimit);
    CHECK(param_schema("/api/v1/export", "format")["enum"].Size() == 4);  // + jsonld
  }

  TEST_CASE("answer schemas: every route's and component's notation parses / refs resolve") {
    rapidjson::Document doc;
    doc.Parse(openapi_document().c_str());
    REQUIRE_FALSE(doc.HasParseError());
    for (const RouteSpec& r : api_routes()) {
      CAPTURE(r.path);
      if (*r.schema) CHECK_NOTHROW(parse_schema(r.schema));
    }
    // Every $ref in the document names a component that exists.
    std::regex ref(R"re("\$ref": "#/components/(schemas|responses)/([A-Za-z]+)")re");
    const std::string& text = openapi_document();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), ref);
         it != std::sregex_iterator(); ++it) {
      CAPTURE((*it)[2].str());
      CHECK(doc["components"][(*it)[1].str().c_str()].HasMember((*it)[2].str().c_str()));
    }
    CHECK_THROWS_AS(parse_schema("{a: strin}"), std::invalid_argument);
    CHECK_THROWS_AS(parse_schema("{a: string"), std::invalid_argument);
    auto node = parse_schema("{a: [Thing]?, b?: {*: integer}}");
    REQUIRE(node->fields.size() == 2);
    CHECK(node->fields[0].type->nullable);
    CHECK(node->fields[0].type->items->ref == "Thing");
    CHECK(node->fields[1].optional);
    CHECK(node->fields[1].type->kind == SchemaNode::Kind::map);
  }

  TEST_CASE("answer schemas: no member may be absent / missing values are declared nullable") {
    // The answers' one rule (schema_notation.h): every member is written, null without a value.
    // An optional member ('key?:') would let a writer leave one out again.
    std::function<void(const SchemaNode&, const std::string&)> walk =
        [&](const SchemaNode& n, const std::string& where) {
          for (const auto& f : n.fields) {
            CAPTURE(where + "." + f.key);
            CHECK_FALSE(f.optional);
            walk(*f.type, where + "." + f.key);
          }
          if (n.items) walk(*n.items, where + "[]");
        };
    for (const RouteSpec& r : api_routes())
      if (*r.schema) walk(*parse_schema(r.schema), r.path);
    rapidjson::Document doc;
    doc.Parse(openapi_document().c_str());
    REQUIRE_FALSE(doc.HasParseError());
    for (const auto& c : doc["components"]["schemas"].GetObject()) {
      CAPTURE(c.name.GetString());
      CHECK(c.value.HasMember("description"));
      if (c.value.HasMember("properties"))
        CHECK(c.value["required"].Size() == c.value["properties"].MemberCount());
    }
    // Descriptions and choices in the notation.
    auto node = parse_schema("{a: (x|y) `one of two`, b: Thing? `maybe`}");
    REQUIRE(node->fields.size() == 2);
    CHECK(node->fields[0].type->choices == std::vector<std::string>{"x", "y"});
    CHECK(node->fields[0].description == "one of two");
    CHECK(node->fields[1].description == "maybe");
    CHECK_THROWS_AS(parse_schema("{a: string `open"), std::invalid_argument);
    CHECK_THROWS_AS(parse_schema("{a: (x|}"), std::invalid_argument);
  }

  TEST_CASE("route matching does not depend on the table's order") {
    // Paths whose answer is known: templated rows must not swallow longer or literal ones.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/api/v1/nodes/cn/pipl@2021-08-20/neighbors", "/api/v1/nodes/{id}/neighbors"},
        {"/api/v1/nodes/actor/cac/neighbors", "/api/v1/nodes/{id}/neighbors"},
        {"/api/v1/nodes/cn/pipl@2021-08-20/art-1", "/api/v1/nodes/{id}"},
        {"/api/v1/nodes/neighbors", "/api/v1/nodes/{id}"},
        {"/api/v1/citations/graph", "/api/v1/citations/graph"},
        {"/api/v1/citations/unresolved", "/api/v1/citations/unresolved"},
        {"/api/v1/citations", "/api/v1/citations"},
        {"/api/v1/admin/snapshot/file", "/api/v1/admin/snapshot/file"},
        {"/api/v1/admin/snapshot", "/api/v1/admin/snapshot"},
        {"/api/v1/actors/actor/cac", "/api/v1/actors/{id}"},
        {"/api/v1/instruments/cn/pipl", "/api/v1/instruments/{id}"},
        {"/api/v1/openapi.json", "/api/v1/openapi.json"},
        {"/api/v1/openapiXjson", ""},
        {"/api/v1/nodes/", ""},
        {"/feed.atom", "/feed.atom"},
    };
    std::vector<RouteSpec> rows = api_routes();
    std::mt19937 shuffle_seed(20);
    for (int round = 0; round < 30; ++round) {
      if (round == 1) std::reverse(rows.begin(), rows.end());
      if (round > 1) std::shuffle(rows.begin(), rows.end(), shuffle_seed);
      for (const auto& [path, expected] : cases) {
        CAPTURE(round);
        CAPTURE(path);
        const RouteSpec* r = match_route(rows, "GET", path);
        CHECK((r ? std::string(r->path) : std::string()) == expected);
      }
    }
    std::string id;
    REQUIRE(match_route(api_routes(), "GET", "/api/v1/nodes/a/b@c/neighbors", &id));
    CHECK(id == "a/b@c");
    CHECK(match_route(api_routes(), "POST", "/api/v1/admin/reload") != nullptr);
    CHECK(match_route(api_routes(), "GET", "/api/v1/admin/reload") == nullptr);
  }

  TEST_CASE("README: the JSON API table lists exactly the table's routes with their parameters") {
    std::string readme =
        regkg::test::read_file(std::filesystem::path(REGKG_SOURCE_DIR) / "README.md");
    size_t section = readme.find("\n## The JSON API\n");
    REQUIRE(section != std::string::npos);
    size_t end = readme.find("\n## ", section + 1);
    std::string text = readme.substr(section, end - section);
    // | `GET /path` | parameters | answer |
    std::regex row(R"(\n\| `(GET|POST) ([^`]+)` \|([^|]*)\|)");
    std::map<std::string, std::set<std::string>> documented;
    std::map<std::string, std::string> columns;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), row);
         it != std::sregex_iterator(); ++it) {
      std::string route = (*it)[1].str() + " " + (*it)[2].str();
      std::string column = (*it)[3].str();
      columns[route] = column;
      // Parameters: the `names` outside parentheses (inside are values and examples).
      std::set<std::string>& names = documented[route];
      int depth = 0;
      for (size_t i = 0; i < column.size(); ++i) {
        if (column[i] == '(') ++depth;
        if (column[i] == ')') --depth;
        if (column[i] != '`') continue;
        size_t close = column.find('`', i + 1);
        if (close == std::string::npos) break;
        std::string token = column.substr(i + 1, close - i - 1);
        if (depth == 0 && std::regex_match(token, std::regex("[a-z_]+"))) names.insert(token);
        i = close;
      }
    }
    std::set<std::string> routed;
    for (const RouteSpec& r : api_routes()) {
      std::string route = std::string(r.method) + " " + r.path;
      routed.insert(route);
      CAPTURE(route);
      REQUIRE(documented.count(route) == 1);
      std::set<std::string> names;
      for (const ParamSpec& p : r.params)
        if (!p.in_path) names.insert(p.name);
      CHECK(documented[route] == names);
      // "`limit` (default 20, max 100)": the numbers the README gives are the table's.
      for (const ParamSpec& p : r.params) {
        if (p.type != ParamType::integer) continue;
        std::smatch m;
        std::string column = columns[route];
        std::regex stated("`" + std::string(p.name) + R"(` \(([^)]*)\))");
        if (!std::regex_search(column, m, stated)) continue;
        std::string said = m[1].str();
        std::smatch n;
        CAPTURE(p.name);
        if (std::regex_search(said, n, std::regex(R"(default (\d+))")))
          CHECK(std::stoull(n[1].str()) == p.default_number);
        if (std::regex_search(said, n, std::regex(R"(max (\d+))")) &&
            std::string(p.description).find("format=csv") == std::string::npos)
          CHECK(std::stoull(n[1].str()) == p.max);
      }
    }
    std::set<std::string> in_readme;
    for (const auto& [route, names] : documented) in_readme.insert(route);
    CHECK(in_readme == routed);
  }
}
