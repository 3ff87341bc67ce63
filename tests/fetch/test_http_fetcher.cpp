// Tests for the HTTP fetcher against a real loopback server: validators and 304, redirects within
// and across hosts, 404, a slow page beyond the time limit, the size cap, a closed port; and URL
// resolution.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "fetch/http_fetcher.h"
#include "tests/fetch/fixture_publisher.h"

using namespace regkg::fetch;
using regkg::test::FixturePublisher;

namespace {

HttpLimits quick_limits() {
  HttpLimits l;
  l.connect_timeout = 2;
  l.read_timeout = 0.4;
  l.total_timeout = 5;
  l.max_redirects = 3;
  return l;
}

}  // namespace

TEST_CASE("GET with validators: 200 with ETag and Last-Modified / then 304 for each validator") {
  FixturePublisher pub;
  pub.publish("/a.htm", {"<p>第一条 甲。</p>", "text/html; charset=utf-8", "\"v1\"",
                         "Mon, 01 Apr 2024 08:00:00 GMT"});
  const HttpFetcher f(quick_limits());
  const HttpResult first = f.get(pub.url("/a.htm"));
  REQUIRE(first.ok);
  CHECK(first.status == 200);
  CHECK(first.body == "<p>第一条 甲。</p>");
  CHECK(first.etag == "\"v1\"");
  CHECK(first.last_modified == "Mon, 01 Apr 2024 08:00:00 GMT");
  CHECK(first.content_type == "text/html; charset=utf-8");
  CHECK(first.final_url == pub.url("/a.htm"));

  const HttpResult by_etag = f.get(pub.url("/a.htm"), "\"v1\"", "");
  CHECK(by_etag.status == 304);
  CHECK(by_etag.body.empty());
  const HttpResult by_date = f.get(pub.url("/a.htm"), "", "Mon, 01 Apr 2024 08:00:00 GMT");
  CHECK(by_date.status == 304);
  const HttpResult stale = f.get(pub.url("/a.htm"), "\"v0\"", "");
  CHECK(stale.status == 200);
  CHECK(pub.not_modified("/a.htm") == 2);
  CHECK(pub.requests("/a.htm") == 4);
}

TEST_CASE("redirects: relative / absolute to another host / too many") {
  FixturePublisher pub, other;
  other.publish("/law.html", {"<p>第一条 乙。</p>"});
  pub.publish("/new/page.htm", {"<p>第一条 甲。</p>"});
  pub.redirect("/old/page.htm", "../new/page.htm", 302);
  pub.redirect("/moved", other.url("/law.html"), 301);
  pub.redirect("/loop", "/loop", 307);
  const HttpFetcher f(quick_limits());

  const HttpResult rel = f.get(pub.url("/old/page.htm"));
  REQUIRE(rel.ok);
  CHECK(rel.status == 200);
  CHECK(rel.final_url == pub.url("/new/page.htm"));
  CHECK(rel.redirects == std::vector<std::string>{pub.url("/old/page.htm")});

  const HttpResult cross = f.get(pub.url("/moved"));
  REQUIRE(cross.ok);
  CHECK(cross.body == "<p>第一条 乙。</p>");
  CHECK(cross.final_url == other.url("/law.html"));

  const HttpResult loop = f.get(pub.url("/loop"));
  CHECK_FALSE(loop.ok);
  CHECK(loop.error == "more than 3 redirects starting at " + pub.url("/loop") +
                          " (last: " + pub.url("/loop") + " -> /loop)");
  CHECK(pub.requests("/loop") == 4);
}

TEST_CASE(
    "non-2xx statuses come back as responses - time limits / size cap and closed ports as errors") {
  FixturePublisher pub;
  pub.publish("/slow.htm", {"<p>第一条 慢。</p>", "text/html", "", "", 200, 3.0});
  pub.publish("/big.htm", {std::string(200 * 1024, 'x'), "text/html"});
  pub.publish("/error.htm", {"oops", "text/plain", "", "", 503});
  HttpLimits limits = quick_limits();
  limits.max_bytes = 64 * 1024;
  const HttpFetcher f(limits);

  const HttpResult missing = f.get(pub.url("/missing.htm"));
  REQUIRE(missing.ok);
  CHECK(missing.status == 404);
  CHECK(f.get(pub.url("/error.htm")).status == 503);

  const auto start = std::chrono::steady_clock::now();
  const HttpResult slow = f.get(pub.url("/slow.htm"));
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(slow.ok);
  CHECK(slow.error == "timed out after 0.4 s waiting for " + pub.url("/slow.htm"));
  CHECK(waited < 2.0);  // bounded by the read limit, not by the page's 3 s

  const HttpResult big = f.get(pub.url("/big.htm"));
  CHECK_FALSE(big.ok);
  CHECK(big.error ==
        "the page is larger than the 64 KiB cap (Content-Length 204800) at " + pub.url("/big.htm"));

  int closed_port = 0;
  {
    FixturePublisher gone;
    closed_port = gone.port();
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port) + "/x";
  const HttpResult refused = f.get(url);
  CHECK_FALSE(refused.ok);
  CHECK(refused.error ==
        "cannot connect to 127.0.0.1:" + std::to_string(closed_port) + " (" + url + ")");
  CHECK(f.get("ftp://example.org/").error == "not an http(s) URL: ftp://example.org/");
}

TEST_CASE("URLs: parsing and resolving Location headers") {
  ParsedUrl u;
  REQUIRE(parse_http_url("https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm#top", &u));
  CHECK(u.scheme == "https");
  CHECK(u.host == "www.cac.gov.cn");
  CHECK(u.port == 443);
  CHECK(u.target == "/2023-07/13/c_1690898327029107.htm");
  CHECK(u.origin() == "https://www.cac.gov.cn");
  REQUIRE(parse_http_url("http://127.0.0.1:8080?x=1", &u));
  CHECK(u.target == "/?x=1");
  CHECK(u.origin() == "http://127.0.0.1:8080");
  REQUIRE(parse_http_url("http://[::1]:9000/a", &u));
  CHECK(u.host == "::1");
  CHECK(u.origin() == "http://[::1]:9000");
  CHECK_FALSE(parse_http_url("http://user:pw@host/", &u));
  CHECK_FALSE(parse_http_url("http://host:99999/", &u));
  CHECK_FALSE(parse_http_url("mailto:x@y", &u));

  const std::string base = "http://a.gov.cn/npc/c2/page.html?id=1";
  CHECK(resolve_location(base, "https://b.gov.cn/x") == "https://b.gov.cn/x");
  CHECK(resolve_location(base, "//c.gov.cn/y") == "http://c.gov.cn/y");
  CHECK(resolve_location(base, "/z.html") == "http://a.gov.cn/z.html");
  CHECK(resolve_location(base, "other.html") == "http://a.gov.cn/npc/c2/other.html");
  CHECK(resolve_location(base, "../../up/./x.html#frag") == "http://a.gov.cn/up/x.html");
  CHECK(resolve_location(base, "?id=2") == "http://a.gov.cn/npc/c2/page.html?id=2");
  CHECK(resolve_location(base, "") == "");
}
