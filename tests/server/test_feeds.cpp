// The Atom feeds and the JSON-LD export (issue 18, points 6 and 9) against two real `regkg serve`
// processes, each on its own ingest of the same small corpus: every kind of feed (all
// instruments, one instrument, one actor, a saved search) is read by a real feed parser (Debian's
// python3-feedparser: no bozo, entries newest first, one date at most per title, absolute links
// under the request's host) and has the same entry ids on both servers; the JSON-LD export parses,
// holds the Generative AI Measures with their dates, legal basis and issuer, and has the same
// @ids on both. Bad combinations and hosts are 400s through the one error path.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;

namespace {

const char* kGenai = "cn/generative-ai-measures";
const char* kGenaiVersion = "cn/generative-ai-measures@2023-07-10";

struct Served {
  regkg::test::IngestedCorpus ingested{regkg::test::small_corpus_files()};
  regkg::test::RegkgServer server{ingested.data()};
  std::string base() const { return "http://127.0.0.1:" + std::to_string(server.port()) + "/"; }
};

// Two ingests of the same corpus (at different times), each served.
struct TwoIngests {
  Served a, b;
};

TwoIngests& two_ingests() {
  static TwoIngests t;
  return t;
}

httplib::Result get(const Served& s, const std::string& path, const httplib::Headers& h = {}) {
  httplib::Client c("127.0.0.1", s.server.port());
  c.set_read_timeout(60, 0);
  return c.Get(path.c_str(), h);
}

std::string run_python(const fs::path& script, const std::vector<std::string>& args, int& rc) {
  std::string cmd = "/usr/bin/python3 '" + script.string() + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) {
    rc = -1;
    return "popen failed";
  }
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  rc = ::pclose(p);
  return out;
}

// Checks one feed as served by both ingests: argv = NAME FILE_A BASE_A FILE_B BASE_B MIN_ENTRIES
// [ID_THAT_MUST_BE_IN_IT …]. Prints "NAME N" with the entry count.
const char* kFeedCheck = R"PY(import re, sys, time
import feedparser
name, file_a, base_a, file_b, base_b, min_entries = sys.argv[1:7]
must = sys.argv[7:]
DATE = re.compile(r'\d{4}-\d\d-\d\d')
def check(path, base):
    raw = open(path, encoding='utf-8').read()
    assert 'xml:base="%s"' % base in raw, 'xml:base'
    d = feedparser.parse(raw)
    assert d.bozo == 0, (name, d.get('bozo_exception'))
    assert d.version == 'atom10', d.version
    assert d.feed.id.startswith('tag:regkg,2026:feed'), d.feed.id
    assert d.feed.title.startswith('regkg: '), d.feed.title
    links = {l.rel: l.href for l in d.feed.links}
    assert links['self'].startswith(base + 'feed.atom'), links
    assert links['alternate'].startswith(base), links
    assert len(d.entries) >= int(min_entries), (name, len(d.entries))
    ids = [e.id for e in d.entries]
    assert len(set(ids)) == len(ids), 'duplicate ids'
    last = None
    for e in d.entries:
        assert e.id.startswith('tag:regkg,2026:'), e.id
        assert e.title and e.summary, e.id
        dates = DATE.findall(e.title)
        assert len(dates) <= 1, ('a date repeated in the title', e.title)
        assert e.link.startswith(base) and e.link != base, e.link
        assert e.published_parsed and e.updated_parsed, e.id
        assert e.updated_parsed >= e.published_parsed, e.id
        # Newest first; never dated after the snapshot was made.
        if last is not None:
            assert e.updated_parsed <= last, ('order', e.id)
        last = e.updated_parsed
        assert time.mktime(e.updated_parsed) <= time.time() + 86400, ('future', e.id)
    return d, ids
da, ids_a = check(file_a, base_a)
db, ids_b = check(file_b, base_b)
assert ids_a == ids_b, ('ids differ between ingests', [x for x in ids_a if x not in ids_b][:5])
assert [e.title for e in da.entries] == [e.title for e in db.entries]
for m in must:
    assert any(i.endswith(m) for i in ids_a), ('missing', m, ids_a[:20])
