// `regkg replicate` between two real servers on loopback: a replica's data directory follows the
// primary's snapshots (index layers it already has are hard-linked), its own `regkg serve` picks
// each copy up, and both end reporting the same snapshot id. A wrong token or a dead primary is a
// clear error that leaves the replica as it was.
#include <doctest/doctest.h>

#include <cstdlib>
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
using regkg::test::run_regkg;

namespace {

const char* kToken = "replication-token-9f8e7d6c";
using regkg::test::kAdded;

std::string served_id(int port) {
  httplib::Client c("127.0.0.1", port);
  auto res = c.Get("/healthz");
  if (!res || res->status != 200) return "";
  rapidjson::Document d;
  d.Parse(res->body.data(), res->body.size());
  return d["snapshot"]["id"].GetString();
}

bool eventually(const std::function<bool()>& ok) {
  for (int i = 0; i < 400 && !ok(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return ok();
}

std::string current(const fs::path& data) {
  std::string id = regkg::test::read_file(data / "CURRENT");
  while (!id.empty() && id.back() == '\n') id.pop_back();
  return id;
}

}  // namespace

TEST_CASE("two servers on loopback end on the same snapshot through regkg replicate") {
  regkg::test::TempDir corpus, tmp;
  const fs::path primary_data = tmp.path() / "primary", replica_data = tmp.path() / "replica";
  regkg::test::make_small_corpus(corpus.path(), false);
  fs::remove(corpus.path() / fs::u8path(kAdded));
  std::string out;
  const std::string ingest = "ingest --threads 2 --corpus '" + corpus.path().string() +
                             "' --data '" + primary_data.string() + "'";
  REQUIRE(run_regkg(ingest, out) == 0);
  RegkgServer primary(primary_data, {"--watch-interval", "0.2"},
                      {std::string("REGKG_ADMIN_TOKEN=") + kToken});
  const std::string from = "--from http://127.0.0.1:" + std::to_string(primary.port());
  const std::string replicate = "replicate " + from + " --data '" + replica_data.string() + "'";

  SUBCASE("bad token or dead primary: clear errors, nothing becomes current") {
    ::setenv("REGKG_ADMIN_TOKEN", "wrong", 1);
    CHECK(run_regkg(replicate, out) == 1);
    CHECK(out.find("HTTP 401") != std::string::npos);
    CHECK_FALSE(fs::exists(replica_data / "CURRENT"));
    ::unsetenv("REGKG_ADMIN_TOKEN");
    CHECK(run_regkg(replicate, out) == 1);
    CHECK(out.find("no admin token") != std::string::npos);
    ::setenv("REGKG_ADMIN_TOKEN", kToken, 1);
    CHECK(run_regkg("replicate --from http://127.0.0.1:1 --data '" + replica_data.string() + "'",
                    out) == 1);
    CHECK(out.find("127.0.0.1:1") != std::string::npos);
    CHECK_FALSE(fs::exists(replica_data / "CURRENT"));
  }

  SUBCASE("the replica follows the primary") {
    ::setenv("REGKG_ADMIN_TOKEN", kToken, 1);
    INFO(out);
    REQUIRE(run_regkg(replicate, out) == 0);
    CHECK(out.find("0 hard-linked") != std::string::npos);  // nothing to reuse the first time
    CHECK(current(replica_data) == current(primary_data));
    RegkgServer replica(replica_data, {"--watch-interval", "0.2"});
    CHECK(served_id(replica.port()) == served_id(primary.port()));
    REQUIRE(run_regkg(replicate, out) == 0);
    CHECK(out.find("up to date") != std::string::npos);

    // The primary ingests a new law (incrementally) and serves it; the replica follows.
    fs::create_symlink(regkg::test::corpus_file(kAdded), corpus.path() / fs::u8path(kAdded));
    REQUIRE(run_regkg(ingest, out) == 0);
    const std::string second = current(primary_data);
    REQUIRE(eventually([&] { return served_id(primary.port()) == second; }));
    REQUIRE(run_regkg(replicate, out) == 0);
    // The base shards were already on the replica: linked, not downloaded again.
    CHECK(out.find(" 0 hard-linked") == std::string::npos);
    CHECK(eventually([&] { return served_id(replica.port()) == second; }));
    CHECK(served_id(replica.port()) == served_id(primary.port()));
    httplib::Client c("127.0.0.1", replica.port());
    auto res = c.Get(
        "/api/v1/"
        "search?q=%E7%A7%91%E5%AD%A6%E6%8A%80%E6%9C%AF%E7%AC%AC%E4%B8%80%E7%94%9F%E4%BA%A7%E5%8A%"
        "9B");
    REQUIRE(res);
    CHECK(res->body.find("cn/science-technology-progress-law@2021-12-24/art-1") !=
          std::string::npos);
  }
  ::unsetenv("REGKG_ADMIN_TOKEN");
}
