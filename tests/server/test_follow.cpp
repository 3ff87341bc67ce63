// `regkg serve --follow CORPUS`: the server ingests the corpus in its own process whenever it
// changes and serves each new snapshot with the graph the ingest built (not reloaded from disk),
// first from the staging directory as soon as the index is written, then from the committed one.
// An amended law becomes searchable, and what the server answers is exactly what a server that
// loaded the same snapshot from disk answers.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using regkg::test::RegkgServer;
using regkg::test::wait_for;

namespace {

using regkg::test::kDsl;

std::string get(int port, const std::string& path, int* status = nullptr) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  auto res = c.Get(path.c_str());
  if (status) *status = res ? res->status : -1;
  return res ? res->body : std::string();
}

std::string served_id(int port) {
  rapidjson::Document d;
  const std::string body = get(port, "/healthz");
  d.Parse(body.data(), body.size());
  if (!d.IsObject() || !d.HasMember("snapshot")) return "";
  return d["snapshot"]["id"].GetString();
}

// The hit ids and total of a search, in order.
std::string search_summary(int port, const std::string& encoded_query) {
  rapidjson::Document d;
  const std::string body = get(port, "/api/v1/search?limit=50&q=" + encoded_query);
  d.Parse(body.data(), body.size());
  if (!d.IsObject() || !d.HasMember("results")) return "bad answer: " + body;
  std::string out = "total " + std::to_string(d["total"].GetUint64()) + ":";
  for (const auto& h : d["results"].GetArray()) out += std::string(" ") + h["id"].GetString();
  return out;
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("follow: without a snapshot to start from the server says so and exits") {
    // The snapshot is opened on the follower thread (for its malloc arena); its failure must
    // still reach the main thread, be reported, and end the process with status 1.
    regkg::test::TempDir corpus, data;
    regkg::test::make_small_corpus(corpus.path(), false);
    std::string out;
    const int status =
        regkg::test::run_regkg("serve --data '" + data.path().string() + "' --port 0 --follow '" +
                                   corpus.path().string() + "'",
                               out);
    CHECK(status == 1);
    CHECK(out.find(data.path().string() + ": error: no current snapshot") != std::string::npos);
    CHECK(out.find("at http://") == std::string::npos);
  }

  TEST_CASE("follow: the server ingests a changed corpus itself and serves it from memory") {
    regkg::test::TempDir corpus, tmp;
    const fs::path data = tmp.path() / "data";
    regkg::test::make_small_corpus(corpus.path(), false);
    fs::remove(corpus.path() / fs::u8path(kDsl));
    const std::string dsl = regkg::test::read_file(regkg::test::corpus_file(kDsl));
    regkg::test::write_file(corpus.path() / fs::u8path(kDsl), dsl);
    std::string out;
    REQUIRE(regkg::test::run_regkg("ingest --corpus '" + corpus.path().string() + "' --data '" +
                                       data.string() + "' --threads 2",
                                   out) == 0);
    const std::string first = regkg::test::read_file(data / "CURRENT");

    RegkgServer server(data, {"--follow", corpus.path().string(), "--follow-interval", "0.1",
                              "--follow-debounce", "0.1", "--keep", "0"});
    // The ingest at start (which fills the caches) hands over a new snapshot.
    REQUIRE(wait_for([&] { return !served_id(server.port()).empty(); }, std::chrono::seconds(30)));
    REQUIRE(wait_for([&] { return served_id(server.port()) + "\n" != first; },
                     std::chrono::seconds(120)));
    const std::string second = served_id(server.port());

    // Amend an article: the new wording becomes searchable without a reload from disk.
    const std::string old_phrase = "国家建立数据分类分级保护制度";
    std::string amended = dsl;
    REQUIRE(amended.find(old_phrase) != std::string::npos);
    amended.replace(amended.find(old_phrase), old_phrase.size(), "国家建立数据量子目录保护制度");
    regkg::test::write_file(corpus.path() / fs::u8path(kDsl), amended);
    // "量子目录保护制度", percent-encoded, as a phrase.
    const std::string q =
        "%22%E9%87%8F%E5%AD%90%E7%9B%AE%E5%BD%95%E4%BF%9D%E6%8A%A4%E5%88%B6%E5%BA%A6%22";
    REQUIRE(wait_for([&] { return search_summary(server.port(), q).rfind("total 1:", 0) == 0; },
                     std::chrono::seconds(120)));
    INFO(server.log());
    CHECK(search_summary(server.port(), q) == "total 1: cn/data-security-law@2021-06-10/art-21");
    const std::string third = served_id(server.port());
    CHECK(third != second);
    // Served from the staging directory as soon as its index was written (which may be before
    // its commit), then from its final directory once committed.
    CHECK(server.log().find("now serving snapshot " + third) != std::string::npos);
    CHECK(wait_for(
        [&] { return server.log().find("reopened snapshot " + third) != std::string::npos; },
        std::chrono::seconds(60)));
    CHECK(regkg::test::read_file(data / "CURRENT") == third + "\n");
    CHECK(server.log().find("from disk") == std::string::npos);

    // A server that loads the same snapshot from disk answers the same.
    RegkgServer from_disk(data, {"--watch-interval", "0"});
    REQUIRE(served_id(from_disk.port()) == third);
    const char* paths[] = {
        "/api/v1/nodes/cn%2Fdata-security-law%402021-06-10%2Fart-21",
        "/api/v1/nodes/cn%2Fdata-security-law%402021-06-10%2Fart-21/neighbors?limit=100",
        "/api/v1/neighborhood?id=cn%2Fdata-security-law&depth=2&limit=500",
        "/api/v1/paths?from=cn%2Fdata-security-law&to=cn%2Fpipl&k=3",
        "/api/v1/obligations?instrument=cn%2Fdata-security-law&limit=100",
        "/api/v1/export?format=jsonl&around=cn%2Fdata-security-law&depth=1",
    };
    for (const char* path : paths) {
      INFO(path);
      int a = 0, b = 0;
      const std::string mine = get(server.port(), path, &a);
      const std::string theirs = get(from_disk.port(), path, &b);
      CHECK(a == 200);
      CHECK(b == 200);
      CHECK(mine.size() > 100);
      CHECK(mine == theirs);
    }
    for (const std::string& query : {q, std::string("%E6%95%B0%E6%8D%AE"), std::string("pipl")})
      CHECK(search_summary(server.port(), query) == search_summary(from_disk.port(), query));
  }
}
