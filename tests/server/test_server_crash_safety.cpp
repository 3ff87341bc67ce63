// Crash safety of `regkg serve`: killed with SIGKILL at random points (just started, answering
// requests, reloading while CURRENT flips between two snapshots), 20 times.
// After each kill the data directory must be exactly as before (the server never writes to it),
// CURRENT must name a snapshot that opens and validates, and a new server must start on it.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "snapshot/snapshot.h"
#include "tests/server/raw_http.h"
#include "tests/server_process.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string read_current(const fs::path& data) {
  std::string id = regkg::test::read_file(data / "CURRENT");
  while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
  return id;
}

// Every path under `dir` (relative), with its size for files: what "unchanged" is checked against.
std::set<std::string> tree(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = fs::relative(e.path(), dir).string();
    if (rel == "CURRENT" || rel == "ingest.lock") continue;  // flipped by the test / lock file
    out.insert(rel + (e.is_regular_file() ? " " + std::to_string(e.file_size()) : ""));
  }
  return out;
}

// Switches CURRENT the way an ingest commit does: write a temporary file, rename over.
void switch_current(const fs::path& data, const std::string& id) {
  const fs::path tmp = data / "CURRENT.test.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << id << '\n';
  }
  fs::rename(tmp, data / "CURRENT");
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("kill -9 of regkg serve at 20 random points never harms the data directory") {
    regkg::test::TempDir dir;
    const fs::path data = dir.path() / "data";
    regkg::test::ingest_small_corpus(dir.path() / "corpus", data);
    const std::string first = read_current(data);
    // A second snapshot of the same corpus, so reloads have somewhere to go.
    const std::string cmd = std::string("'") + REGKG_BINARY + "' ingest --full --corpus '" +
                            (dir.path() / "corpus").string() + "' --data '" + data.string() +
                            "' --threads 2 > /dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string second = read_current(data);
    REQUIRE(first != second);
    const auto before = tree(data);

    const unsigned seed = std::random_device{}();
    MESSAGE("crash-safety seed " << seed);
    std::mt19937 rng(seed);
    int survived = 0;
    for (int round = 0; round < 20; ++round) {
      CAPTURE(round);
      std::atomic<bool> stop{false};
      std::atomic<int> answered{0}, server_errors{0};
      auto server = std::make_unique<regkg::test::RegkgServer>(
          data, std::vector<std::string>{"--watch-interval", "0.05"});
      const int port = server->port();
      const pid_t pid = server->pid();
      // Light load: two clients asking mixed questions.
      std::vector<std::thread> clients;
      for (int c = 0; c < 2; ++c)
        clients.emplace_back([&, c] {
          const char* targets[] = {"/healthz", "/api/v1/search?q=%E6%95%B0%E6%8D%AE&limit=5",
                                   "/api/v1/nodes/cn/generative-ai-measures@2023-07-10/art-17",
                                   "/api/v1/neighborhood?id=cn/pipl&depth=2&limit=200"};
          for (int i = c; !stop; ++i) {
            auto r =
                regkg::test::raw_request(port,
                                         std::string("GET ") + targets[i % 4] +
                                             " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                         2s);
            if (r.status >= 500) ++server_errors;
            if (r.status == 200) ++answered;
            if (r.status < 0) std::this_thread::sleep_for(5ms);  // killed: wait for the stop
          }
        });
      // Reloads under way: CURRENT flips between the two snapshots, SIGHUP forces a reload.
      std::thread flipper([&] {
        bool to_second = read_current(data) == first;
        while (!stop) {
          switch_current(data, to_second ? second : first);
          to_second = !to_second;
          ::kill(pid, SIGHUP);
          std::this_thread::sleep_for(70ms);
        }
      });
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 900));
      ::kill(pid, SIGKILL);
      int status = server->stop();  // reaps it
      stop = true;
      for (auto& t : clients) t.join();
      flipper.join();
      CHECK(WIFSIGNALED(status));
      CHECK(server_errors == 0);

      // The data directory is untouched and CURRENT opens as a valid snapshot.
      CHECK(tree(data) == before);
      const std::string current = read_current(data);
      CHECK((current == first || current == second));
      std::shared_ptr<const regkg::snapshot::Snapshot> snap;
      REQUIRE_NOTHROW(snap = regkg::snapshot::open_current_snapshot(data, 1));
      CHECK(snap->id == current);
      snap.reset();

      // A new server starts on that snapshot.
      regkg::test::RegkgServer next(data);
      CHECK(next.first_line().find("snapshot " + current) != std::string::npos);
      auto health = regkg::test::raw_request(
          next.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      REQUIRE(health.status == 200);
      CHECK(health.body.find("\"id\":\"" + current + "\"") != std::string::npos);
      CHECK(next.stop() == 0);
      ++survived;
    }
    MESSAGE("kill -9 rounds survived: " << survived << " of 20");
    CHECK(survived == 20);
  }
}
