// Hostile requests against the real `regkg serve` on an ephemeral port: traversal, oversized and
// malformed input, odd methods, header injection, slow clients (slowloris), security headers,
// tokens kept out of the access log, the default loopback bind. Every refusal must be a clean 4xx
// JSON error and the server must answer /healthz after each.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server/raw_http.h"
#include "tests/server_process.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using regkg::test::raw_request;
using regkg::test::RawReply;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The data directory and a small web folder with symlinks pointing out of it, made once per
// process. The secret file lives outside the web folder; no response may ever contain its marker.
struct HostileFixture {
  regkg::test::TempDir dir;
  fs::path data, web, secret_dir;
  const std::string secret_marker = "SECRET-OUTSIDE-WEB-7f3a";

  HostileFixture() {
    data = dir.path() / "data";
    regkg::test::ingest_small_corpus(dir.path() / "corpus", data);
    web = dir.path() / "web";
    secret_dir = dir.path() / "outside";
    regkg::test::write_file(web / "index.html",
                            "<!doctype html><html><body>hostile test page</body></html>\n");
    regkg::test::write_file(web / "css" / "site.css", "body { color: black; }\n");
    // Hidden files in the web folder (an editor's backup, a checkout's metadata): never served.
    regkg::test::write_file(web / ".env", secret_marker + "\n");
    regkg::test::write_file(web / ".git" / "config", secret_marker + "\n");
    regkg::test::write_file(web / "css" / ".site.css.swp", secret_marker + "\n");
    regkg::test::write_file(secret_dir / "secret.txt", secret_marker + "\n");
    fs::create_symlink(secret_dir / "secret.txt", web / "outside.txt");
    fs::create_symlink(secret_dir, web / "outside-dir");
    fs::create_symlink("/etc/passwd", web / "passwd");
    fs::create_symlink(web / "index.html", web / "alias.html");  // inside: allowed
  }
};

HostileFixture& fixture() {
  static HostileFixture f;
  return f;
}

// The real server (16 worker threads) on the fixture's data and web folder.
std::unique_ptr<regkg::test::RegkgServer> start_server(std::vector<std::string> extra = {}) {
  auto& f = fixture();
  return std::make_unique<regkg::test::RegkgServer>(f.data, extra, std::vector<std::string>{},
                                                    f.web);
}

std::string get_request(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers +
         "\r\n";
}

// A clean refusal: the status wanted (or any 4xx when 0), the JSON error shape, no secret.
void check_clean_4xx(const RawReply& r, int wanted) {
  CAPTURE(r.raw.substr(0, 600));
  REQUIRE(r.status >= 400);
  CHECK(r.status < 500);
  if (wanted) CHECK(r.status == wanted);
  CHECK(has(r.header("Content-Type"), "application/json"));
  CHECK(r.header("X-Content-Type-Options") == "nosniff");
  // Issue 22: no error answer may be stored by a cache, raw ones of the connection loop included.
  CHECK(r.header("Cache-Control") == "no-store");
  rapidjson::Document d;
  d.Parse(r.body.c_str(), r.body.size());
  REQUIRE_FALSE(d.HasParseError());
  REQUIRE(d.IsObject());
  REQUIRE(d.HasMember("error"));
  CHECK(d["error"]["code"].IsString());
  CHECK(d["error"]["message"].IsString());
  CHECK(d["error"]["details"].IsObject());
  CHECK_FALSE(has(r.raw, fixture().secret_marker));
  CHECK_FALSE(has(r.raw, "root:x:0:0"));
}

void check_healthy(int port) {
  auto r = raw_request(port, get_request("/healthz"));
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "\"status\":\"ok\""));
}

