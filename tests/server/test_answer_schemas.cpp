// Every JSON answer the route golden file holds as a 200 (tests/server/route_answers.golden.tsv)
// is asked again of a real server and checked against its route's 200 schema in the generated
// OpenAPI document: a member added to an answer without being declared, a declared one left out,
// a null or "" where the document promises a date, all fail here.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>

#include "server/api_routes.h"
#include "tests/server/openapi_schema_check.h"
#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using regkg::server::api_routes;
using regkg::server::RouteSpec;
using regkg::test::OpenApiSchemaCheck;

namespace {

const char* kToken = "schema-check-admin-token";

struct SchemaServer {
  regkg::test::IngestedCorpus ingested{regkg::test::small_corpus_files()};
  regkg::test::RegkgServer server{
      ingested.data(), {}, {std::string("REGKG_ADMIN_TOKEN=") + kToken}};
};

SchemaServer& schema_server() {
  static SchemaServer s;
  return s;
}

struct GoldenRequest {
  std::string method, url;
};

// The requests the golden file answered with 200 and JSON, in its order.
std::vector<GoldenRequest> golden_json_requests() {
  std::ifstream in(fs::path(REGKG_SOURCE_DIR) / "tests" / "server" / "route_answers.golden.tsv");
  REQUIRE(in);
  std::vector<GoldenRequest> out;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string request, status, type;
    std::getline(fields, request, '\t');
    std::getline(fields, status, '\t');
    std::getline(fields, type, '\t');
    if (status != "200" || type.rfind("application/json", 0) != 0) continue;
    size_t space = request.find(' ');
    out.push_back({request.substr(0, space), request.substr(space + 1)});
  }
  return out;
}

const rapidjson::Document& openapi() {
  static const rapidjson::Document doc = [] {
    rapidjson::Document d;
    d.Parse(regkg::server::openapi_document().c_str());
    return d;
  }();
  return doc;
}

const rapidjson::Value& answer_schema(const RouteSpec& route) {
  std::string method = route.method;
  for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return openapi()["paths"][route.path][method.c_str()]["responses"]["200"]["content"]
                  ["application/json"]["schema"];
}

std::vector<std::string> check_text(const std::string& json, const RouteSpec& route) {
  rapidjson::Document answer;
  answer.Parse(json.c_str());
  if (answer.HasParseError()) return {"not JSON"};
  return OpenApiSchemaCheck(openapi()).violations(answer, answer_schema(route));
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("every 200 JSON answer of the route golden file conforms to its route's schema") {
    REQUIRE_FALSE(openapi().HasParseError());
    auto& s = schema_server();
    httplib::Client client("127.0.0.1", s.server.port());
    client.set_read_timeout(60, 0);
    const httplib::Headers headers = {{"Authorization", std::string("Bearer ") + kToken}};
    const auto requests = golden_json_requests();
    REQUIRE(requests.size() > 40);
    std::map<std::string, int> checked;  // route path -> answers checked
    for (const auto& rq : requests) {
      CAPTURE(rq.method + " " + rq.url);
      std::string path = rq.url.substr(0, rq.url.find('?'));
      const RouteSpec* route = regkg::server::match_route(api_routes(), rq.method, path);
      REQUIRE(route != nullptr);
      auto res = rq.method == "POST" ? client.Post(rq.url.c_str(), headers, "", "text/plain")
                                     : client.Get(rq.url.c_str(), headers);
      REQUIRE(res);
      // The embedded corpus lacks some of what the full one has (news): a 404 there is not a
      // schema matter. Every other status is.
      if (res->status == 404) continue;
      REQUIRE(res->status == 200);
      std::vector<std::string> faults = check_text(res->body, *route);
      std::string all;
      for (size_t i = 0; i < faults.size() && i < 20; ++i) all += faults[i] + "\n";
      CHECK_MESSAGE(faults.empty(), all);
      ++checked[route->path];
    }
    // Each JSON route the golden file answers was checked at least once.
    std::set<std::string> expected;
    for (const auto& rq : requests) {
      const RouteSpec* route =
          regkg::server::match_route(api_routes(), rq.method, rq.url.substr(0, rq.url.find('?')));
      expected.insert(route->path);
    }
    for (const auto& path : expected) {
      CAPTURE(path);
      CHECK(checked[path] > 0);
    }
    // Every route with a JSON answer is in the golden file (the document's own route aside: its
    // schema is a free-form object).
    for (const RouteSpec& r : api_routes()) {
      if (!*r.schema || std::string(r.path) == "/api/v1/openapi.json") continue;
      CAPTURE(r.path);
      CHECK(expected.count(r.path) == 1);
    }
  }

  TEST_CASE("the answer schemas can fail: undeclared or missing or mistyped members are reported") {
    REQUIRE_FALSE(openapi().HasParseError());
    auto& s = schema_server();
    httplib::Client client("127.0.0.1", s.server.port());
    const RouteSpec* suggest = regkg::server::match_route(api_routes(), "GET", "/api/v1/suggest");
    REQUIRE(suggest != nullptr);
    auto res = client.Get("/api/v1/suggest?q=cac&kinds=actor&limit=3");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(check_text(res->body, *suggest).empty());
    rapidjson::Document answer;
    answer.Parse(res->body.c_str());
    REQUIRE(answer["results"].Size() > 0);
    OpenApiSchemaCheck check(openapi());
    const rapidjson::Value& schema = answer_schema(*suggest);
    auto& a = answer.GetAllocator();
    auto one = [&](const std::string& expected) {
      auto faults = check.violations(answer, schema);
      CAPTURE(expected);
      REQUIRE(faults.size() == 1);
      CHECK(faults[0] == expected);
    };
    // A member nobody declared.
    answer["results"][0].AddMember("score", 1.5, a);
    one("$.results[0].score: a member the schema does not declare");
    answer["results"][0].RemoveMember("score");
    // A declared member left out.
    answer.RemoveMember("snapshot");
    one("$: the required member 'snapshot' is missing");
    answer.AddMember("snapshot", "x", a);
    // "" where a date (or null) is promised, and null where a string is.
    answer["results"][0]["date"].SetString("");
    one("$.results[0].date: \"\" is not a date (YYYY-MM-DD)");
    answer["results"][0]["date"].SetNull();
    CHECK(check.violations(answer, schema).empty());
    answer["results"][0]["label"].SetNull();
    one("$.results[0].label: null is not allowed");
    answer["results"][0]["label"].SetInt(3);
    one("$.results[0].label: integer where the schema says string");
  }
}
