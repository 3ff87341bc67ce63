// Hot reload, admin routes and the Atom feed, against the real `regkg serve` on an ephemeral port:
// a new snapshot is picked up by polling while clients keep querying (none fails), a snapshot
// that cannot be opened is refused with the reason in /healthz, admin routes need the token, and
// the feed lists what entered regkg.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using regkg::test::RegkgServer;
using regkg::test::wait_for;

namespace {

const char* kToken = "s3cret-admin-token-0123456789";
using regkg::test::kAdded;

struct Json {
  int status = -1;
  std::string body;
  rapidjson::Document doc;
};

Json get_json(int port, const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  Json j;
  if (auto res = c.Get(path.c_str(), headers)) {
    j.status = res->status;
    j.body = res->body;
    j.doc.Parse(j.body.data(), j.body.size());
  }
  return j;
}

Json post_json(int port, const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  Json j;
  if (auto res = c.Post(path.c_str(), headers, "", "text/plain")) {
    j.status = res->status;
    j.body = res->body;
    j.doc.Parse(j.body.data(), j.body.size());
  }
  return j;
}

std::string served_id(int port) {
  Json h = get_json(port, "/healthz");
  if (h.status != 200 || !h.doc.IsObject()) return "";
  return h.doc["snapshot"]["id"].GetString();
}

std::string current_id(const fs::path& data) {
  std::string id = regkg::test::read_file(data / "CURRENT");
  while (!id.empty() && id.back() == '\n') id.pop_back();
  return id;
}

void ingest(const fs::path& corpus, const fs::path& data) {
  std::string out;
  int rc = regkg::test::run_regkg(
      "ingest --corpus '" + corpus.string() + "' --data '" + data.string() + "' --threads 2", out);
  INFO(out);
  REQUIRE(rc == 0);
}

// Points CURRENT at `id` the way ingest does (write + atomic rename).
void set_current(const fs::path& data, const std::string& id) {
  regkg::test::write_file(data / "CURRENT.tmp", id + "\n");
  fs::rename(data / "CURRENT.tmp", data / "CURRENT");
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE(
      "reload: a new snapshot is served without one failed request and a broken one is refused") {
    regkg::test::TempDir corpus, tmp;
    const fs::path data = tmp.path() / "data";
    regkg::test::make_small_corpus(corpus.path(), false);
    fs::remove(corpus.path() / fs::u8path(kAdded));
    ingest(corpus.path(), data);
    const std::string first = current_id(data);
    RegkgServer server(data, {"--watch-interval", "0.2"});
    REQUIRE(served_id(server.port()) == first);

    // Clients query continuously (keep-alive connections) while a new snapshot lands.
    std::atomic<bool> stop{false};
    std::atomic<size_t> ok{0}, failed{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t)
      clients.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", server.port());
        c.set_keep_alive(true);
        c.set_read_timeout(30, 0);
        const char* paths[] = {"/api/v1/search?q=%E6%95%B0%E6%8D%AE", "/healthz",
                               "/api/v1/nodes/cn%2Fpipl", "/api/v1/search?q=personal"};
        for (size_t i = 0; !stop; ++i) {
          auto res = c.Get(paths[(i + t) % 4]);
          (res && res->status == 200 ? ok : failed)++;
        }
      });
    fs::create_symlink(regkg::test::corpus_file(kAdded), corpus.path() / fs::u8path(kAdded));
    ingest(corpus.path(), data);
    const std::string second = current_id(data);
    CHECK(second != first);
    CHECK(wait_for([&] { return served_id(server.port()) == second; }, std::chrono::seconds(20)));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    for (auto& c : clients) c.join();
    CHECK(failed == 0);
    CHECK(ok > 50);
    Json s = get_json(server.port(),
                      "/api/v1/"
                      "search?q=%E7%A7%91%E5%AD%A6%E6%8A%80%E6%9C%AF%E7%AC%AC%E4%B8%80%E7%94%9F%E4%"
                      "BA%A7%E5%8A%9B");  // 科学技术第一生产力
    REQUIRE(s.status == 200);
    CHECK(s.body.find("cn/science-technology-progress-law@2021-12-24/art-1") != std::string::npos);
    Json h = get_json(server.port(), "/healthz");
    CHECK(h.doc["reload"]["reloads"].GetUint64() == 1);
    CHECK(std::string(h.doc["reload"]["last_result"].GetString()) == "reloaded");

