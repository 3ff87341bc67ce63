// Integration tests of the versions and diff routes over HTTP (GET /api/v1/instruments/{id},
// GET /api/v1/diff) on a small real corpus: point in time on both sides of an effective date,
// the draft of the Generative AI Measures known from corpus/facts/versions.json, diffs and errors.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"
#include "text/markup_escape.h"

namespace {

namespace fs = std::filesystem;
using regkg::test::pct;

// One ingest and one server for this file's tests.
struct DiffFixture {
  regkg::test::IngestedCorpus ingested{regkg::test::small_corpus_files()};
  std::unique_ptr<regkg::test::ServerProcess> server = std::make_unique<regkg::test::ServerProcess>(
      ingested.data(), fs::path(REGKG_SOURCE_DIR) / "web");
};

DiffFixture& fixture() {
  static DiffFixture f;
  return f;
}

struct Reply {
  int status = -1;
  std::string body, content_type, csp;
  rapidjson::Document json;
};

Reply get(const std::string& url) {
  httplib::Client c("127.0.0.1", fixture().server->port());
  c.set_read_timeout(30, 0);
  Reply r;
  auto res = c.Get(url.c_str());
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.content_type = res->get_header_value("Content-Type");
  r.csp = res->get_header_value("Content-Security-Policy");
  r.json.Parse(r.body.data(), r.body.size());
  return r;
}

std::string str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) return "<none>";
  return v[key].GetString();
}

std::string error_code(const Reply& r) {
  if (r.json.HasParseError() || !r.json.IsObject() || !r.json.HasMember("error")) return "<none>";
  return str(r.json["error"], "code");
}

const char* kCe2014 = "cn/counter-espionage-law@2014-11-01";
const char* kCe2023 = "cn/counter-espionage-law@2023-04-26";
const char* kDraft = "cn/generative-ai-measures@2023-04-11";
const char* kFinal = "cn/generative-ai-measures@2023-07-10";

