// Issue 22 against the real `regkg serve` on an ephemeral port: response-cache keys that cannot
// collide, bounded Range answers, no compression of large or streamed answers, a corrupt index
// refused on reload (and searches failing on one reported by /healthz), rate-limited admin
// authentication, and the HTTP conformance fixes (Cache-Control on every error, no CORS on admin
// routes). Each case failed before its fix.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "tests/server/raw_http.h"
#include "tests/server_process.h"
#include "tests/small_corpus.h"
#include "text/percent_encoding.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using regkg::test::raw_request;
using regkg::test::RawReply;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const char* kToken = "hardening-admin-token-5e1f0c";

// A small ingested data directory and a web folder with a large, an empty and hidden files; made
// once per process and only read by the tests.
struct HardeningFixture {
  regkg::test::TempDir dir;
  fs::path data, web;
  std::string big;  // web/big.txt

  HardeningFixture() {
    data = dir.path() / "data";
    regkg::test::ingest_small_corpus(dir.path() / "corpus", data);
    web = dir.path() / "web";
    regkg::test::write_file(web / "index.html", "<!doctype html><p>hardening</p>\n");
    for (int i = 0; big.size() < 200 * 1024; ++i) big += "line " + std::to_string(i) + "\n";
    regkg::test::write_file(web / "big.txt", big);
    regkg::test::write_file(web / "empty.txt", "");
  }
};

HardeningFixture& fixture() {
  static HardeningFixture f;
  return f;
}

std::unique_ptr<regkg::test::RegkgServer> start_server(std::vector<std::string> args = {},
                                                       std::vector<std::string> env = {}) {
  auto& f = fixture();
  return std::make_unique<regkg::test::RegkgServer>(f.data, args, env, f.web);
}

std::string get_request(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers +
         "\r\n";
}