    // A snapshot whose graph file is truncated: refused, the good one keeps serving.
    const std::string broken = "29991231T235959000Z-broken";
    fs::copy(data / "snapshots" / second, data / "snapshots" / broken, fs::copy_options::recursive);
    const fs::path graph = data / "snapshots" / broken / "graph.bin";
    fs::resize_file(graph, fs::file_size(graph) / 2);
    set_current(data, broken);
    CHECK(wait_for(
        [&] {
          Json hz = get_json(server.port(), "/healthz");
          return hz.status == 200 && hz.doc["reload"]["refused_snapshot"].IsString() &&
                 std::string(hz.doc["reload"]["refused_snapshot"].GetString()) == broken;
        },
        std::chrono::seconds(20)));
    h = get_json(server.port(), "/healthz");
    CHECK(std::string(h.doc["snapshot"]["id"].GetString()) == second);
    CHECK(std::string(h.doc["reload"]["last_result"].GetString()) == "refused");
    CHECK(std::string(h.doc["reload"]["last_error"].GetString()).find("graph.bin") !=
          std::string::npos);
    CHECK(h.doc["reload"]["failures"].GetUint64() == 1);
    CHECK(get_json(server.port(), "/api/v1/search?q=personal").status == 200);
    CHECK(server.log().find("refused") != std::string::npos);
  }

  TEST_CASE(
      "admin routes: off without a token and 401 without the right one and tokens never logged") {
    regkg::test::TempDir corpus, tmp;
    const fs::path data = tmp.path() / "data";
    regkg::test::make_small_corpus(corpus.path(), false);
    ingest(corpus.path(), data);
    {
      RegkgServer off(data, {"--watch-interval", "0"});
      Json r = post_json(off.port(), "/api/v1/admin/reload",
                         {{"Authorization", std::string("Bearer ") + kToken}});
      CHECK(r.status == 403);
      CHECK(std::string(r.doc["error"]["code"].GetString()) == "admin_disabled");
    }
    // Twelve wrong tokens in a row from this address: over the default failure limit (5 a
    // minute), which test_hardening.cpp covers.
    RegkgServer server(data, {"--watch-interval", "0", "--access-log", "--admin-max-failures", "0"},
                       {std::string("REGKG_ADMIN_TOKEN=") + kToken});
    const int port = server.port();
    for (const std::string& auth :
         {std::string(""), std::string("Bearer "), std::string("Bearer wrong"),
          std::string("Basic ") + kToken, std::string("Bearer ") + kToken + "x",
          std::string("bearer ") + kToken}) {
      CAPTURE(auth);
      httplib::Headers h;
      if (!auth.empty()) h.emplace("Authorization", auth);
      Json r = post_json(port, "/api/v1/admin/reload", h);
      CHECK(r.status == 401);
      CHECK(std::string(r.doc["error"]["code"].GetString()) == "unauthorized");
      CHECK(get_json(port, "/api/v1/admin/snapshot", h).status == 401);
    }
    const httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
    Json r = post_json(port, "/api/v1/admin/reload", auth);
    CHECK(r.status == 200);
    CHECK(std::string(r.doc["result"].GetString()) == "unchanged");
    CHECK(get_json(port, "/api/v1/admin/reload", auth).status == 404);  // POST only

    // The new snapshot is taken on request even with polling off.
    std::string out;
    ingest(corpus.path(), data);
    r = post_json(port, "/api/v1/admin/reload", auth);
    CHECK(r.status == 200);
    CHECK(std::string(r.doc["result"].GetString()) == "reloaded");
    CHECK(served_id(port) == current_id(data));

    // Snapshot files for replicas: listed paths only.
    Json files = get_json(port, "/api/v1/admin/snapshot", auth);
    REQUIRE(files.status == 200);
    std::vector<std::string> paths;
    for (const auto& f : files.doc["files"].GetArray()) paths.push_back(f["path"].GetString());
    for (const char* expected : {"graph.bin", "manifest.json", "history.json", "index/layers.json"})
      CHECK(std::find(paths.begin(), paths.end(), expected) != paths.end());
    httplib::Client c("127.0.0.1", port);
    auto manifest = c.Get("/api/v1/admin/snapshot/file?path=manifest.json", auth);
    REQUIRE(manifest);
    CHECK(manifest->status == 200);
    CHECK(manifest->body ==
          regkg::test::read_file(data / "snapshots" / current_id(data) / "manifest.json"));
    for (const char* bad : {"../CURRENT", "/etc/passwd", "index/../../CURRENT", "", "index"}) {
      CAPTURE(bad);
      auto res = c.Get(("/api/v1/admin/snapshot/file?path=" + std::string(bad)).c_str(), auth);
      REQUIRE(res);
      CHECK((res->status == 404 || res->status == 400));
    }
    auto stale = c.Get("/api/v1/admin/snapshot/file?path=graph.bin&snapshot=other", auth);
    REQUIRE(stale);
    CHECK(stale->status == 409);
    server.stop();
    const std::string log = server.log();
    CHECK(log.find("/api/v1/admin/reload") != std::string::npos);  // requests are logged ...
    CHECK(log.find(kToken) == std::string::npos);                  // ... tokens never
  }

  TEST_CASE("feed.atom: versions by their own dates after a second ingest adds one") {
    regkg::test::TempDir corpus, tmp;
    const fs::path data = tmp.path() / "data";
    regkg::test::make_small_corpus(corpus.path(), false);
    fs::remove(corpus.path() / fs::u8path(kAdded));
    ingest(corpus.path(), data);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a later second
    fs::create_symlink(regkg::test::corpus_file(kAdded), corpus.path() / fs::u8path(kAdded));
    ingest(corpus.path(), data);
    RegkgServer server(data, {"--watch-interval", "0"});
    httplib::Client c("127.0.0.1", server.port());
    auto feed = c.Get("/feed.atom?limit=500");
    REQUIRE(feed);
    CHECK(feed->status == 200);
    CHECK(feed->get_header_value("Content-Type").rfind("application/atom+xml", 0) == 0);
    // The law that entered last is in the feed, placed by its own date (not at the top because
    // it is new to regkg: issue 18), the newest rule dates first.
    const std::string& xml = feed->body;
    size_t first_entry = xml.find("<entry>");
    REQUIRE(first_entry != std::string::npos);
    CHECK(xml.find("cn/science-technology-progress-law@2021-12-24/published") != std::string::npos);
    // Well-formed Atom with every element RFC 4287 requires (checked by Python's XML parser).
    const fs::path file = tmp.path() / "feed.xml";
    regkg::test::write_file(file, xml);
    const fs::path check = tmp.path() / "check.py";
    regkg::test::write_file(check, R"(import sys, xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == A + 'feed', root.tag
for name in ('id', 'title', 'updated'):
    assert root.find(A + name) is not None and root.find(A + name).text, name
assert root.find(A + 'author') is not None
entries = root.findall(A + 'entry')
ids = set()
for e in entries:
    for name in ('id', 'title', 'updated', 'published', 'summary'):
        assert e.find(A + name) is not None and e.find(A + name).text, name
    assert e.find(A + 'link').get('href').startswith('http://127.0.0.1:')
    assert '/node.html?id=' in e.find(A + 'link').get('href')
    assert e.find(A + 'author/' + A + 'name').text
    assert e.find(A + 'id').text not in ids
    ids.add(e.find(A + 'id').text)
    assert len(e.find(A + 'updated').text) == 20 and e.find(A + 'updated').text.endswith('Z')
print(len(entries))
)");
    std::string out;
    FILE* p = ::popen(
        ("/usr/bin/python3 '" + check.string() + "' '" + file.string() + "' 2>&1").c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    int rc = ::pclose(p);
    INFO(out);
    CHECK(rc == 0);
    CHECK(std::atoi(out.c_str()) >= 8);

    auto only = [&](const std::string& query) {
      auto r = c.Get(("/feed.atom?" + query).c_str());
      REQUIRE(r);
      REQUIRE(r->status == 200);
      size_t n = 0;
      for (size_t at = r->body.find("<entry>"); at != std::string::npos;
           at = r->body.find("<entry>", at + 1))
        ++n;
      return std::make_pair(n, r->body);
    };
    auto [n_dsl, dsl] = only("instrument=cn/data-security-law");
    CHECK(n_dsl == 2);  // published 2021-06-10, takes effect 2021-09-01
    CHECK(dsl.find("cn/data-security-law@2021-06-10") != std::string::npos);
    auto [n_q, q] =
        only("q=%E7%A7%91%E5%AD%A6%E6%8A%80%E6%9C%AF%E7%AC%AC%E4%B8%80%E7%94%9F%E4%BA%A7%E5%8A%9B");
    // A saved search lists matching documents (the law's articles among them).
    CHECK(n_q >= 1);
    CHECK(q.find("cn/science-technology-progress-law@2021-12-24/") != std::string::npos);
    auto [n_limit, limited] = only("limit=2");
    CHECK(n_limit == 2);
    for (const char* bad : {"instrument=cn/nope", "limit=0", "limit=x", "actor=nobody", "foo=1"}) {
      CAPTURE(bad);
      auto r = c.Get(("/feed.atom?" + std::string(bad)).c_str());
      REQUIRE(r);
      CHECK(r->status >= 400);
      CHECK(r->status < 500);
      CHECK(r->body.find("\"error\"") != std::string::npos);
    }
  }
}