std::string in_force_id(const Reply& r) {
  const auto& p = r.json["point_in_time"];
  return p["in_force"].IsNull() ? "null" : str(p["in_force"], "id");
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("instruments: as_of picks the version in force on both sides of an effective date") {
    fixture();
    // The 2023 revision took effect on 2023-07-01 (its header: 2023年7月1日 施行).
    auto before = get("/api/v1/instruments/cn/counter-espionage-law?as_of=2023-06-30");
    REQUIRE(before.status == 200);
    CHECK(in_force_id(before) == kCe2014);
    auto after =
        get("/api/v1/instruments/" + pct("cn/counter-espionage-law") + "?as_of=2023-07-01");
    REQUIRE(after.status == 200);
    CHECK(in_force_id(after) == kCe2023);
    REQUIRE(after.json["versions"].Size() == 2);
    CHECK(str(after.json["versions"][0], "id") == kCe2014);
    CHECK(after.json["versions"][0]["in_force"].GetBool() == false);
    CHECK(after.json["versions"][1]["in_force"].GetBool() == true);
    CHECK(std::string(after.json["versions"][1]["supersedes"][0].GetString()) == kCe2014);
    CHECK(after.json["versions"][0]["article_count"].GetUint64() == 40);
    CHECK(after.json["versions"][1]["article_count"].GetUint64() == 71);
    REQUIRE(after.json["diffs"].Size() == 1);
    CHECK(str(after.json["diffs"][0], "to") == kCe2023);

    // Before the first version: none in force, the nearest later one named.
    auto early = get("/api/v1/instruments/cn/counter-espionage-law?as_of=2010-01-01");
    REQUIRE(early.status == 200);
    CHECK(in_force_id(early) == "null");
    CHECK(str(early.json["point_in_time"]["nearest_later"], "id") == kCe2014);
    CHECK(early.json["point_in_time"]["nearest_earlier"].IsNull());
    // Without as_of: all versions, no point in time.
    auto plain = get("/api/v1/instruments/cn/counter-espionage-law");
    REQUIRE(plain.status == 200);
    CHECK(plain.json["point_in_time"].IsNull());
    // No day asked: in_force is null (present, as every member of an answer is).
    REQUIRE(plain.json["versions"][0].HasMember("in_force"));
    CHECK(plain.json["versions"][0]["in_force"].IsNull());
  }

  TEST_CASE(
      "the generative AI draft: a version from facts, never in force, linked and found by news") {
    fixture();
    auto r = get("/api/v1/instruments/cn/generative-ai-measures?as_of=2023-05-01");
    REQUIRE(r.status == 200);
    REQUIRE(r.json["versions"].Size() == 2);
    const auto& draft = r.json["versions"][0];
    CHECK(str(draft, "id") == kDraft);
    CHECK(str(draft, "status") == "draft");
    CHECK(str(draft, "published") == "2023-04-11");
    CHECK(str(draft, "comment_deadline") == "2023-05-10");
    CHECK(str(draft, "source_file") == "corpus/facts/versions.json");
    CHECK(draft["text_in_corpus"].GetBool() == false);
    CHECK(std::string(draft["draft_of"][0].GetString()) == kFinal);
    CHECK(std::string(r.json["versions"][1]["supersedes"][0].GetString()) == kDraft);
    // During the comment period the draft existed but was not the law.
    CHECK(in_force_id(r) == "null");
    CHECK(str(r.json["point_in_time"]["nearest_later"], "id") == kFinal);
    CHECK(in_force_id(get("/api/v1/instruments/cn/generative-ai-measures?as_of=2023-08-15")) ==
          kFinal);
    CHECK(in_force_id(get("/api/v1/instruments/cn/generative-ai-measures?as_of=2023-08-14")) ==
          "null");

    // The node: provenance from the facts file; news about the draft points at it.
    auto n = get("/api/v1/nodes/" + std::string(kDraft));
    REQUIRE(n.status == 200);
    CHECK(str(n.json["node"]["source"], "file") == "corpus/facts/versions.json");
    CHECK(n.json["node"]["source"]["confidence"].GetDouble() == 1.0);
    bool news_about = false, issuer = false;
    for (const auto& g : n.json["edge_groups"].GetArray()) {
      for (const auto& item : g["items"].GetArray()) {
        if (str(g, "type") == "about" && str(g, "direction") == "in" &&
            str(item, "id") ==
                "news/2023-05-31-china-isnt-waiting-to-set-down-rules-on-generative-ai")
          news_about = str(item["provenance"], "rule") == "news.about.draft.words";
        if (str(g, "type") == "issued_by" && str(item, "id") == "actor/cac") issuer = true;
      }
    }
    CHECK(news_about);
    CHECK(issuer);
  }

  TEST_CASE("diff JSON: 反间谍法 2014 -> 2023 / aligned articles / redline ops / obligations") {
    fixture();
    auto r = get(std::string("/api/v1/diff?from=") + kCe2014 + "&to=" + kCe2023);
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.json.HasParseError());
    CHECK(r.json["comparable"].GetBool());
    CHECK(r.json["same_version"].GetBool() == false);
    CHECK(str(r.json["instrument"], "id") == "cn/counter-espionage-law");
    const auto& counts = r.json["summary"]["articles"];
    CHECK(counts["added"].GetUint64() >= 25);
    CHECK(counts["renumbered"].GetUint64() >= 1);
    bool renumbered = false, definition = false;
    for (const auto& a : r.json["articles"].GetArray()) {
      if (a["from"].Size() != 1 || a["to"].Size() != 1) continue;
      std::string f = str(a["from"][0], "number"), t = str(a["to"][0], "number");
      if (f == "art-6" && t == "art-10") renumbered = str(a, "status") == "renumbered";
      if (f == "art-38" && t == "art-4") {
        definition = a["moved"].GetBool();
        bool cyber = false;
        for (const auto& op : a["ops"].GetArray())
          if (str(op, "op") == "insert" && str(op, "text").find("网络攻击") != std::string::npos)
            cyber = true;
        CHECK(cyber);
      }
    }
    CHECK(renumbered);
    CHECK(definition);
    CHECK(r.json["obligations"].Size() > 10);
    CHECK(r.json["summary"]["obligations"]["added"].GetUint64() > 0);
  }

  TEST_CASE("diff HTML: a redline page with <ins>/<del> / its own CSP / escaped text") {
    fixture();
    auto r = get(std::string("/api/v1/diff?format=html&from=") + kCe2014 + "&to=" + kCe2023);
    REQUIRE(r.status == 200);
    CHECK(r.content_type.find("text/html") == 0);
    CHECK(r.csp.find("default-src 'none'") != std::string::npos);
    CHECK(r.body.find("<ins>") != std::string::npos);
    CHECK(r.body.find("<del>") != std::string::npos);
    CHECK(r.body.find("<script") == std::string::npos);
    CHECK(regkg::text::html_escape("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;");
  }

  TEST_CASE("diff edge cases: same version / a draft without text / errors") {
    fixture();
    auto same = get("/api/v1/diff?from=cn/pipl@2021-08-20&to=cn/pipl@2021-08-20");
    REQUIRE(same.status == 200);
    CHECK(same.json["same_version"].GetBool());
    CHECK(same.json["summary"]["articles"]["unchanged"].GetUint64() == 74);
    CHECK(same.json["summary"]["articles"]["modified"].GetUint64() == 0);

    auto draft = get(std::string("/api/v1/diff?from=") + kDraft + "&to=" + kFinal);
    REQUIRE(draft.status == 200);
    CHECK(draft.json["comparable"].GetBool() == false);
    CHECK(str(draft.json, "message").find("no article text") != std::string::npos);
    CHECK(draft.json["articles"].Size() == 0);
    CHECK(str(draft.json["from"], "status") == "draft");

    struct Case {
      std::string url;
      int status;
      std::string code;
    };
    const Case cases[] = {
        {"/api/v1/diff?to=" + std::string(kCe2023), 400, "missing_parameter"},
        {"/api/v1/diff?from=nope&to=" + std::string(kCe2023), 404, "unknown_id"},
        {std::string("/api/v1/diff?from=cn/pipl@2021-08-20&to=") + kCe2023, 400,
         "different_instruments"},
        {std::string("/api/v1/diff?from=") + kCe2014 + "/art-1&to=" + kCe2023, 400,
         "not_a_version"},
        {std::string("/api/v1/diff?format=xml&from=") + kCe2014 + "&to=" + kCe2023, 400,
         "bad_parameter"},
        {std::string("/api/v1/diff?from=") + kCe2014 + "&to=" + kCe2023 + "&x=1", 400,
         "unknown_parameter"},
        {"/api/v1/instruments/" + std::string(kCe2014), 400, "not_an_instrument"},
        {"/api/v1/instruments/cn/no-such-law", 404, "unknown_id"},
        {"/api/v1/instruments/cn/counter-espionage-law?as_of=2023-13-01", 400, "bad_parameter"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.url);
      auto r = get(c.url);
      CHECK(r.status == c.status);
      CHECK(error_code(r) == c.code);
    }
  }
}