struct Case {
  std::string what;
  std::string request;
  int status;  // 0 = any 4xx
};

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("hostile requests each get a clean 4xx JSON error and the server stays up") {
    auto server = start_server();
    const int port = server->port();
    const std::string big(100 * 1024, 'a');
    std::string many_headers;
    for (int i = 0; i < 3000; ++i) many_headers += "X-H" + std::to_string(i) + ": v\r\n";
    const std::vector<Case> cases = {
        // Path traversal on static files, plain and encoded.
        {"dot-dot", get_request("/../../etc/passwd"), 0},
        {"encoded dot-dot", get_request("/%2e%2e/%2e%2e/etc/passwd"), 0},
        {"encoded slash", get_request("/..%2f..%2fetc%2fpasswd"), 0},
        {"double-encoded", get_request("/%252e%252e/%252e%252e/etc/passwd"), 404},
        {"inside then out", get_request("/css/../../outside/secret.txt"), 0},
        {"absolute path", get_request("//etc/passwd"), 404},
        {"absolute-form target", get_request("http://127.0.0.1/../../etc/passwd"), 0},
        {"backslashes", get_request("/..\\..\\etc\\passwd"), 0},
        {"symlink to a file outside", get_request("/outside.txt"), 404},
        {"symlinked folder outside", get_request("/outside-dir/secret.txt"), 404},
        {"symlink to /etc/passwd", get_request("/passwd"), 404},
        // Issue 22: dotfiles under web/ are never served.
        {"dotfile", get_request("/.env"), 404},
        {"dot folder", get_request("/.git/config"), 404},
        {"encoded dot folder", get_request("/%2egit/config"), 404},
        {"dotfile in a folder", get_request("/css/.site.css.swp"), 404},
        {"NUL in the path", get_request("/index.html%00.css"), 400},
        // Oversized input.
        {"huge query string", get_request("/api/v1/search?q=" + big), 0},
        {"huge header", get_request("/healthz", "X-Big: " + big + "\r\n"), 431},
        {"3000 headers", get_request("/healthz", many_headers), 431},
        {"huge body on POST",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: " +
             std::to_string(big.size()) + "\r\n\r\n" + big,
         413},
        {"long id", get_request("/api/v1/nodes/" + std::string(6000, 'x')), 0},
        {"query over its byte cap", get_request("/api/v1/search?q=" + std::string(1500, 'q')), 400},
        // Malformed encoding.
        {"bad percent-encoding", get_request("/api/v1/search?q=%ZZ"), 400},
        {"truncated percent-encoding", get_request("/api/v1/search?q=abc%E"), 400},
        {"invalid UTF-8 value", get_request("/api/v1/search?q=%FF%FE"), 400},
        {"overlong UTF-8", get_request("/api/v1/search?q=%C0%AF"), 400},
        {"lone surrogate", get_request("/api/v1/search?q=%ED%A0%80"), 400},
        {"invalid UTF-8 name", get_request("/api/v1/search?%FF=1"), 400},
        {"invalid UTF-8 id", get_request("/api/v1/nodes/%FF%FE"), 0},
        // Deep and huge graph requests.
        {"neighbourhood depth 99", get_request("/api/v1/neighborhood?id=cn/pipl&depth=99"), 400},
        {"neighbourhood limit 10^6", get_request("/api/v1/neighborhood?id=cn/pipl&limit=1000000"),
         400},
        {"paths k=1000", get_request("/api/v1/paths?from=actor/cac&to=cn/pipl&k=1000"), 400},
        {"paths length 100", get_request("/api/v1/paths?from=actor/cac&to=cn/pipl&max_length=100"),
         400},
        {"citation network depth 50", get_request("/api/v1/citations/graph?id=cn/pipl&depth=50"),
         400},
        {"search offset 10^9", get_request("/api/v1/search?q=data&offset=1000000000"), 400},
        // Negative and overflowing numbers.
        {"limit -1", get_request("/api/v1/search?q=data&limit=-1"), 400},
        {"limit 10^20", get_request("/api/v1/search?q=data&limit=99999999999999999999"), 400},
        {"limit 2^64", get_request("/api/v1/search?q=data&limit=18446744073709551616"), 400},
        {"limit +5", get_request("/api/v1/search?q=data&limit=%2B5"), 400},
        {"limit 1e3", get_request("/api/v1/search?q=data&limit=1e3"), 400},
        {"limit 0x10", get_request("/api/v1/search?q=data&limit=0x10"), 400},
        {"empty limit", get_request("/api/v1/search?q=data&limit="), 400},
        {"limit twice", get_request("/api/v1/search?q=data&limit=1&limit=2"), 400},
        {"depth -3", get_request("/api/v1/neighborhood?id=cn/pipl&depth=-3"), 400},
        {"impossible date", get_request("/api/v1/obligations?in_force_on=2023-02-30"), 400},
        // Methods.
        {"PUT", "PUT /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405},
        {"DELETE", "DELETE /api/v1/nodes/cn/pipl HTTP/1.1\r\nHost: x\r\n\r\n", 405},
        {"PATCH", "PATCH /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405},
        {"TRACE (httplib refuses the method)", "TRACE / HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        {"made-up method", "BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        {"GET on a POST route", get_request("/api/v1/admin/reload"), 0},
        {"POST on a GET route",
         "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 0},
        // Framing.
        {"body on GET",
         "GET /api/v1/search?q=data HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
         "\r\nhello",
         400},
        {"chunked GET",
         "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5\r\nhello\r\n0\r\n\r\n",
         400},
        // Issue 22: Content-Length must be one plain decimal number (request smuggling behind a
        // proxy that reads it otherwise), and a POST must say how long its body is.
        {"two different Content-Lengths",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
         "Content-Length: 5\r\n\r\nhello",
         400},
        {"two equal Content-Lengths",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
         "Content-Length: 0\r\n\r\n",
         400},
        {"Content-Length list",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 0, 5\r\n\r\nhello", 400},
        {"Content-Length +0",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: +0\r\n\r\n", 400},
        {"Content-Length -1",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400},
        {"Content-Length and Transfer-Encoding",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         400},
        {"unknown Transfer-Encoding",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400},
        {"GET with Content-Length +0", get_request("/healthz", "Content-Length: +0\r\n"), 400},
        // Without a length the body would run to the end of the connection: answered at once.
        {"POST without Content-Length", "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\n\r\n",
         411},
        {"Range on an error (found by fuzz_http_request)",
         get_request("/no-such-file", "Range: bytes=0-10\r\n"), 404},
        {"Range on an API error", get_request("/api/v1/search?limit=-1", "Range: bytes=0-5\r\n"),
         400},
        {"HTTP/0.9 line", "GET /\r\n\r\n", 400},
        {"garbage line", "\x01\x02\x03 \xff\xfe\r\n\r\n", 400},
        {"header without colon", get_request("/healthz", "NoColonHere\r\n"), 400},
        // Admin routes without a configured token.
        {"admin reload, no token configured",
         "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer guess\r\n"
         "Content-Length: 0\r\n\r\n",
         403},
        {"admin snapshot file, no token configured",
         get_request("/api/v1/admin/snapshot/file?path=../../etc/passwd"), 403},
    };
    int refused = 0;
    for (const auto& c : cases) {
      CAPTURE(c.what);
      auto t0 = std::chrono::steady_clock::now();
      check_clean_4xx(raw_request(port, c.request), c.status);
      // Each is refused at once: none waits for a timeout (the read timeout is 10 s).
      CHECK(std::chrono::steady_clock::now() - t0 < 3s);
      check_healthy(port);
      ++refused;
    }
    CHECK(refused == static_cast<int>(cases.size()));
    MESSAGE("hostile requests refused cleanly: " << refused);

    // An inside symlink and the page itself are still served, with the security headers.
    for (const char* ok : {"/", "/index.html", "/alias.html", "/css/site.css"}) {
      CAPTURE(ok);
      auto r = raw_request(port, get_request(ok));
      REQUIRE(r.status == 200);
      CHECK(r.header("X-Content-Type-Options") == "nosniff");
      CHECK(has(r.header("Content-Security-Policy"), "default-src 'self'"));
      CHECK(has(r.header("Content-Security-Policy"), "frame-ancestors 'none'"));
    }
    auto api = raw_request(port, get_request("/api/v1/search?q=data"));
    REQUIRE(api.status == 200);
    CHECK(api.header("X-Content-Type-Options") == "nosniff");
    CHECK(::kill(server->pid(), 0) == 0);  // still running
  }

  TEST_CASE("header injection: CR LF in parameters never splits the response") {
    auto server = start_server();
    for (const std::string target :
         {"/api/v1/search?q=a%0D%0ASet-Cookie:%20injected=1",
          "/api/v1/obligations?instrument=x%0D%0ASet-Cookie:%20injected=1&format=csv",
          "/api/v1/nodes/x%0D%0ASet-Cookie:%20injected=1",
          "/missing%0D%0ASet-Cookie:%20injected=1"}) {
      CAPTURE(target);
      auto r = raw_request(server->port(), get_request(target));
      REQUIRE(r.status > 0);
      CHECK(r.status < 500);
      CHECK(r.header("Set-Cookie").empty());
      CHECK_FALSE(has(r.head, "\r\nSet-Cookie"));
      check_healthy(server->port());
    }
    // A header value carrying a bare CR, or a folded line: refused, never echoed as a header.
    auto r = raw_request(server->port(),
                         get_request("/healthz", "X-Test: a\rSet-Cookie: injected=1\r\n"));
    CHECK(r.status == 400);
    CHECK(r.header("Set-Cookie").empty());
    r = raw_request(server->port(), get_request("/healthz", "X-Test: a\r\n Set-Cookie: x=1\r\n"));
    CHECK(r.status == 400);
    check_healthy(server->port());
  }

  TEST_CASE("a body on GET closes the connection: its bytes are never read as a request") {
    auto server = start_server();
    int fd = regkg::test::connect_loopback(server->port());
    REQUIRE(fd >= 0);
    regkg::test::send_all(fd,
                          "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 44\r\n\r\n"
                          "GET /api/v1/search?q=smuggled HTTP/1.1\r\n\r\n");
    std::string raw = regkg::test::read_until_close(fd, 5s);
    ::close(fd);
    CAPTURE(raw);
    size_t responses = 0;
    for (size_t at = raw.find("HTTP/1.1 "); at != std::string::npos;
         at = raw.find("HTTP/1.1 ", at + 1))
      ++responses;
    CHECK(responses == 1);
    CHECK(regkg::test::parse_reply(raw).status == 400);
    check_healthy(server->port());
  }

  TEST_CASE("slowloris: request deadline and per-client cap keep workers for a normal client") {
    // 8 workers; one client address may hold 4; a request must arrive whole within 3 s.
    auto server = start_server(
        {"--max-client-connections", "4", "--request-timeout", "3", "--read-timeout", "1"});
    const int port = server->port();
    struct Slow {
      int fd = -1;
      int status = -1;
      std::chrono::steady_clock::time_point closed{};
    };
    // 30 connections from another loopback address that send a request head a byte at a time.
    std::vector<Slow> slow(30);
    const auto start = std::chrono::steady_clock::now();
    for (auto& s : slow) {
      s.fd = regkg::test::connect_loopback(port, "127.0.0.2");
      REQUIRE(s.fd >= 0);
      regkg::test::send_all(s.fd, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    }
    // The slow connections belong to this thread until it ends: when all are closed, or after 8 s.
    std::thread trickle([&] {
      std::map<int, std::string> got;
      for (size_t open = slow.size(); open > 0 && std::chrono::steady_clock::now() - start < 8s;) {
        open = 0;
        for (auto& s : slow) {
          if (s.fd < 0) continue;
          ::send(s.fd, "a", 1, MSG_NOSIGNAL);  // one byte per round: each read is in time
          pollfd p{s.fd, POLLIN, 0};
          while (::poll(&p, 1, 0) > 0) {
            char buf[4096];
            ssize_t n = ::recv(s.fd, buf, sizeof buf, 0);
            if (n <= 0) {
              s.status = regkg::test::parse_reply(got[s.fd]).status;
              s.closed = std::chrono::steady_clock::now();
              ::close(s.fd);
              s.fd = -1;
              break;
            }
            got[s.fd].append(buf, static_cast<size_t>(n));
          }
          if (s.fd >= 0) ++open;
        }
        std::this_thread::sleep_for(200ms);
      }
    });

    // Meanwhile a normal client (one keep-alive connection, as a browser tab would hold) is
    // answered promptly, every time.
    std::this_thread::sleep_for(300ms);
    int served = 0;
    std::chrono::milliseconds slowest{0};
    httplib::Client normal("127.0.0.1", port);
    normal.set_keep_alive(true);
    normal.set_connection_timeout(5, 0);
    normal.set_read_timeout(10, 0);
    for (int i = 0; i < 20; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto r = normal.Get("/api/v1/search?q=data&limit=1");
      auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - t0);
      slowest = std::max(slowest, took);
      if (r && r->status == 200)
        ++served;
      else
        MESSAGE("normal client got "
                << (r ? r->status : -1) << ": "
                << (r ? r->body.substr(0, 200) : httplib::to_string(r.error())));
    }
    CHECK(served == 20);
    CHECK(slowest < 2000ms);  // never waits for a slow client's deadline (3 s)

    // Every slow connection ends: over the cap at once with 503, the rest with 408 at the deadline.
    trickle.join();
    int rejected = 0, timed_out = 0, other = 0;
    std::chrono::milliseconds last_close{0};
    for (const auto& s : slow) {
      if (s.fd >= 0) ::close(s.fd);
      if (s.status == 503)
        ++rejected;
      else if (s.status == 408)
        ++timed_out;
      else
        ++other;
      if (s.closed.time_since_epoch().count())
        last_close = std::max(
            last_close, std::chrono::duration_cast<std::chrono::milliseconds>(s.closed - start));
    }
    MESSAGE("slowloris: " << rejected << " x 503, " << timed_out << " x 408, " << other
                          << " other; last closed after " << last_close.count()
                          << " ms; normal client slowest " << slowest.count() << " ms");
    CHECK(timed_out == 4);
    CHECK(rejected == 26);
    CHECK(other == 0);
    CHECK(last_close < 5500ms);
    check_healthy(port);
  }

  TEST_CASE("admin tokens never reach the access log and admin routes need the token") {
    auto& f = fixture();
    const std::string token = "tok-4c1d9e-never-logged";
    std::string text;  // the server's stderr: access lines and anything else it logged
    {
      regkg::test::RegkgServer server(f.data, {"--access-log"}, {"REGKG_ADMIN_TOKEN=" + token},
                                      f.web);
      const int port = server.port();
      const std::string auth = "Authorization: Bearer " + token + "\r\n";
      auto ok = raw_request(port, "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\n" + auth +
                                      "Content-Length: 0\r\nConnection: close\r\n\r\n");
      CHECK(ok.status == 200);
      auto wrong =
          raw_request(port,
                      "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: "
                      "Bearer wrong-token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      CHECK(wrong.status == 401);
      check_clean_4xx(wrong, 401);
      auto none = raw_request(port,
                              "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\n"
                              "Content-Length: 0\r\nConnection: close\r\n\r\n");
      CHECK(none.status == 401);
      CHECK(raw_request(port, get_request("/api/v1/admin/snapshot", auth)).status == 200);
      // The token in a query string or a header of an ordinary request is not logged either.
      CHECK(raw_request(port, get_request("/api/v1/search?q=" + token)).status == 200);
      CHECK(raw_request(port, get_request("/healthz?token=" + token)).status == 400);
      CHECK(raw_request(port, get_request("/healthz", auth)).status == 200);
      CHECK(server.stop() == 0);
      text = server.log();
    }
    CAPTURE(text);
    CHECK(has(text, "POST /api/v1/admin/reload 200"));
    CHECK(has(text, "POST /api/v1/admin/reload 401"));
    CHECK(has(text, "GET /api/v1/search 200"));
    CHECK_FALSE(has(text, token));
    CHECK_FALSE(has(text, "Bearer"));
  }

  TEST_CASE("the default bind is 127.0.0.1") {
    auto& f = fixture();
    regkg::test::RegkgServer server(f.data, {}, {}, f.web);  // no --host
    CHECK(has(server.first_line(), "at http://127.0.0.1:"));
    // The kernel's view of the listening socket: local address 127.0.0.1 (0100007F), state LISTEN.
    char port_hex[8];
    std::snprintf(port_hex, sizeof port_hex, "%04X", server.port());
    std::ifstream tcp("/proc/net/tcp");
    std::string line, listening;
    while (std::getline(tcp, line))
      if (has(line, std::string(":") + port_hex + " ") && has(line, " 0A ")) listening = line;
    CAPTURE(listening);
    CHECK(has(listening, std::string("0100007F:") + port_hex));
    std::string help;
    {
      FILE* p = ::popen((std::string("'") + REGKG_BINARY + "' serve --help").c_str(), "r");
      REQUIRE(p);
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) help.append(buf, n);
      ::pclose(p);
    }
    CHECK(has(help, "127.0.0.1"));
  }
}