print(name, len(ids_a))
)PY";

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("feed.atom: every kind of feed parses (feedparser) with stable ids across ingests") {
    auto& t = two_ingests();
    regkg::test::TempDir tmp;
    const fs::path script = tmp.path() / "check_feed.py";
    regkg::test::write_file(script, kFeedCheck);
    struct Feed {
      const char* name;
      std::string query;
      int min_entries;
      std::vector<std::string> must;
    };
    const std::vector<Feed> feeds = {
        {"all", "?limit=500", 10, {"cn/pipl@2021-08-20/published"}},
        {"all-default", "", 50, {}},
        {"instrument",
         "?instrument=cn/generative-ai-measures",
         2,
         {"cn/generative-ai-measures@2023-07-10/published",
          "cn/generative-ai-measures@2023-07-10/effective"}},
        // Two versions: the later one is an amendment of the first.
        {"amended",
         "?instrument=cn/counter-espionage-law",
         2,
         {"cn/counter-espionage-law@2023-04-26/amended",
          "cn/counter-espionage-law@2014-11-01/published"}},
        {"actor", "?actor=cac", 2, {}},
        {"search", "?q=%E7%94%9F%E6%88%90%E5%BC%8F%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD", 3, {}},
        {"limit", "?limit=3", 3, {}},
    };
    for (const Feed& f : feeds) {
      CAPTURE(f.name);
      std::vector<std::string> args = {f.name};
      for (const Served* s : {&t.a, &t.b}) {
        auto res = get(*s, "/feed.atom" + f.query);
        REQUIRE(res);
        REQUIRE(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
        const fs::path file =
            tmp.path() / (std::string(f.name) + (s == &t.a ? "-a" : "-b") + ".xml");
        regkg::test::write_file(file, res->body);
        args.push_back(file.string());
        args.push_back(s->base());
      }
      args.push_back(std::to_string(f.min_entries));
      for (const auto& m : f.must) args.push_back(m);
      int rc = 0;
      std::string out = run_python(script, args, rc);
      INFO(out);
      CHECK(rc == 0);
      CHECK(out.rfind(f.name, 0) == 0);
    }
  }

  TEST_CASE("feed.atom: dates and titles and what each feed lists") {
    auto& t = two_ingests();
    auto res = get(t.a, "/feed.atom?instrument=cn/generative-ai-measures");
    REQUIRE(res);
    const std::string& xml = res->body;
    // The version takes effect on 2023-08-15: that entry is dated so and comes first.
    const size_t first = xml.find("<entry>");
    REQUIRE(first != std::string::npos);
    const std::string entry = xml.substr(first, xml.find("</entry>", first) - first);
    CHECK(entry.find("<id>tag:regkg,2026:cn/generative-ai-measures@2023-07-10/effective</id>") !=
          std::string::npos);
    CHECK(entry.find("<updated>2023-08-15T00:00:00Z</updated>") != std::string::npos);
    CHECK(entry.find("takes effect 2023-08-15</title>") != std::string::npos);
    CHECK(entry.find("href=\"" + t.a.base() +
                     "node.html?id=cn%2Fgenerative-ai-measures%402023-07-10\"") !=
          std::string::npos);
    CHECK(xml.find("(2023-07-10) (2023-07-10)") == std::string::npos);
    // The actor feed lists what names the CAC: an instrument it issued, obligations or news.
    auto actor = get(t.a, "/feed.atom?actor=actor/cac");
    REQUIRE(actor);
    CHECK(actor->status == 200);
    CHECK(actor->body.find("<title>regkg: ") != std::string::npos);
    CHECK(actor->body.find(kGenaiVersion) != std::string::npos);
    // The search feed: documents matching the query, their highlighted snippet as HTML.
    auto search =
        get(t.a, "/feed.atom?q=%E7%94%9F%E6%88%90%E5%BC%8F%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD");
    REQUIRE(search);
    CHECK(search->body.find("<summary type=\"html\">") != std::string::npos);
    CHECK(search->body.find("&lt;mark&gt;") != std::string::npos);
    // Behind a TLS proxy the links are https.
    auto tls = get(t.a, "/feed.atom?limit=1", {{"X-Forwarded-Proto", "https"}});
    REQUIRE(tls);
    CHECK(tls->body.find("xml:base=\"https://127.0.0.1:") != std::string::npos);
  }

  TEST_CASE("feed.atom: bad combinations and ids and hosts are JSON errors") {
    auto& t = two_ingests();
    struct Case {
      std::string path;
      httplib::Headers headers;
      int status;
      std::string code;
    };
    const std::vector<Case> cases = {
        {"/feed.atom?q=x&instrument=cn/pipl", {}, 400, "bad_parameter"},
        {"/feed.atom?actor=cac&instrument=cn/pipl", {}, 400, "bad_parameter"},
        {"/feed.atom?instrument=cn/pipl@2021-08-20", {}, 404, "not_found"},  // a version
        {"/feed.atom?actor=nobody", {}, 404, "not_found"},
        {"/feed.atom?q=" + regkg::test::pct("AND AND ("), {}, 400, "bad_query"},
        {"/feed.atom", {{"Host", "evil host/"}}, 400, "bad_host"},
        {"/feed.atom", {{"Host", "a.example:99999999"}}, 400, "bad_host"},
        {"/api/v1/export?format=jsonld&types=cites", {}, 400, "bad_parameter"},
        {"/api/v1/export?format=jsonld", {{"Host", "<x>"}}, 400, "bad_host"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.path);
      auto res = get(t.a, c.path, c.headers);
      REQUIRE(res);
      CHECK(res->status == c.status);
      CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
      rapidjson::Document doc;
      doc.Parse(res->body.c_str());
      REQUIRE(doc.IsObject());
      REQUIRE(doc.HasMember("error"));
      CHECK(std::string(doc["error"]["code"].GetString()) == c.code);
    }
    // A host name with a port is taken as it is.
    auto named = get(t.a, "/feed.atom?limit=1", {{"Host", "regkg.example.org:8443"}});
    REQUIRE(named);
    CHECK(named->status == 200);
    CHECK(named->body.find("href=\"http://regkg.example.org:8443/feed.atom?limit=1\"") !=
          std::string::npos);
  }

  TEST_CASE("export format=jsonld: schema.org Legislation with stable @ids") {
    auto& t = two_ingests();
    std::map<const Served*, std::set<std::string>> ids;
    for (const Served* s : {&t.a, &t.b}) {
      auto res = get(*s, "/api/v1/export?format=jsonld");
      REQUIRE(res);
      REQUIRE(res->status == 200);
      CHECK(res->get_header_value("Content-Type") == "application/ld+json; charset=utf-8");
      CHECK(res->get_header_value("Content-Disposition").find(".jsonld\"") != std::string::npos);
      rapidjson::Document doc;
      doc.Parse(res->body.c_str());
      REQUIRE_MESSAGE(!doc.HasParseError(), res->body.substr(0, 200));
      REQUIRE(doc.IsObject());
      CHECK(std::string(doc["@context"].GetString()) == "https://schema.org");
      REQUIRE(doc["@graph"].IsArray());
      const std::string base = s->base();
      const rapidjson::Value* genai = nullptr;
      const rapidjson::Value* version = nullptr;
      for (const auto& o : doc["@graph"].GetArray()) {
        REQUIRE(o.HasMember("@id"));
        std::string id = o["@id"].GetString();
        REQUIRE(id.rfind(base + "node.html?id=", 0) == 0);
        ids[s].insert(id.substr(base.size()));
        CHECK(std::string(o["@type"].GetString()) == "Legislation");
        const std::string ident = o["legislationIdentifier"].GetString();
        if (ident == kGenai) genai = &o;
        if (ident == kGenaiVersion) version = &o;
      }
      REQUIRE(genai);
      REQUIRE(version);
      // The @id is the reader page's (web/js/jsonld.js nodeUri: encodeURIComponent of the id).
      CHECK(std::string((*genai)["@id"].GetString()) ==
            base + "node.html?id=cn%2Fgenerative-ai-measures");
      CHECK(std::string((*genai)["legislationJurisdiction"].GetString()) == "cn");
      REQUIRE((*genai).HasMember("workExample"));
      CHECK(std::string((*version)["legislationDate"].GetString()) == "2023-07-10");
      CHECK(std::string((*version)["legislationDateVersion"].GetString()) == "2023-08-15");
      REQUIRE((*version).HasMember("legislationConsolidates"));
      CHECK(std::string(
                (*version)["legislationConsolidates"][0]["legislationIdentifier"].GetString()) ==
            kGenai);
      // Its legal basis: the laws its Article 1 names (PIPL among them in the small corpus).
      std::set<std::string> basis;
      for (const auto* holder : {genai, version})
        if (holder->HasMember("isBasedOn"))
          for (const auto& b : (*holder)["isBasedOn"].GetArray())
            basis.insert(b["legislationIdentifier"].GetString());
      INFO("isBasedOn: " << basis.size());
      CHECK(basis.count("cn/pipl") == 1);
      bool by_cac = false;
      for (const auto* holder : {genai, version})
        if (holder->HasMember("legislationPassedBy"))
          for (const auto& p : (*holder)["legislationPassedBy"].GetArray())
            by_cac = by_cac || std::string(p["identifier"].GetString()) == "actor/cac";
      CHECK(by_cac);
    }
    CHECK(ids[&t.a].size() > 10);
    CHECK(ids[&t.a] == ids[&t.b]);
    // Filters select nodes as for the other formats.
    auto only = get(t.a, "/api/v1/export?format=jsonld&around=cn%2Fgenerative-ai-measures&depth=1");
    REQUIRE(only);
    CHECK(only->status == 200);
    rapidjson::Document doc;
    doc.Parse(only->body.c_str());
    REQUIRE(doc.IsObject());
    CHECK(doc["@graph"].Size() < ids[&t.a].size());
    CHECK(doc["@graph"].Size() >= 2);
  }
}
