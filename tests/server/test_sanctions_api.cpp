// GET /api/v1/sanctions and the sanctions in other answers (if_violated of obligations, the node
// page of a sanction) over HTTP, on the small real corpus (PIPL, DSL, CSL 2016, the Measures).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace {

namespace fs = std::filesystem;

struct SanctionsFixture {
  regkg::test::IngestedCorpus ingested{regkg::test::small_corpus_files()};
  std::unique_ptr<regkg::test::ServerProcess> server = std::make_unique<regkg::test::ServerProcess>(
      ingested.data(), fs::path(REGKG_SOURCE_DIR) / "web");
};

SanctionsFixture& sanctions_fixture() {
  static SanctionsFixture f;
  return f;
}

struct SanctionsReply {
  int status = -1;
  std::string body, content_type;
  rapidjson::Document json;
};

SanctionsReply sanctions_get(const std::string& url) {
  httplib::Client c("127.0.0.1", sanctions_fixture().server->port());
  c.set_read_timeout(30, 0);
  SanctionsReply r;
  auto res = c.Get(url.c_str());
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.content_type = res->get_header_value("Content-Type");
  r.json.Parse(r.body.data(), r.body.size());
  return r;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

const rapidjson::Value* find_result(const rapidjson::Document& d, const std::string& id_tail) {
  for (const auto& r : d["results"].GetArray())
    if (ends_with(r["id"].GetString(), id_tail)) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("sanctions API: filters and records and CSV and errors") {
  SUBCASE("PIPL: the tiers of Article 66 with their fines and what they enforce") {
    auto r = sanctions_get("/api/v1/sanctions?instrument=cn/pipl&limit=100");
    REQUIRE(r.status == 200);
    REQUIRE(r.json.IsObject());
    CHECK(r.json["total"].GetUint() >= 10);
    const rapidjson::Value* serious = find_result(r.json, "/art-66/sanction-3");
    REQUIRE(serious != nullptr);
    CHECK(std::string((*serious)["authority"].GetString()) == "省级以上履行个人信息保护职责的部门");
    CHECK((*serious)["fine"]["max"].GetUint64() == 50000000);
    CHECK((*serious)["fine"]["percent_max"].GetUint64() == 5);
    CHECK(std::string((*serious)["fine"]["of"].GetString()) == "previous_year_turnover");
    CHECK((*serious)["fine_responsible_persons"]["min"].GetUint64() == 100000);
    CHECK(std::string((*serious)["condition"].GetString()) == "情节严重的");
    // 前款 -> paragraph 1 enforces the law as a whole: the version.
    bool version = false;
    for (const auto& e : (*serious)["enforced"].GetArray())
      version = version || std::string(e["kind"].GetString()) == "version";
    CHECK(version);
    const rapidjson::Value* first = find_result(r.json, "/art-66/sanction-1");
    REQUIRE(first != nullptr);
    CHECK((*first)["fine"].IsNull());
    bool competent = false;
    for (const auto& a : (*first)["authority_actors"].GetArray())
      competent = competent || std::string(a["id"].GetString()).find("actor/") == 0;
    (void)competent;  // 履行个人信息保护职责的部门 is not in the dictionary: no actor required
  }
  SUBCASE("DSL Art. 45 enforces Articles 27, 29, 30 and their obligations") {
    auto r = sanctions_get("/api/v1/sanctions?measure=warning&min_fine=500000&limit=100");
    REQUIRE(r.status == 200);
    const rapidjson::Value* s = find_result(r.json, "/art-45/sanction-1");
    REQUIRE(s != nullptr);
    std::string enforced;
    for (const auto& e : (*s)["enforced"].GetArray())
      enforced += std::string(e["id"].GetString()) + " ";
    CHECK(enforced.find("/art-27 ") != std::string::npos);
    CHECK(enforced.find("/art-29 ") != std::string::npos);
    CHECK(enforced.find("/art-30 ") != std::string::npos);
    CHECK((*s)["obligations_enforced"].GetUint() > 0);
    CHECK(std::string((*s)["enforces"].GetString()) == "本法第二十七条、第二十九条、第三十条");
    for (const auto& x : r.json["results"].GetArray()) {
      CHECK(x["fine"]["max"].GetUint64() >= 500000);
      std::string ms;
      for (const auto& m : x["measures"].GetArray()) ms += std::string(m.GetString()) + ",";
      CHECK(ms.find("warning,") != std::string::npos);
    }
  }
  SUBCASE("by authority: 有关主管部门 is actor/role-competent-departments") {
    auto r = sanctions_get("/api/v1/sanctions?authority=role-competent-departments&limit=1000");
    REQUIRE(r.status == 200);
    CHECK(r.json["total"].GetUint() >= 20);
    for (const auto& x : r.json["results"].GetArray()) {
      bool bound = false;
      for (const auto& a : x["authority_actors"].GetArray())
        bound = bound || std::string(a["id"].GetString()) == "actor/role-competent-departments";
      CHECK(bound);
    }
  }
  SUBCASE("in force, CSV") {
    auto none = sanctions_get("/api/v1/sanctions?in_force_on=2000-01-01");
    REQUIRE(none.status == 200);
    CHECK(none.json["total"].GetUint() == 0);
    auto csv = sanctions_get("/api/v1/sanctions?measure=criminal_liability&format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.content_type.find("text/csv") == 0);
    CHECK(csv.body.rfind("id,article,instrument,version,authority,", 0) == 0);
    CHECK(csv.body.find("criminal_liability") != std::string::npos);
  }
  SUBCASE("errors") {
    CHECK(sanctions_get("/api/v1/sanctions?measure=death").status == 400);
    CHECK(sanctions_get("/api/v1/sanctions?min_fine=-1").status == 400);
    CHECK(sanctions_get("/api/v1/sanctions?limit=100000").status == 400);
    CHECK(sanctions_get("/api/v1/sanctions?authority=nope").status == 404);
    CHECK(sanctions_get("/api/v1/sanctions?instrument=nope").status == 404);
    CHECK(sanctions_get("/api/v1/sanctions?colour=red").status == 400);
  }
}

TEST_CASE("sanctions in other answers: if_violated and the node page") {
  auto r =
      sanctions_get("/api/v1/obligations?q=" + regkg::test::pct("数据安全管理制度") + "&limit=100");
  REQUIRE(r.status == 200);
  bool linked = false;
  for (const auto& o : r.json["results"].GetArray()) {
    REQUIRE(o.HasMember("if_violated"));
    for (const auto& s : o["if_violated"].GetArray())
      linked =
          linked || std::string(s["id"].GetString()).find("/art-45/sanction-") != std::string::npos;
  }
  CHECK(linked);  // DSL Art. 27's duties are enforced by Art. 45

  // Only duties can be breached: no sanction enforces a permission or an encouragement of an
  // enforced article (CSL 2016 Art. 24 "国家…支持研究开发…" is in Art. 64's range, and its
  // obligations are linked).
  for (const char* modality : {"permission", "encouragement"}) {
    CAPTURE(modality);
    auto p = sanctions_get(std::string("/api/v1/obligations?modality=") + modality +
                           "&instrument=cn/cybersecurity-law&limit=1000");
    REQUIRE(p.status == 200);
    CHECK(p.json["total"].GetUint64() > 0);
    for (const auto& o : p.json["results"].GetArray()) {
      CAPTURE(std::string(o["id"].GetString()));
      CHECK(o["if_violated"].Size() == 0);
    }
  }
  auto csl24 = sanctions_get("/api/v1/obligations?instrument=cn/cybersecurity-law&q=" +
                             regkg::test::pct("网络运营者为用户办理网络接入") + "&limit=10");
  REQUIRE(csl24.status == 200);
  REQUIRE(csl24.json["total"].GetUint64() >= 1);
  CHECK(csl24.json["results"][0]["if_violated"].Size() > 0);

  auto n = sanctions_get("/api/v1/nodes/cn/pipl@2021-08-20/art-66/sanction-1");
  REQUIRE(n.status == 200);
  CHECK(std::string(n.json["node"]["kind"].GetString()) == "sanction");
  std::string groups;
  for (const auto& g : n.json["edge_groups"].GetArray())
    groups += std::string(g["type"].GetString()) + ",";
  CHECK(groups.find("sanction_of,") != std::string::npos);
  CHECK(groups.find("sanctions,") != std::string::npos);
}
