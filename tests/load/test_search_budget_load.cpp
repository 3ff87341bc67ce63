// ctest search_budget_load (labels server;slow): 20 clients send expensive searches (long phrases
// of 的, ten of them OR'd, one over the phrase limit) for 20 s at a server with the default search
// budget and work gate, on the full corpus; a cheap search probed every 250 ms must answer 200
// within 1 s every time. With REGKG_SEARCH_BUDGET_GATE=off the server runs without the gate and
// the time budget (--slow-search-slots 0 --search-time-budget 0), and the test fails: the probe
// waits for the slow searches queued on the Xapian handles (BENCHMARKS.md, "Search budget").
// REGKG_LOAD_DATA=DIR uses an ingested data directory instead of ingesting the corpus again.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "server/http_server.h"
#include "snapshot/snapshot.h"
#include "tests/search_budget_queries.h"
#include "tests/server_process.h"
#include "text/percent_encoding.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST_CASE("search_budget_load") {
  regkg::test::TempDir dir;
  fs::path data = dir.path() / "data";
  if (const char* given = std::getenv("REGKG_LOAD_DATA")) {
    data = given;
  } else {
    std::string output;
    REQUIRE_MESSAGE(regkg::test::run_regkg("ingest --corpus '" + std::string(REGKG_DEFAULT_CORPUS) +
                                               "' --data '" + data.string() + "' --threads 2",
                                           output) == 0,
                    output);
  }
  const char* gate = std::getenv("REGKG_SEARCH_BUDGET_GATE");
  const bool gate_off = gate && std::string(gate) == "off";

  std::ostringstream log;
  regkg::server::ServerConfig config;  // the defaults of regkg serve
  config.port = 0;
  config.log = &log;
  if (gate_off) {
    config.slow_search_slots = 0;
    config.heavy_route_slots = 0;
    config.search_time_budget = 0ms;
  }
  regkg::server::HttpServer server(
      config, regkg::snapshot::open_current_snapshot(data, config.searcher_pool_size));
  const int port = server.bind();
  std::thread runner([&] { server.run(); });

  const std::vector<std::string> expensive = {
      regkg::test::phrases_of_de_ored(10, 30), regkg::test::phrase_of_de(32),
      regkg::test::phrases_of_de_ored(5, 32),
      regkg::test::phrase_of_de(330),  // over the phrase limit: refused at once
  };
  std::atomic<bool> stop{false};
  std::atomic<long> answered{0}, busy{0}, refused{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 20; ++t)
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(60, 0);
      for (size_t i = t; !stop; ++i) {
        const std::string& q = expensive[i % expensive.size()];
        // Another offset each time: never answered from the response cache.
        auto res = c.Get(("/api/v1/search?offset=" + std::to_string(i % 1000) +
                          "&q=" + regkg::text::percent_encode(q))
                             .c_str());
        if (!res)
          ++failed;
        else if (res->status == 200)
          ++answered;
        else if (res->status == 503)
          ++busy;
        else if (res->status == 400)
          ++refused;
        else
          ++failed;
      }
    });

  std::this_thread::sleep_for(500ms);  // the clients are at work
  httplib::Client probe("127.0.0.1", port);
  probe.set_read_timeout(30, 0);
  std::vector<long> took_ms;
  int late = 0, bad = 0;
  const auto until = std::chrono::steady_clock::now() + 20s;
  for (int i = 0; std::chrono::steady_clock::now() < until; ++i) {
    // A different cheap query each time: never answered from the response cache.
    const std::string target = "/api/v1/search?limit=5&offset=" + std::to_string(i % 50) +
                               "&q=%E6%95%B0%E6%8D%AE%E5%AE%89%E5%85%A8";
    const auto start = std::chrono::steady_clock::now();
    auto res = probe.Get(target.c_str());
    const long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    took_ms.push_back(ms);
    if (ms >= 1000) ++late;
    if (!res || res->status != 200) ++bad;
    std::this_thread::sleep_for(250ms);
  }
  stop = true;
  for (auto& c : clients) c.join();
  server.stop();
  runner.join();

  std::vector<long> sorted = took_ms;
  std::sort(sorted.begin(), sorted.end());
  const std::string mode = gate_off ? "off" : "on";
  MESSAGE("gate " << mode << ": " << took_ms.size() << " probes, median "
                  << sorted[sorted.size() / 2] << " ms, worst " << sorted.back() << " ms, " << late
                  << " over 1 s, " << bad << " not 200; expensive searches: " << answered.load()
                  << " answered, " << busy.load() << " busy, " << refused.load()
                  << " refused (400), " << failed.load() << " failed");
  CHECK(took_ms.size() >= 40);
  CHECK(late == 0);
  CHECK(bad == 0);
  CHECK(failed == 0);
  if (!gate_off) CHECK(busy > 0);
}