std::string admin_reload(const std::string& token) {
  return "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
         "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

// `request` from loopback address `source`; reads until the server closes (Connection: close).
RawReply raw_request_from(int port, const char* source, const std::string& request) {
  int fd = regkg::test::connect_loopback(port, source);
  if (fd < 0) return {};
  regkg::test::send_all(fd, request);
  std::string raw = regkg::test::read_until_close(fd, 10s);
  ::close(fd);
  return regkg::test::parse_reply(raw);
}

// The body of a chunked answer read until close; "" when it is not well-formed.
std::string dechunk(const std::string& body) {
  std::string out;
  size_t at = 0;
  for (;;) {
    size_t eol = body.find("\r\n", at);
    if (eol == std::string::npos) return {};
    size_t n = std::stoul(body.substr(at, eol - at), nullptr, 16);
    if (n == 0) return out;
    out += body.substr(eol + 2, n);
    at = eol + 2 + n + 2;
  }
}

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.c_str(), body.size());
  return d;
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("cache keys: a newline in a value never shares a key with a second parameter") {
    // Issue 22 item 7: keys joined "k=v" lines, so q="个人信息\nyear=2021" and q=个人信息&year=2021
    // had one key and the second client got the first one's answer.
    auto server = start_server();
    const int port = server->port();
    const std::string q = regkg::text::percent_encode("个人信息");
    auto poison = raw_request(port, get_request("/api/v1/search?q=" + q + "%0Ayear%3D2021"));
    auto victim = raw_request(port, get_request("/api/v1/search?q=" + q + "&year=2021"));
    // The same question in another spelling (limit=20 is the default): never in the cache yet.
    auto fresh = raw_request(port, get_request("/api/v1/search?q=" + q + "&year=2021&limit=20"));
    REQUIRE(poison.status == 200);
    REQUIRE(victim.status == 200);
    REQUIRE(fresh.status == 200);
    auto p = parse(poison.body), v = parse(victim.body), f = parse(fresh.body);
    REQUIRE(f.IsObject());
    REQUIRE(v.IsObject());
    // The two questions differ (else this test would prove nothing) ...
    CHECK(p["total"].GetUint64() != f["total"].GetUint64());
    CHECK(f["total"].GetUint64() > 0);
    // ... and the victim gets its own answer, under its own entity tag.
    CHECK(v["total"].GetUint64() == f["total"].GetUint64());
    CHECK(victim.header("ETag") != poison.header("ETag"));
  }

  TEST_CASE("Range: ignored on API answers and exports / one range at most on files") {
    // Issue 22 item 1: 300 ranges on an API answer made a multipart 206 of 300 copies in memory;
    // an export answered 206 without Content-Range; files got "bytes 0-18446744073709551615/0".
    auto server = start_server();
    const int port = server->port();
    std::string ranges = "Range: bytes=0-";
    for (int i = 1; i < 300; ++i) ranges += ",0-";
    ranges += "\r\n";
    const std::string target = "/api/v1/neighborhood?id=cn/pipl&depth=2&limit=10000";
    auto whole = raw_request(port, get_request(target));
    REQUIRE(whole.status == 200);
    REQUIRE(whole.body.size() > 1000);

    auto many = raw_request(port, get_request(target, ranges));
    CAPTURE(many.head);
    CHECK(many.status == 200);
    CHECK(many.body.size() == whole.body.size());
    CHECK(many.header("Content-Range").empty());
    CHECK(has(many.header("Content-Type"), "application/json"));
    auto one = raw_request(port, get_request(target, "Range: bytes=0-9\r\n"));
    CHECK(one.status == 200);
    CHECK(one.body.size() == whole.body.size());

    // An export streams whole; a Range does not turn it into a 206.
    const std::string export_target = "/api/v1/export?format=csv&part=nodes&kinds=actor";
    auto plain = raw_request(port, get_request(export_target));
    auto ranged = raw_request(port, get_request(export_target, "Range: bytes=0-9\r\n"));
    CAPTURE(ranged.head);
    CHECK(ranged.status == 200);
    CHECK(ranged.header("Content-Range").empty());
    CHECK(dechunk(ranged.body) == dechunk(plain.body));
    CHECK(dechunk(plain.body).size() > 1000);

    // Files: one range is served as asked; more than one is answered with the whole file.
    const std::string& big = fixture().big;
    auto first = raw_request(port, get_request("/big.txt", "Range: bytes=0-9\r\n"));
    CHECK(first.status == 206);
    CHECK(first.header("Content-Range") == "bytes 0-9/" + std::to_string(big.size()));
    CHECK(first.body == big.substr(0, 10));
    auto tail = raw_request(port, get_request("/big.txt", "Range: bytes=-5\r\n"));
    CHECK(tail.status == 206);
    CHECK(tail.body == big.substr(big.size() - 5));
    auto files = raw_request(port, get_request("/big.txt", ranges));
    CAPTURE(files.head);
    CHECK(files.status == 200);
    CHECK(files.body.size() == big.size());
    CHECK(files.header("Content-Range").empty());
    auto two = raw_request(port, get_request("/big.txt", "Range: bytes=0-1,5-6\r\n"));
    CHECK(two.status == 200);
    CHECK(two.body == big);
    // Past the end: 416 with the size; an empty file has no satisfiable range.
    auto beyond = raw_request(
        port, get_request("/big.txt", "Range: bytes=" + std::to_string(big.size() + 10) + "-\r\n"));
    CHECK(beyond.status == 416);
    CHECK(beyond.header("Content-Range") == "bytes */" + std::to_string(big.size()));
    for (const std::string range : {"Range: bytes=0-,0-\r\n", "Range: bytes=0-\r\n"}) {
      CAPTURE(range);
      auto empty = raw_request(port, get_request("/empty.txt", range));
      CAPTURE(empty.head);
      CHECK(empty.status != 206);
      CHECK_FALSE(has(empty.head, "18446744073709551615"));
    }
    auto health = raw_request(port, get_request("/healthz"));
    CHECK(health.status == 200);
  }

  TEST_CASE("compression: never on exports and never above the size limit") {
    // Issue 22 item 3: Brotli at quality 11 over a streamed CSV export took 22 s (0.17 s plain).
    auto server = start_server();
    const int port = server->port();
    for (const char* encoding : {"br", "gzip", "br, gzip"}) {
      CAPTURE(encoding);
      auto t0 = std::chrono::steady_clock::now();
      auto r = raw_request(port, get_request("/api/v1/export?format=csv&part=nodes",
                                             std::string("Accept-Encoding: ") + encoding + "\r\n"));
      auto took = std::chrono::steady_clock::now() - t0;
      CHECK(r.status == 200);
      CHECK(r.header("Content-Encoding").empty());
      CHECK(has(dechunk(r.body), "id:ID"));
      CHECK(took < 5s);
    }
    // A text answer under the limit is still gzipped for a client that takes gzip, and only then:
    // never Brotli (quality 11: 2 s for 434 KB here), never a coding weighted q=0.
    const std::string csv = "/api/v1/obligations?instrument=cn/pipl&format=csv";
    for (const auto& [accept, coding] :
         std::vector<std::pair<std::string, std::string>>{{"gzip", "gzip"},
                                                          {"br, gzip", "gzip"},
                                                          {"br", ""},
                                                          {"gzip;q=0, br", ""},
                                                          {"*", "gzip"}}) {
      CAPTURE(accept);
      auto r = raw_request(port, get_request(csv, "Accept-Encoding: " + accept + "\r\n"));
      CHECK(r.status == 200);
      CHECK(has(r.header("Content-Type"), "text/csv"));
      CHECK(r.header("Content-Encoding") == coding);
    }
  }

  TEST_CASE("reload: a snapshot with a truncated index file is refused and the old one serves") {
    // Issue 22 item 2: a truncated postlist.glass was swapped in, half the searches failed with
    // 500, nothing was logged and /healthz said ok.
    regkg::test::TempDir corpus, tmp;
    const fs::path data = tmp.path() / "data";
    regkg::test::make_small_corpus(corpus.path(), false);
    fs::remove(corpus.path() / fs::u8path(regkg::test::kAdded));
    std::string out;
    REQUIRE(regkg::test::run_regkg("ingest --corpus '" + corpus.path().string() + "' --data '" +
                                       data.string() + "' --threads 2",
                                   out) == 0);
    auto current = [&] {
      std::string id = regkg::test::read_file(data / "CURRENT");
      while (!id.empty() && id.back() == '\n') id.pop_back();
      return id;
    };
    const std::string first = current();
    regkg::test::RegkgServer server(data, {"--watch-interval", "0"},
                                    {std::string("REGKG_ADMIN_TOKEN=") + kToken});
    const int port = server.port();

    // A new snapshot whose largest postlist file is cut in half. An incremental ingest hard-links
    // the layers it keeps: the file is copied first so the served snapshot's stays whole.
    fs::create_symlink(regkg::test::corpus_file(regkg::test::kAdded),
                       corpus.path() / fs::u8path(regkg::test::kAdded));
    REQUIRE(regkg::test::run_regkg("ingest --corpus '" + corpus.path().string() + "' --data '" +
                                       data.string() + "' --threads 2",
                                   out) == 0);
    const std::string second = current();
    REQUIRE(second != first);
    fs::path largest;
    for (const auto& e : fs::recursive_directory_iterator(data / "snapshots" / second / "index"))
      if (e.path().filename() == "postlist.glass" &&
          (largest.empty() || fs::file_size(e.path()) > fs::file_size(largest)))
        largest = e.path();
    REQUIRE_FALSE(largest.empty());
    fs::copy_file(largest, largest.string() + ".copy");
    fs::rename(largest.string() + ".copy", largest);
    fs::resize_file(largest, fs::file_size(largest) / 2);

    // The admin route says so itself (409, the reason naming the database and Xapian's error).
    auto reload = raw_request(port, admin_reload(kToken));
    CAPTURE(reload.body);
    CHECK(reload.status == 409);
    auto r = parse(reload.body);
    REQUIRE(r.IsObject());
    CHECK(std::string(r["error"]["code"].GetString()) == "snapshot_refused");
    const std::string database = largest.parent_path().filename().string();
    CHECK(has(r["error"]["details"]["reason"].GetString(), database + ": error: Xapian::"));
    auto health = raw_request(port, get_request("/healthz"));
    auto h = parse(health.body);
    REQUIRE(h.IsObject());
    CHECK(std::string(h["snapshot"]["id"].GetString()) == first);
    CHECK(std::string(h["reload"]["refused_snapshot"].GetString()) == second);
    CHECK(has(h["reload"]["last_error"].GetString(), database));
    CHECK(std::string(h["status"].GetString()) == "ok");
    // The old snapshot answers every search.
    for (const char* q : {"data", "personal", "%E4%B8%AA%E4%BA%BA%E4%BF%A1%E6%81%AF", "security",
                          "%E7%A7%91%E5%AD%A6", "law", "information", "network"}) {
      CAPTURE(q);
      CHECK(raw_request(port, get_request(std::string("/api/v1/search?q=") + q)).status == 200);
    }
    const std::string log = server.log();
    CAPTURE(log);
    CHECK(has(log, "refused"));
    CHECK(has(log, "error:"));
    CHECK(has(log, "Database"));  // the Xapian error's class (DatabaseCorruptError, ...)
  }

  TEST_CASE(
      "searches failing on a damaged index: logged with the Xapian class and healthz degraded") {
    regkg::test::TempDir tmp;
    const fs::path data = tmp.path() / "data";
    fs::copy(fixture().data, data, fs::copy_options::recursive);
    std::string id = regkg::test::read_file(data / "CURRENT");
    while (!id.empty() && id.back() == '\n') id.pop_back();
    regkg::test::RegkgServer server(data, {"--watch-interval", "0", "--cache-mb", "0"}, {},
                                    fixture().web);
    const int port = server.port();
    REQUIRE(has(raw_request(port, get_request("/healthz")).body, "\"status\":\"ok\""));
    // Damage the served index under the open database: every postlist file loses its second half.
    for (const auto& e : fs::recursive_directory_iterator(data / "snapshots" / id / "index"))
      if (e.path().filename() == "postlist.glass")
        fs::resize_file(e.path(), fs::file_size(e.path()) / 2);
    int failed = 0;
    for (const char* q :
         {"data", "personal", "%E4%B8%AA%E4%BA%BA%E4%BF%A1%E6%81%AF", "security", "law",
          "%E7%A7%91%E5%AD%A6", "information", "network", "%E5%9B%BD%E5%AE%B6", "processing",
          "%E6%95%B0%E6%8D%AE", "%E5%AE%89%E5%85%A8", "generative", "china", "rules", "article"}) {
      auto r = raw_request(port, get_request(std::string("/api/v1/search?q=") + q));
      if (r.status == 500) ++failed;
    }
    MESSAGE("searches answered 500 on the damaged index: " << failed);
    REQUIRE(failed > 0);
    auto h = parse(raw_request(port, get_request("/healthz")).body);
    REQUIRE(h.IsObject());
    CHECK(std::string(h["status"].GetString()) == "degraded");
    const std::string log = server.log();
    CAPTURE(log);
    CHECK(has(log, "error: GET /api/v1/search: Xapian::Database"));
  }

  TEST_CASE("admin authentication: 5 failures a minute per client address then 429") {
    // Issue 22 item 6: 14,428 wrong guesses per second were answered, without limit.
    auto server = start_server({}, {std::string("REGKG_ADMIN_TOKEN=") + kToken});
    const int port = server->port();
    for (int i = 0; i < 5; ++i) {
      auto r = raw_request_from(port, "127.0.0.5", admin_reload("guess-" + std::to_string(i)));
      CHECK(r.status == 401);
    }
    auto locked = raw_request_from(port, "127.0.0.5", admin_reload("guess-5"));
    CHECK(locked.status == 429);
    CHECK(std::stoi(locked.header("Retry-After").empty() ? "0" : locked.header("Retry-After")) > 0);
    CHECK(locked.header("Cache-Control") == "no-store");
    // Locked out means every attempt, the right token too: a guess that hits is not told so.
    CHECK(raw_request_from(port, "127.0.0.5", admin_reload(kToken)).status == 429);
    // Another address is not affected, and the API stays open to the locked one.
    CHECK(raw_request_from(port, "127.0.0.6", admin_reload(kToken)).status == 200);
    CHECK(raw_request_from(port, "127.0.0.5", get_request("/healthz")).status == 200);
  }

  TEST_CASE("admin answers carry no CORS header and every error says Cache-Control no-store") {
    auto server =
        start_server({"--cors-origin", "*"}, {std::string("REGKG_ADMIN_TOKEN=") + kToken});
    const int port = server->port();
    auto api = raw_request(port, get_request("/api/v1/search?q=data"));
    CHECK(api.header("Access-Control-Allow-Origin") == "*");
    auto admin = raw_request(port, admin_reload(kToken));
    CHECK(admin.status == 200);
    CHECK(admin.header("Access-Control-Allow-Origin").empty());
    auto admin_get =
        raw_request(port, get_request("/api/v1/admin/snapshot",
                                      std::string("Authorization: Bearer ") + kToken + "\r\n"));
    CHECK(admin_get.status == 200);
    CHECK(admin_get.header("Access-Control-Allow-Origin").empty());
    auto denied = raw_request(port, admin_reload("wrong"));
    CHECK(denied.status == 401);
    CHECK(denied.header("Access-Control-Allow-Origin").empty());
    CHECK(denied.header("Cache-Control") == "no-store");
    // httplib's own errors, the route's and the connection loop's raw 400.
    for (const std::string& request :
         {get_request("/no-such-file"), get_request("/api/v1/nodes/nope"),
          get_request("/api/v1/search?limit=-1"), get_request("/healthz", "NoColon\r\n")}) {
      auto r = raw_request(port, request);
      CAPTURE(r.head);
      CHECK(r.status >= 400);
      CHECK(r.header("Cache-Control") == "no-store");
    }
  }

  TEST_CASE("the connection loop's raw 408 and 503 answers say Cache-Control no-store") {
    auto server = start_server(
        {"--max-client-connections", "1", "--request-timeout", "1", "--read-timeout", "1"});
    const int port = server->port();
    int slow = regkg::test::connect_loopback(port, "127.0.0.7");
    REQUIRE(slow >= 0);
    regkg::test::send_all(slow, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    std::this_thread::sleep_for(200ms);
    auto refused = raw_request_from(port, "127.0.0.7", get_request("/healthz"));
    CHECK(refused.status == 503);
    CHECK(refused.header("Cache-Control") == "no-store");
    auto late = regkg::test::parse_reply(regkg::test::read_until_close(slow, 5s));
    ::close(slow);
    CHECK(late.status == 408);
    CHECK(late.header("Cache-Control") == "no-store");
  }
}
