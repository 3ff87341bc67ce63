// Requests found by fuzz_http_request (fuzz/) that once broke a promise of the request layer,
// replayed byte for byte through HttpServer::answer_in_memory (the same path the fuzz target
// takes) on a small real snapshot: no 5xx, and every error is a whole JSON error body.
#include <doctest/doctest.h>

#include <string>

#include <rapidjson/document.h>

#include "server/http_server.h"
#include "snapshot/snapshot.h"
#include "tests/server/raw_http.h"

namespace {

struct FuzzRequest {
  std::string found;  // what went wrong
  std::string request;
  int status;
};

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("fuzz regressions: found requests get whole JSON errors") {
    regkg::test::TempDir dir;
    regkg::test::ingest_small_corpus(dir.path() / "corpus", dir.path() / "data");
    regkg::server::ServerConfig config;
    config.port = 0;
    config.web_dir = std::string(REGKG_SOURCE_DIR) + "/web";
    config.cache_bytes = 0;
    regkg::server::HttpServer server(
        config, regkg::snapshot::open_current_snapshot(dir.path() / "data", 1));
    const FuzzRequest cases[] = {
        // crash-58c38bf5: a Range header on a 404 cut the JSON error to its first 11 bytes
        // ({"error":{"), sent with Content-Range. Ranges are now dropped for every error.
        {"Range applied to an error body",
         std::string("GET /ml HTTP/1.1\r\nHost: x\r\nRange: bytes=0-10\r\n\r\xff\xff\xff\xff"
                     "q=date:2024-01-3-01-01&to=2023-12-31 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Connection: close\r\n\r\n"),
         404},
    };
    for (const auto& c : cases) {
      CAPTURE(c.found);
      const std::string response = server.answer_in_memory(c.request);
      CAPTURE(response);
      auto reply = regkg::test::parse_reply(response);
      CHECK(reply.status == c.status);
      CHECK(reply.header("Content-Range").empty());
      rapidjson::Document d;
      d.Parse(reply.body.c_str(), reply.body.size());
      REQUIRE_FALSE(d.HasParseError());
      CHECK(d.HasMember("error"));
    }
  }
}
