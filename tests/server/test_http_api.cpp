// Integration tests of the real `regkg serve` binary over HTTP: status/body tables, errors.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using regkg::test::pct;
using regkg::test::ServerProcess;

namespace {

const char* kArt17 = "cn/generative-ai-measures@2023-07-10/art-17";

// One ingest (by the real binary) and one server per test process.
struct Fixture {
  regkg::test::IngestedCorpus ingested{regkg::test::small_corpus_files()};
  std::string current_id = ingested.snapshot_id();
  std::unique_ptr<ServerProcess> server =
      std::make_unique<ServerProcess>(ingested.data(), fs::path(REGKG_SOURCE_DIR) / "web");
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

std::unique_ptr<httplib::Client> client() {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", fixture().server->port());
  c->set_connection_timeout(5, 0);
  c->set_read_timeout(30, 0);
  return c;
}

struct Reply {
  int status = -1;
  std::string body;
  httplib::Headers headers;
  rapidjson::Document json;
  bool is_json = false;
};

Reply get(const std::string& url) {
  Reply r;
  auto res = client()->Get(url.c_str());
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.headers = res->headers;
  r.json.Parse(r.body.data(), r.body.size());
  r.is_json = !r.json.HasParseError();
  return r;
}

std::string str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString())
    return "<missing " + std::string(key) + ">";
  return std::string(v[key].GetString(), v[key].GetStringLength());
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const rapidjson::Value* find_result(const rapidjson::Document& d, const std::string& id) {
  if (!d.IsObject() || !d.HasMember("results")) return nullptr;
  for (const auto& r : d["results"].GetArray())
    if (str(r, "id") == id) return &r;
  return nullptr;
}

const rapidjson::Value* find_group(const rapidjson::Document& d, const std::string& type,
                                   const std::string& direction) {
  if (!d.IsObject() || !d.HasMember("edge_groups")) return nullptr;
  for (const auto& g : d["edge_groups"].GetArray())
    if (str(g, "type") == type && str(g, "direction") == direction) return &g;
  return nullptr;
}

// Every error response: a JSON object {"error": {"code", "message", "details"}}.
void check_error_shape(const Reply& r) {
  REQUIRE(r.is_json);
  REQUIRE(r.json.IsObject());
  REQUIRE(r.json.HasMember("error"));
  const auto& e = r.json["error"];
  REQUIRE(e.IsObject());
  CHECK(e.HasMember("code"));
  CHECK(e["code"].IsString());
  CHECK(e.HasMember("message"));
  CHECK(e["message"].IsString());
  CHECK(e.HasMember("details"));
  CHECK(e["details"].IsObject());
  CHECK(has(r.headers.count("Content-Type") ? r.headers.find("Content-Type")->second : "",
            "application/json"));
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("regkg serve starts on an ephemeral port and reports its snapshot") {
    const auto& f = fixture();
    CHECK(f.server->port() > 0);
    CHECK(has(f.server->first_line(), "snapshot " + f.current_id));
    auto r = get("/healthz");
    REQUIRE(r.status == 200);
    REQUIRE(r.is_json);
    CHECK(str(r.json, "status") == "ok");
    CHECK(str(r.json["snapshot"], "id") == f.current_id);
    REQUIRE(r.json["snapshot"].HasMember("counts"));
    CHECK(r.json["snapshot"]["counts"]["nodes"].GetUint64() > 1000);
    CHECK(r.json["snapshot"]["counts"]["kind.news"].GetUint64() == 2);
  }

  TEST_CASE("search API: URL -> status and body facts") {
    fixture();
    struct Case {
      std::string url;
      int status;
      std::function<void(const rapidjson::Document&)> check;
    };
    const std::vector<Case> cases = {
        {"/api/v1/search?limit=100&q=" + pct("安全评估"), 200,
         [](const rapidjson::Document& d) {
           CHECK(d["total"].GetUint64() > 0);
           const auto* hit = find_result(d, kArt17);
           REQUIRE(hit != nullptr);
           CHECK(has(str(*hit, "snippet"), "<mark>"));
           CHECK(str(*hit, "kind") == "article");
           CHECK(str((*hit)["instrument"], "id") == "cn/generative-ai-measures");
           CHECK(str(d, "query") == "安全评估");
         }},
        {"/api/v1/search?limit=100&q=" + pct("security assessment"), 200,
         [](const rapidjson::Document& d) {
           CHECK(d["total"].GetUint64() > 0);
           const auto* hit = find_result(d, kArt17);
           REQUIRE(hit != nullptr);
           CHECK(has(str(*hit, "snippet"), "<mark>"));
         }},
        {"/api/v1/search?limit=100&q=" + pct("安全评估") +
             "&instrument=" + pct("cn/generative-ai-measures"),
         200,
         [](const rapidjson::Document& d) {
           REQUIRE(d["results"].Size() > 0);
           CHECK(d["total"].GetUint64() == d["results"].Size());
           for (const auto& r : d["results"].GetArray())
             CHECK(str(r["instrument"], "id") == "cn/generative-ai-measures");
           CHECK(find_result(d, kArt17) != nullptr);
           const auto& inst = d["facets"]["instrument"];
           REQUIRE(inst.Size() == 1);
           CHECK(str(inst[0], "value") == "cn/generative-ai-measures");
           CHECK(inst[0]["count"].GetUint64() == d["total"].GetUint64());
         }},
        {"/api/v1/search?kind=news&q=generative", 200,
         [](const rapidjson::Document& d) {
           // Both news items: one has "generative" only in its title (title words are stemmed).
           CHECK(d["total"].GetUint64() == 2);
           for (const auto& r : d["results"].GetArray()) {
             CHECK(str(r, "kind") == "news");
             CHECK(r["instrument"].IsNull());
           }
         }},
        {"/api/v1/search?q=" + pct("安全评估"), 200,
         [](const rapidjson::Document& d) {
           // Facets name the instrument with its label; default page size 20.
           CHECK(d["limit"].GetUint64() == 20);
           CHECK(d["results"].Size() <= 20);
           bool found = false;
           for (const auto& v : d["facets"]["instrument"].GetArray())
             if (str(v, "value") == "cn/generative-ai-measures") {
               found = true;
               CHECK(v["count"].GetUint64() > 0);
               CHECK(str(v, "label") != "cn/generative-ai-measures");
             }
           CHECK(found);
           CHECK(d.HasMember("facets"));
           CHECK(d["facets"].HasMember("kind"));
           CHECK(d["facets"].HasMember("year"));
           CHECK(d["facets"].HasMember("jurisdiction"));
         }},
        {"/api/v1/search?q=" + pct("安全评估") + "&limit=2&offset=1", 200,
         [](const rapidjson::Document& d) {
           CHECK(d["results"].Size() == 2);
           CHECK(d["offset"].GetUint64() == 1);
         }},
        {"/api/v1/search?q=" + pct("issuer:cac"), 200,
         [](const rapidjson::Document& d) { CHECK(d["total"].GetUint64() > 0); }},
        {"/api/v1/search?q=" + pct("date:2023-07-10..2023-07-10") + "&kind=article&limit=100", 200,
         [](const rapidjson::Document& d) {
           CHECK(d["total"].GetUint64() == 24);  // the GenAI Measures' articles
           for (const auto& r : d["results"].GetArray()) CHECK(str(r, "date") == "2023-07-10");
         }},
        {"/api/v1/search?jurisdiction=cn&from=2023-01-01&to=2023-12-31&kind=version", 200,
         [](const rapidjson::Document& d) {
           REQUIRE(d["total"].GetUint64() > 0);
           for (const auto& r : d["results"].GetArray()) {
             CHECK(str(r, "date") >= "2023-01-01");
             CHECK(str(r, "date") <= "2023-12-31");
           }
         }},
        {"/api/v1/search?lang=en&q=" + pct("安全评估"), 200,
         [](const rapidjson::Document& d) {
           CHECK(find_result(d, kArt17) != nullptr);  // bilingual: has an English text too
         }},
        {"/api/v1/search?q=zzzxqvnomatch", 200,
         [](const rapidjson::Document& d) {
           CHECK(d["total"].GetUint64() == 0);
           CHECK(d["results"].Size() == 0);
         }},
    };
    for (const auto& c : cases) {
      CAPTURE(c.url);
      auto r = get(c.url);
      REQUIRE(r.status == c.status);
      REQUIRE(r.is_json);
      CHECK(str(r.json, "snapshot") == fixture().current_id);
      c.check(r.json);
    }
  }

  // Regression test (fixed): the title-stemming mismatch (index/index_writer.cpp:62-65 indexes
  // titles unstemmed; index/searcher.cpp:31-34 parses with STEM_SOME) seen end to end: the feed
  // item "China isn't wait…
  TEST_CASE("kind=news&q=generative finds both news items") {
    auto r = get("/api/v1/search?kind=news&q=generative");
    REQUIRE(r.status == 200);
    CHECK(r.json["total"].GetUint64() == 2);
  }

  TEST_CASE("node API: raw and percent-encoded ids / text / edge groups / ancestors / paging") {
    fixture();
    for (const std::string& url :
         {std::string("/api/v1/nodes/") + kArt17, std::string("/api/v1/nodes/") + pct(kArt17)}) {
      CAPTURE(url);
      auto r = get(url);
      REQUIRE(r.status == 200);
      REQUIRE(r.is_json);
      const auto& n = r.json["node"];
      CHECK(str(n, "id") == kArt17);
      CHECK(str(n, "kind") == "article");
      CHECK(has(str(n["text"], "zh"), "安全评估"));
      CHECK(has(str(n["text"], "en"), "security assessment"));
      CHECK_FALSE(str(n["source"], "file").empty());
      const auto* up = find_group(r.json, "part_of", "out");
      REQUIRE(up != nullptr);
      CHECK((*up)["total"].GetUint64() == 1);
      // Ancestors run from the instrument down.
      const auto& anc = r.json["ancestors"];
      REQUIRE(anc.Size() >= 2);
      CHECK(str(anc[0], "id") == "cn/generative-ai-measures");
      CHECK(str(anc[anc.Size() - 1], "kind") != "article");
    }
    CHECK(pct(kArt17) == "cn%2Fgenerative-ai-measures%402023-07-10%2Fart-17");

    // Paging of edge groups: limit=1&offset=1 shows the second item of each group.
    const std::string version = "/api/v1/nodes/" + pct("cn/pipl@2021-08-20");
    auto full = get(version + "?limit=500");
    auto page = get(version + "?limit=1&offset=1");
    REQUIRE(full.status == 200);
    REQUIRE(page.status == 200);
    const auto* all_children = find_group(full.json, "part_of", "in");
    const auto* paged_children = find_group(page.json, "part_of", "in");
    REQUIRE(all_children != nullptr);
    REQUIRE(paged_children != nullptr);
    REQUIRE((*all_children)["items"].Size() >= 2);
    CHECK((*paged_children)["total"].GetUint64() == (*all_children)["total"].GetUint64());
    CHECK((*paged_children)["offset"].GetUint64() == 1);
    REQUIRE((*paged_children)["items"].Size() == 1);
    CHECK(str((*paged_children)["items"][0], "id") == str((*all_children)["items"][1], "id"));
    for (const auto& grp : page.json["edge_groups"].GetArray()) CHECK(grp["items"].Size() <= 1);

    // group_type narrows to one type.
    auto only = get(version + "?group_type=version_of");
    REQUIRE(only.status == 200);
    REQUIRE(only.json["edge_groups"].Size() == 1);
    CHECK(str(only.json["edge_groups"][0], "type") == "version_of");
    CHECK(str(only.json["edge_groups"][0]["items"][0], "id") == "cn/pipl");

    // Edge items carry provenance.
    auto actor = get("/api/v1/nodes/actor/cac");
    REQUIRE(actor.status == 200);
    const auto* issued = find_group(actor.json, "issued_by", "in");
    REQUIRE(issued != nullptr);
    bool genai = false;
    for (const auto& it : (*issued)["items"].GetArray()) {
      if (str(it, "id") == "cn/generative-ai-measures") genai = true;
      CHECK(it["provenance"].HasMember("rule"));
    }
    CHECK(genai);
  }

  TEST_CASE("errors: URL -> status / error code and message facts / always the JSON error shape") {
    fixture();
    struct Case {
      std::string url;
      int status;
      std::string code;          // "" = any
      std::string message_part;  // "" = any
    };
    const std::vector<Case> cases = {
        {"/api/v1/nodes/nope", 404, "unknown_id", "nope"},
        {"/api/v1/nodes/" + pct("cn/generative-ai-measures@2023-07-10/art-999"), 404, "unknown_id",
         "art-999"},
        // Xapian rejects "AND AND (" even after its relaxed re-parse; the parser message is passed
        // on.
        {"/api/v1/search?q=" + pct("AND AND ("), 400, "bad_query",
         "Syntax: <expression> AND <expression>"},
        {"/api/v1/search?q=" + pct("foo..bar"), 400, "bad_query", "Unknown range operation"},
        {"/api/v1/search?q=x&limit=101", 400, "limit_exceeded", "maximum is 100"},
        {"/api/v1/search?q=x&limit=-1", 400, "bad_parameter", "limit"},
        {"/api/v1/search?q=x&limit=abc", 400, "bad_parameter", "limit"},
        {"/api/v1/search?q=x&limit=", 400, "bad_parameter", "limit"},
        {"/api/v1/search?q=x&offset=10001", 400, "limit_exceeded", "maximum is 10000"},
        {"/api/v1/search?q=x&from=2023-13-45", 400, "bad_parameter", "from"},
        {"/api/v1/search?q=x&to=2023-02-29", 400, "bad_parameter", "to"},  // not a leap year
        {"/api/v1/search?q=x&from=2024-01-01&to=2023-01-01", 400, "bad_parameter", "after"},
        {"/api/v1/search?q=%FF%FE", 400, "bad_parameter", "UTF-8"},
        {"/api/v1/search?q=x&kind=law", 400, "bad_parameter", "kind"},
        {"/api/v1/search?q=x&year=20x3", 400, "bad_parameter", "year"},
        {"/api/v1/search?q=a&q=b", 400, "bad_parameter", "more than once"},
        {"/api/v1/search", 400, "missing_parameter", ""},
        {"/api/v1/search?q=", 400, "missing_parameter", ""},
        {"/api/v1/search?q=%20%20", 400, "missing_parameter", ""},
        {"/api/v1/search?q=" + std::string(1001, 'a'), 400, "parameter_too_long", "1000"},
        {"/api/v1/nodes/" + pct(kArt17) + "?limit=501", 400, "limit_exceeded", "500"},
        {"/api/v1/nodes/%FF", 400, "bad_parameter", "UTF-8"},
        {"/api/v1/nothing-here", 404, "not_found", ""},
        {"/no/such/file.html", 404, "not_found", ""},
    };
    for (const auto& c : cases) {
      CAPTURE(c.url);
      auto r = get(c.url);
      CHECK(r.status == c.status);
      CAPTURE(r.body);
      check_error_shape(r);
      if (!r.is_json || !r.json.HasMember("error")) continue;
      if (!c.code.empty()) CHECK(str(r.json["error"], "code") == c.code);
      if (!c.message_part.empty()) CHECK(has(str(r.json["error"], "message"), c.message_part));
    }
    // bad_query details carry the offending query.
    auto r = get("/api/v1/search?q=" + pct("AND AND ("));
    REQUIRE(r.is_json);
    CHECK(str(r.json["error"]["details"], "query") == "AND AND (");
    CHECK(str(r.json["error"]["details"], "parameter") == "q");
    auto lim = get("/api/v1/search?q=x&limit=101");
    REQUIRE(lim.is_json);
    CHECK(str(lim.json["error"]["details"], "maximum") == "100");
    CHECK(str(lim.json["error"]["details"], "parameter") == "limit");
  }

  TEST_CASE("static UI: / is HTML with a CSP and path traversal never serves a file outside web/") {
    fixture();
    auto home = get("/");
    REQUIRE(home.status == 200);
    CHECK(has(home.body, "<html"));
    REQUIRE(home.headers.count("Content-Security-Policy") == 1);
    CHECK(has(home.headers.find("Content-Security-Policy")->second, "default-src 'self'"));
    CHECK(has(home.headers.find("Content-Type")->second, "text/html"));
    CHECK(home.headers.count("X-Content-Type-Options") == 1);

    for (const std::string url :
         {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
          "/css/../../../etc/passwd", "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd"}) {
      CAPTURE(url);
      auto r = get(url);
      CAPTURE(r.body);
      CHECK(r.status >= 400);
      CHECK(r.status < 500);
      CHECK_FALSE(has(r.body, "root:"));
      check_error_shape(r);
    }
  }

  TEST_CASE("knowledge API: obligations / actors / citations / unresolved citations") {
    fixture();
    SUBCASE("obligations filtered by instrument and modality; CSV export") {
      auto r = get("/api/v1/obligations?instrument=cn/generative-ai-measures&modality=prohibition");
      REQUIRE(r.status == 200);
      REQUIRE(r.is_json);
      CHECK(r.json["total"].GetUint64() > 0);
      for (const auto& o : r.json["results"].GetArray()) {
        CHECK(str(o, "modality") == "prohibition");
        CHECK(str(o["instrument"], "id") == "cn/generative-ai-measures");
        CHECK(has(str(o, "id"), "cn/generative-ai-measures@2023-07-10/art-"));
        CHECK_FALSE(str(o["provenance"], "span").empty());
      }
      auto csv = get("/api/v1/obligations?instrument=cn/generative-ai-measures&format=csv");
      REQUIRE(csv.status == 200);
      CHECK(csv.body.rfind("id,article,instrument,version,modality,bearer", 0) == 0);
      CHECK(has(csv.headers.find("Content-Type")->second, "text/csv"));
      CHECK(has(csv.body, "提供者"));
      // A CSV export holds every match, not one page: one header line plus one line per row
      // (clause texts contain no newlines; quotes are doubled).
      auto all = get("/api/v1/obligations?instrument=cn/generative-ai-measures");
      REQUIRE(all.status == 200);
      size_t lines = static_cast<size_t>(std::count(csv.body.begin(), csv.body.end(), '\n'));
      CHECK(lines == all.json["total"].GetUint64() + 1);
      CHECK(all.json["total"].GetUint64() > 50);
    }
    SUBCASE("obligations by bearer and in force on a date") {
      auto r = get("/api/v1/obligations?bearer=role-provider&instrument=cn/generative-ai-measures");
      REQUIRE(r.status == 200);
      CHECK(r.json["total"].GetUint64() >= 5);
      // The Measures took effect on 2023-08-15: nothing of theirs was in force in 2020.
      auto before =
          get("/api/v1/obligations?instrument=cn/generative-ai-measures&in_force_on=2020-01-01");
      REQUIRE(before.status == 200);
      CHECK(before.json["total"].GetUint64() == 0);
      auto after =
          get("/api/v1/obligations?instrument=cn/generative-ai-measures&in_force_on=2024-01-01");
      CHECK(after.json["total"].GetUint64() > 0);
    }
    SUBCASE("obligations say which rule gave the bearer (bearer_rule)") {
      // Art. 17 of the Measures ("提供具有舆论属性或者社会动员能力的生成式人工智能服务的，应当…开展
      // 安全评估"): the 的-clause describing the provider is the bearer, and it binds the
      // providers' role.
      auto r =
          get("/api/v1/obligations?instrument=cn/generative-ai-measures&q=" + pct("开展安全评估"));
      REQUIRE(r.status == 200);
      REQUIRE(r.json["total"].GetUint64() == 1);
      const auto& o = r.json["results"][0];
      CHECK(str(o, "id") == "cn/generative-ai-measures@2023-07-10/art-17/obl-1");
      CHECK(str(o, "bearer") == "提供具有舆论属性或者社会动员能力的生成式人工智能服务的");
      CHECK(str(o, "bearer_rule") == "zh.bearer.actor_clause");
      bool provider = false;
      for (const auto& a : o["bearer_actors"].GetArray())
        provider = provider || str(a, "id") == "actor/role-genai-provider";
      CHECK(provider);
      // Art. 9 names its subject (提供者应当…); an empty bearer has no rule (null).
      auto all = get("/api/v1/obligations?instrument=cn/generative-ai-measures&limit=1000");
      REQUIRE(all.status == 200);
      size_t subject = 0, empty = 0;
      for (const auto& x : all.json["results"].GetArray()) {
        if (str(x, "id") == "cn/generative-ai-measures@2023-07-10/art-9/obl-1") {
          CHECK(str(x, "bearer") == "提供者");
          CHECK(str(x, "bearer_rule") == "zh.bearer.subject");
          ++subject;
        }
        if (str(x, "bearer").empty()) {
          CHECK(x["bearer_rule"].IsNull());
          ++empty;
        } else {
          CHECK(x["bearer_rule"].IsString());
        }
      }
      CHECK(subject == 1);
      CHECK(empty > 0);
      // The CSV has the column too.
      auto csv = get("/api/v1/obligations?instrument=cn/generative-ai-measures&format=csv&q=" +
                     pct("开展安全评估"));
      REQUIRE(csv.status == 200);
      CHECK(csv.body.rfind("id,article,instrument,version,modality,bearer,bearer_actors,"
                           "bearer_rule,",
                           0) == 0);
      CHECK(has(csv.body, ",\"zh.bearer.actor_clause\","));  // fields are quoted
    }
    SUBCASE("actor page: CAC issued the Generative AI Measures") {
      auto r = get("/api/v1/actors/cac");
      REQUIRE(r.status == 200);
      bool found = false;
      for (const auto& i : r.json["issued"]["items"].GetArray())
        found = found || str(i, "id") == "cn/generative-ai-measures";
      CHECK(found);
      bool alias = false;
      for (const auto& a : r.json["actor"]["aliases"].GetArray())
        alias = alias || std::string(a.GetString()) == "国家网信办";
      CHECK(alias);
      CHECK(r.json["timeline"].Size() > 0);
      auto jd = get("/api/v1/actors/actor/jd-com");
      REQUIRE(jd.status == 200);
      CHECK(jd.json["news"]["total"].GetUint64() >= 1);
    }
    SUBCASE("citations of an instrument, both directions; unresolved titles") {
      auto out = get("/api/v1/citations?id=cn/generative-ai-measures&direction=out&limit=1000");
      REQUIRE(out.status == 200);
      std::set<std::string> basis;
      for (const auto& c : out.json["results"].GetArray())
        if (str(c, "type") == "legal_basis") basis.insert(str(c["to"], "id"));
      CHECK(basis == std::set<std::string>{"cn/cybersecurity-law", "cn/data-security-law",
                                           "cn/pipl", "cn/science-technology-progress-law"});
      // Before the Measures took effect nothing of theirs cites anything; after, the legal basis
      // is there.
      auto early = get("/api/v1/citations?id=cn/generative-ai-measures&in_force_on=2023-01-01");
      REQUIRE(early.status == 200);
      CHECK(early.json["total"].GetUint64() == 0);
      auto later =
          get("/api/v1/citations?id=cn/generative-ai-measures&in_force_on=2024-01-01&limit=1000");
      REQUIRE(later.status == 200);
      CHECK(later.json["total"].GetUint64() > 0);
      CHECK(later.json["total"].GetUint64() <= out.json["total"].GetUint64());
      auto in = get("/api/v1/citations?id=cn/pipl&direction=in&limit=1000");
      REQUIRE(in.status == 200);
      bool from_genai = false;
      for (const auto& c : in.json["results"].GetArray())
        from_genai = from_genai || has(str(c["from"], "id"), "cn/generative-ai-measures");
      CHECK(from_genai);
      auto unresolved = get("/api/v1/citations/unresolved");
      REQUIRE(unresolved.status == 200);
      bool listed = false;
      for (const auto& c : unresolved.json["results"].GetArray())
        listed = listed || str(c, "id") == "citation/互联网信息服务管理办法";
      CHECK(listed);
    }
    SUBCASE("search filters and facets articles by the modality and bearers of their obligations") {
      auto r = get("/api/v1/search?instrument=cn/generative-ai-measures&modality=prohibition&q=" +
                   pct("提供者"));
      REQUIRE(r.status == 200);
      CHECK(r.json["total"].GetUint64() > 0);
      for (const auto& x : r.json["results"].GetArray()) CHECK(str(x, "kind") == "article");
      // Facet values are single modalities, never '|'-joined combinations.
      std::map<std::string, uint64_t> modality;
      for (const auto& f : r.json["facets"]["modality"].GetArray())
        modality[str(f, "value")] = f["count"].GetUint64();
      CHECK(modality["prohibition"] == r.json["total"].GetUint64());
      for (const auto& [value, count] : modality) CHECK(value.find('|') == std::string::npos);
      bool provider = false;
      for (const auto& f : r.json["facets"]["actor"].GetArray())
        provider = provider || str(f, "value") == "role-provider";
      CHECK(provider);
    }
    SUBCASE("bad input on the knowledge routes") {
      for (const char* url : {"/api/v1/actors/nope", "/api/v1/obligations?bearer=nope",
                              "/api/v1/citations?id=nope"}) {
        auto r = get(url);
        CAPTURE(url);
        CHECK(r.status == 404);
        check_error_shape(r);
      }
      for (const char* url :
           {"/api/v1/obligations?modality=must", "/api/v1/obligations?in_force_on=2023-02-30",
            "/api/v1/obligations?limit=100000", "/api/v1/citations",
            "/api/v1/citations?id=cn/pipl&direction=sideways", "/api/v1/obligations?format=xml",
            "/api/v1/obligations?colour=red"}) {
        auto r = get(url);
        CAPTURE(url);
        CHECK(r.status == 400);
        check_error_shape(r);
      }
    }
  }

  TEST_CASE("relationship API: paths / neighbourhood / neighbours / citation network / rankings") {
    fixture();
    SUBCASE("JD.com is connected to the CAC and every hop is a real edge with provenance") {
      auto r = get("/api/v1/paths?from=actor/jd-com&to=actor/cac&k=3");
      REQUIRE(r.status == 200);
      REQUIRE(r.json["paths"].Size() >= 1);
      const auto& first = r.json["paths"][0];
      CHECK(first["length"].GetUint64() <= 3);
      CHECK(str(first["hops"][0]["from"], "id") == "actor/jd-com");
      CHECK(str(first["hops"][first["hops"].Size() - 1]["to"], "id") == "actor/cac");
      for (const auto& p : r.json["paths"].GetArray())
        for (const auto& h : p["hops"].GetArray())
          CHECK_FALSE(str(h["provenance"], "file").empty());
    }
    SUBCASE(
        "in_force_on keeps exactly one version of a law with several, and none before it took "
        "effect") {
      auto ids = [](const Reply& r) {
        std::set<std::string> out;
        for (const auto& x : r.json["results"].GetArray()) out.insert(str(x, "id"));
        return out;
      };
      const std::string base =
          "/api/v1/nodes/cn/counter-espionage-law/neighbors?direction=in&type=version_of";
      auto all = get(base);
      REQUIRE(all.status == 200);
      CHECK(ids(all) == std::set<std::string>{"cn/counter-espionage-law@2014-11-01",
                                              "cn/counter-espionage-law@2023-04-26"});
      CHECK(ids(get(base + "&in_force_on=2020-01-01")) ==
            std::set<std::string>{"cn/counter-espionage-law@2014-11-01"});
      CHECK(ids(get(base + "&in_force_on=2024-01-01")) ==
            std::set<std::string>{"cn/counter-espionage-law@2023-04-26"});
      // The Generative AI Measures took effect on 2023-08-15.
      const std::string genai =
          "/api/v1/nodes/cn/generative-ai-measures/neighbors?direction=in&type=version_of";
      CHECK(ids(get(genai + "&in_force_on=2023-08-01")).empty());
      CHECK(ids(get(genai + "&in_force_on=2023-08-15")).size() == 1);
    }
    SUBCASE("ETags tied to the snapshot: If-None-Match gives a 304") {
      auto c = client();
      auto first = c->Get("/api/v1/search?q=security");
      REQUIRE(first);
      REQUIRE(first->status == 200);
      std::string etag = first->get_header_value("ETag");
      CHECK(has(etag, fixture().current_id));
      auto again = c->Get("/api/v1/search?q=security", {{"If-None-Match", etag}});
      REQUIRE(again);
      CHECK(again->status == 304);
      CHECK(again->body.empty());
      auto other = c->Get("/api/v1/search?q=assessment", {{"If-None-Match", etag}});
      REQUIRE(other);
      CHECK(other->status == 200);
    }
    SUBCASE("the OpenAPI document is served") {
      auto r = get("/api/v1/openapi.json");
      REQUIRE(r.status == 200);
      REQUIRE(r.is_json);
      CHECK(r.json["paths"].HasMember("/api/v1/paths"));
    }
    SUBCASE("from == to is one empty path; unreachable is an empty list, not an error") {
      auto same = get("/api/v1/paths?from=actor/cac&to=actor/cac");
      REQUIRE(same.status == 200);
      REQUIRE(same.json["paths"].Size() == 1);
      CHECK(same.json["paths"][0]["length"].GetUint64() == 0);
      auto none = get("/api/v1/paths?from=actor/cac&to=actor/nist&max_length=1");
      REQUIRE(none.status == 200);
      CHECK(none.json["paths"].Size() == 0);
    }
    SUBCASE("neighbourhood with caps; citation network has the four laws; rankings") {
      auto n = get("/api/v1/neighborhood?id=cn/generative-ai-measures&depth=2&limit=30");
      REQUIRE(n.status == 200);
      CHECK(n.json["nodes"].Size() <= 30);
      CHECK(str(n.json["nodes"][0], "id") == "cn/generative-ai-measures");
      auto c = get("/api/v1/citations/graph?id=cn/generative-ai-measures&depth=1");
      REQUIRE(c.status == 200);
      std::set<std::string> ids;
      for (const auto& x : c.json["nodes"].GetArray()) ids.insert(str(x, "id"));
      for (const char* law : {"cn/cybersecurity-law", "cn/data-security-law", "cn/pipl",
                              "cn/science-technology-progress-law"})
        CHECK(ids.count(law) == 1);
      auto rank = get("/api/v1/rankings/cited?limit=5");
      REQUIRE(rank.status == 200);
      CHECK(rank.json["results"].Size() >= 1);
      auto nb = get("/api/v1/nodes/actor/cac/neighbors?direction=in&type=issued_by");
      REQUIRE(nb.status == 200);
      bool genai = false;
      for (const auto& x : nb.json["results"].GetArray())
        genai = genai || str(x, "id") == "cn/generative-ai-measures";
      CHECK(genai);
    }
    SUBCASE("bad input: caps, unknown ids, malformed values") {
      for (const char* url :
           {"/api/v1/neighborhood?id=cn/pipl&depth=50",
            "/api/v1/neighborhood?id=cn/pipl&limit=99999999",
            "/api/v1/paths?from=actor/cac&to=actor/cac&max_length=100",
            "/api/v1/paths?from=actor/cac", "/api/v1/paths?from=actor/cac&to=actor/cac&k=-1",
            "/api/v1/citations/graph?id=cn/pipl&depth=9",
            "/api/v1/neighborhood?id=cn/pipl&kinds=dragon",
            "/api/v1/paths?from=actor/cac&to=actor/cac&in_force_on=2023-13-45"}) {
        auto r = get(url);
        CAPTURE(url);
        CHECK(r.status == 400);
        check_error_shape(r);
      }
      for (const char* url : {"/api/v1/paths?from=nope&to=actor/cac",
                              "/api/v1/neighborhood?id=nope", "/api/v1/nodes/nope/neighbors"}) {
        auto r = get(url);
        CAPTURE(url);
        CHECK(r.status == 404);
        check_error_shape(r);
      }
    }
  }

  TEST_CASE("8 client threads x 50 mixed requests all succeed") {
    fixture();
    const std::vector<std::string> urls = {
        "/api/v1/search?q=" + pct("安全评估"),
        "/api/v1/search?q=" + pct("security assessment") + "&limit=5",
        "/api/v1/search?kind=news&q=generative",
        "/api/v1/search?jurisdiction=cn&year=2021",
        std::string("/api/v1/nodes/") + pct(kArt17),
        "/api/v1/nodes/cn/pipl",
        "/healthz",
    };
    // Expected bodies from a sequential pass (the snapshot does not change).
    std::vector<std::string> expected;
    for (const auto& u : urls) {
      auto r = get(u);
      REQUIRE(r.status == 200);
      expected.push_back(r.body);
    }
    std::atomic<int> ok{0}, bad_status{0}, different{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", fixture().server->port());
        c.set_read_timeout(60, 0);
        for (int i = 0; i < 50; ++i) {
          size_t k = static_cast<size_t>(t * 7 + i) % urls.size();
          auto res = c.Get(urls[k].c_str());
          if (!res || res->status != 200) {
            ++bad_status;
            continue;
          }
          ++ok;
          // healthz has an uptime that changes; the others must be byte-identical.
          if (urls[k] != "/healthz" && res->body != expected[k]) ++different;
        }
      });
    for (auto& th : threads) th.join();
    CHECK(ok == 400);
    CHECK(bad_status == 0);
    CHECK(different == 0);
  }

  TEST_CASE("SIGTERM stops regkg serve cleanly") {
    auto& f = fixture();
    ServerProcess second(f.ingested.data(), fs::path(REGKG_SOURCE_DIR) / "web");
    httplib::Client c("127.0.0.1", second.port());
    auto res = c.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    int status = second.stop();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }

}  // TEST_SUITE
