// ShardHealth (index/shard_health.h): /healthz reads the remote shards' last known state at once,
// even while a probe waits on a shard that accepts connections and never answers.
#include "index/shard_health.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <doctest/doctest.h>

namespace {

using namespace regkg::index;
using Clock = std::chrono::steady_clock;

// A loopback socket that listens and never accepts: the kernel completes connections into its
// backlog, so a client connects and then waits for an answer that never comes (a hung shard).
struct SilentListener {
  int fd = -1;
  unsigned port = 0;
  SilentListener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 16) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
  }
  ~SilentListener() { ::close(fd); }
};

RemoteShards shards_at(std::initializer_list<unsigned> ports) {
  RemoteShards r;
  for (unsigned p : ports) r.shards.push_back({"127.0.0.1", p});
  r.timeout_ms = 1500;
  r.connect_timeout_ms = 1500;
  return r;
}

bool wait_for_probes(const ShardHealth& h, unsigned n) {
  const auto until = Clock::now() + std::chrono::seconds(20);
  while (h.probes() < n && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return h.probes() >= n;
}

}  // namespace

TEST_CASE("shard health: a hung shard is reported down and reading never waits on the probe") {
  SilentListener hung;
  ShardHealth health(shards_at({hung.port}), std::chrono::milliseconds(20));
  const std::string name = "127.0.0.1:" + std::to_string(hung.port);
  // Until a probe finishes the shard counts as up (the searcher checked it at start), and each
  // read answers at once although the probe is blocked for up to 1.5 s on the silent shard.
  Clock::duration slowest{};
  for (int i = 0; i < 50; ++i) {
    const auto t0 = Clock::now();
    (void)health.down();
    slowest = std::max(slowest, Clock::now() - t0);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(slowest < std::chrono::milliseconds(200));
  REQUIRE(wait_for_probes(health, 1));
  CHECK(health.down() == std::vector<std::string>{name});
}

TEST_CASE("shard health: what searches report wins over an older probe") {
  // A port nothing listens on: connecting is refused at once.
  unsigned closed_port;
  {
    SilentListener l;
    closed_port = l.port;
  }
  SilentListener hung;
  ShardHealth health(shards_at({closed_port, hung.port}), std::chrono::hours(1));
  CHECK(health.down().empty());
  health.saw_down("127.0.0.1:" + std::to_string(closed_port));
  CHECK(health.down() == std::vector<std::string>{"127.0.0.1:" + std::to_string(closed_port)});
  health.saw_down("unknown");  // names no shard: changes nothing
  CHECK(health.down().size() == 1);
  health.saw_all_up();
  CHECK(health.down().empty());
  CHECK(health.probes() == 0);  // an hour between probes: none ran
}

TEST_CASE("shard health: the probe alone (no search) finds a shard that refuses connections") {
  unsigned port;
  {
    SilentListener l;
    port = l.port;
  }
  ShardHealth health(shards_at({port}), std::chrono::milliseconds(20));
  REQUIRE(wait_for_probes(health, 2));
  CHECK(health.down() == std::vector<std::string>{"127.0.0.1:" + std::to_string(port)});
}
