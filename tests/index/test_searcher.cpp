// Tests Searcher on a small real database: CJK/English queries, filters, facets, errors, threads.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "index/index_schema.h"
#include "index/index_writer.h"
#include "index/searcher.h"
#include "tests/test_support.h"

using namespace regkg::index;
using regkg::test::TempDir;

namespace {

SearchDocument doc(std::string id, std::string kind, std::string instrument, std::string date,
                   std::string jurisdiction, std::vector<std::string> issuers, std::string title,
                   std::string zh, std::string en) {
  SearchDocument d;
  d.id = std::move(id);
  d.kind = std::move(kind);
  d.instrument_id = std::move(instrument);
  d.instrument_title = d.instrument_id.empty() ? "" : "title of " + d.instrument_id;
  d.version_id = d.instrument_id.empty() || date.empty() ? "" : d.instrument_id + "@" + date;
  d.date = std::move(date);
  d.jurisdiction = std::move(jurisdiction);
  d.issuers = std::move(issuers);
  d.title = std::move(title);
  d.text_zh = std::move(zh);
  d.text_en = std::move(en);
  return d;
}

const char* kGenAiArt17 = "cn/generative-ai-measures@2023-07-10/art-17";
const char* kGenAiVersion = "cn/generative-ai-measures@2023-07-10";
const char* kAiActArt9 = "eu/ai-act@2024-07-12/art-9";
const char* kPiplArt55 = "cn/pipl@2021-08-20/art-55";
const char* kNews = "news/china-generative-ai-rules";
const char* kDslArt21 = "cn/data-security-law@2021-06-10/art-21";

std::vector<SearchDocument> fixture_documents() {
  return {
      doc(kGenAiArt17, "article", "cn/generative-ai-measures", "2023-07-10", "cn", {"cac"},
          "第十七条",
          "提供具有舆论属性或者社会动员能力的生成式人工智能服务的，应当按照国家有关规定开展安全评估"
          "，"
          "并按照《互联网信息服务算法推荐管理规定》履行算法备案和变更、注销备案手续。",
          ""),
      doc(kGenAiVersion, "version", "cn/generative-ai-measures", "2023-07-10", "cn",
          {"cac", "ndrc"}, "生成式人工智能服务管理暂行办法",
          "为了促进生成式人工智能健康发展和规范应用，制定本办法。", ""),
      doc(kAiActArt9, "article", "eu/ai-act", "2024-07-12", "eu", {"eu-parliament"},
          "Article 9 Risk management system", "",
          "A risk management system shall be established. Providers shall carry out risk "
          "assessments of high-risk AI systems before placing them on the market."),
      doc(kPiplArt55, "article", "cn/pipl", "2021-08-20", "cn", {"npcsc"}, "第五十五条",
          "有下列情形之一的，个人信息处理者应当事前进行个人信息保护影响评估，并对处理情况进行记录"
          "。",
          "A personal information processor shall conduct a personal information protection impact "
          "evaluation in advance and record the processing."),
      doc(kDslArt21, "article", "cn/data-security-law", "2021-06-10", "cn", {"npcsc"}, "第二十一条",
          "国家建立数据分类分级保护制度，根据数据在经济社会发展中的重要程度进行分类分级保护。", ""),
      doc(kNews, "news", "", "2024-01-08", "", {},
          "China's Generative AI Rules Target Public-Facing Products", "",
          "The interim rules require security assessments only from providers offering generative "
          "AI services to the public."),
  };
}

// One database shared by the tests of this file (built once; each test only reads it).
const std::filesystem::path& fixture_db() {
  static TempDir dir;
  static const std::filesystem::path db = [] {
    auto path = dir.path() / "index";
    IndexWriter writer(path, "snap-test-1");
    for (const auto& d : fixture_documents()) writer.add(d);
    writer.commit();
    REQUIRE(writer.count() == fixture_documents().size());
    return path;
  }();
  return db;
}

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

std::vector<std::string> sorted_ids(const SearchResult& r) {
  auto out = ids(r);
  std::sort(out.begin(), out.end());
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const SearchHit* hit_for(const SearchResult& r, const std::string& id) {
  for (const auto& h : r.hits)
    if (h.id == id) return &h;
  return nullptr;
}

std::map<std::string, size_t> facet(const SearchResult& r, const std::string& name) {
  std::map<std::string, size_t> out;
  auto it = r.facets.find(name);
  if (it == r.facets.end()) return out;
  for (const auto& v : it->second) out[v.value] = v.count;
  return out;
}

SearchRequest query(const std::string& q) {
  SearchRequest r;
  r.query = q;
  return r;
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("the fixture database opens with its snapshot id and document count") {
    Searcher s(fixture_db(), 2);
    CHECK(s.document_count() == 6);
    CHECK(s.snapshot_id() == "snap-test-1");
  }

  TEST_CASE("a Chinese query finds the Chinese article and marks the match in the snippet") {
    Searcher s(fixture_db(), 1);
    auto r = s.search(query("安全评估"));
    REQUIRE(r.total >= 1);
    CHECK(r.total_exact);
    const auto found = ids(r);
    CHECK(found.front() == kGenAiArt17);
    // English-only documents and Chinese ones without 安全评估 are not matched by a phrase of
    // n-grams.
    CHECK_FALSE(contains(found, kAiActArt9));
    CHECK_FALSE(contains(found, kDslArt21));
    const SearchHit* h = hit_for(r, kGenAiArt17);
    REQUIRE(h != nullptr);
    CHECK(h->snippet.find("<mark>") != std::string::npos);
    CHECK(h->snippet.find("</mark>") != std::string::npos);
    CHECK(h->snippet.find("评估") != std::string::npos);
    CHECK(h->kind == "article");
    CHECK(h->instrument_id == "cn/generative-ai-measures");
    CHECK(h->instrument_title == "title of cn/generative-ai-measures");
    CHECK(h->version_id == kGenAiVersion);
    CHECK(h->date == "2023-07-10");
    CHECK(h->jurisdiction == "cn");
    CHECK(h->title == "第十七条");
    CHECK(h->score > 0);
  }

  TEST_CASE("an English query is stemmed: 'assessments' finds 'assessments' and 'assessment'") {
    Searcher s(fixture_db(), 1);
    auto r = s.search(query("assessments"));
    const auto found = sorted_ids(r);
    CHECK(contains(found, kAiActArt9));
    CHECK(contains(found, kNews));
    CHECK_FALSE(contains(found, kGenAiArt17));  // Chinese only
    CHECK_FALSE(contains(found, kPiplArt55));   // says "evaluation", not assessment
    const SearchHit* h = hit_for(r, kAiActArt9);
    REQUIRE(h != nullptr);
    CHECK(h->snippet.find("<mark>assessments</mark>") != std::string::npos);
    // The singular finds the same documents through the stem.
    CHECK(sorted_ids(s.search(query("assessment"))) == found);
  }

  TEST_CASE(
      "a bilingual document is found by either language / with the snippet in that language") {
    Searcher s(fixture_db(), 1);
    auto zh = s.search(query("影响评估"));
    REQUIRE(hit_for(zh, kPiplArt55) != nullptr);
    CHECK(hit_for(zh, kPiplArt55)->snippet.find("<mark>") != std::string::npos);
    CHECK(hit_for(zh, kPiplArt55)->snippet.find("评估") != std::string::npos);
    auto en = s.search(query("evaluation"));
    CHECK(ids(en) == std::vector<std::string>{kPiplArt55});
    CHECK(hit_for(en, kPiplArt55)->snippet.find("<mark>evaluation</mark>") != std::string::npos);
  }

  TEST_CASE("filters narrow results") {
    Searcher s(fixture_db(), 1);
    struct Case {
      const char* what;
      SearchRequest request;
      std::vector<std::string> expected;  // sorted
    };
    auto with = [](auto setter) {
      SearchRequest r;
      setter(r);
      return r;
    };
    const std::vector<Case> cases = {
        {"kind=news", with([](SearchRequest& r) { r.kind = "news"; }), {kNews}},
        {"kind=version", with([](SearchRequest& r) { r.kind = "version"; }), {kGenAiVersion}},
        {"lang=en", with([](SearchRequest& r) { r.lang = "en"; }), {kAiActArt9, kPiplArt55, kNews}},
        {"lang=zh + kind=article",
         with([](SearchRequest& r) {
           r.lang = "zh";
           r.kind = "article";
         }),
         {kDslArt21, kGenAiArt17, kPiplArt55}},
        {"instrument",
         with([](SearchRequest& r) { r.instrument = "cn/generative-ai-measures"; }),
         {kGenAiVersion, kGenAiArt17}},
        {"jurisdiction=eu", with([](SearchRequest& r) { r.jurisdiction = "eu"; }), {kAiActArt9}},
        {"year=2021", with([](SearchRequest& r) { r.year = "2021"; }), {kDslArt21, kPiplArt55}},
        {"issuer=npcsc",
         with([](SearchRequest& r) { r.issuer = "npcsc"; }),
         {kDslArt21, kPiplArt55}},
        {"from..to inclusive",
         with([](SearchRequest& r) {
           r.from = "2021-06-10";
           r.to = "2023-07-10";
         }),
         {kGenAiVersion, kGenAiArt17, kPiplArt55, kDslArt21}},
        {"from only", with([](SearchRequest& r) { r.from = "2024-01-08"; }), {kAiActArt9, kNews}},
        {"to only", with([](SearchRequest& r) { r.to = "2021-06-10"; }), {kDslArt21}},
        // Query and filter combined: 'assessments' in English docs, restricted to news.
        {"q + kind",
         with([](SearchRequest& r) {
           r.query = "assessments";
           r.kind = "news";
         }),
         {kNews}},
        {"q + jurisdiction",
         with([](SearchRequest& r) {
           r.query = "安全评估";
           r.jurisdiction = "eu";
         }),
         {}},
        {"unknown kind value", with([](SearchRequest& r) { r.kind = "nonsense"; }), {}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.what);
      auto expected = c.expected;
      std::sort(expected.begin(), expected.end());
      auto r = s.search(c.request);
      CHECK(sorted_ids(r) == expected);
      CHECK(r.total == expected.size());
    }
  }

  TEST_CASE("browsing by filters only sorts newest first") {
    Searcher s(fixture_db(), 1);
    SearchRequest r;
    r.jurisdiction = "cn";
    auto res = s.search(r);
    CHECK(ids(res) == std::vector<std::string>{kGenAiVersion, kGenAiArt17, kPiplArt55, kDslArt21});
    // The two 2023-07-10 documents tie on date and are ordered by node id, not by docid.
    std::vector<std::string> dates;
    for (const auto& h : res.hits) dates.push_back(h.date);
    CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  }

  TEST_CASE("facet counts are exact") {
    Searcher s(fixture_db(), 1);
    SearchRequest all;  // no query, no filter: every document
    auto r = s.search(all);
    CHECK(r.total == 6);
    CHECK(facet(r, "kind") ==
          std::map<std::string, size_t>{{"article", 4}, {"version", 1}, {"news", 1}});
    CHECK(facet(r, "instrument") == std::map<std::string, size_t>{{"cn/generative-ai-measures", 2},
                                                                  {"eu/ai-act", 1},
                                                                  {"cn/pipl", 1},
                                                                  {"cn/data-security-law", 1}});
    CHECK(facet(r, "jurisdiction") == std::map<std::string, size_t>{{"cn", 4}, {"eu", 1}});
    CHECK(facet(r, "year") == std::map<std::string, size_t>{{"2021", 2}, {"2023", 2}, {"2024", 2}});
    // Years are listed newest first.
    const auto& years = r.facets.at("year");
    REQUIRE(years.size() == 3);
    CHECK(years[0].value == "2024");
    CHECK(years[2].value == "2021");

    // Facets follow the matches, not the whole database.
    auto q = s.search(query("assessments"));
    CHECK(facet(q, "kind") == std::map<std::string, size_t>{{"article", 1}, {"news", 1}});
    CHECK(facet(q, "jurisdiction") == std::map<std::string, size_t>{{"eu", 1}});

    SearchRequest no_facets = query("assessments");
    no_facets.facets = false;
    CHECK(s.search(no_facets).facets.empty());
  }

  TEST_CASE("field prefixes in the query: issuer: / kind: / lang: / instrument: / year: / title:") {
    Searcher s(fixture_db(), 1);
    struct Case {
      std::string q;
      std::vector<std::string> expected;  // sorted
    };
    const std::vector<Case> cases = {
        {"issuer:cac", {kGenAiVersion, kGenAiArt17}},
        {"issuer:ndrc", {kGenAiVersion}},
        {"kind:news", {kNews}},
        {"lang:en assessments", {kAiActArt9, kNews}},
        {"instrument:cn/pipl", {kPiplArt55}},
        {"year:2024", {kAiActArt9, kNews}},
        {"jurisdiction:eu", {kAiActArt9}},
        {"title:Management", {kAiActArt9}},  // capitalised: not stemmed by the parser
        {"id:" + std::string(kDslArt21), {kDslArt21}},
        {"issuer:cac 安全评估", {kGenAiArt17}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.q);
      auto expected = c.expected;
      std::sort(expected.begin(), expected.end());
      CHECK(sorted_ids(s.search(query(c.q))) == expected);
    }
  }

  // Regression test (fixed): index/index_writer.cpp:62-65 indexes titles with STEM_NONE (terms
  // "Smanagement", "management"), but index/searcher.cpp:31-34 parses with an English stemmer and
  // STEM_SOME, so a lowe…
  TEST_CASE("title: queries match lowercase English title words") {
    TempDir tmp;
    {
      IndexWriter w(tmp.path() / "index", "snap-title");
      SearchDocument d;
      d.id = "news/title-only";
      d.kind = "news";
      d.title = "Regulators publish guidance on deepfakes";
      w.add(d);
      w.commit();
    }
    Searcher s(tmp.path() / "index", 1);
    CHECK(ids(s.search(query("title:Guidance"))) == std::vector<std::string>{"news/title-only"});
    CHECK(ids(s.search(query("title:guidance"))) == std::vector<std::string>{"news/title-only"});
    CHECK(ids(s.search(query("deepfakes"))) == std::vector<std::string>{"news/title-only"});
  }

  TEST_CASE("date ranges in the query: date:FROM..TO over the date slot") {
    Searcher s(fixture_db(), 1);
    auto r = s.search(query("date:2023-01-01..2023-12-31"));
    CHECK(sorted_ids(r) == std::vector<std::string>{kGenAiVersion, kGenAiArt17});
    CHECK(sorted_ids(s.search(query("date:2024-01-08..2024-01-08"))) ==
          std::vector<std::string>{kNews});
    CHECK(s.search(query("date:1990-01-01..1999-12-31")).total == 0);
    // Combined with words.
    CHECK(ids(s.search(query("assessments date:2024-01-01..2024-06-30"))) ==
          std::vector<std::string>{kNews});
  }

  TEST_CASE("malformed queries throw QuerySyntaxError carrying Xapian's message and the query") {
    Searcher s(fixture_db(), 1);
    // Each was checked to be rejected by Xapian 1.4 even after its relaxed re-parse.
    for (const std::string bad : {"AND AND (", "foo..bar", "OR", "date:abc..def"}) {
      CAPTURE(bad);
      try {
        s.search(query(bad));
        FAIL("expected QuerySyntaxError");
      } catch (const QuerySyntaxError& e) {
        CHECK(e.query() == bad);
        CHECK(std::string(e.what()).size() > 0);
      }
      CHECK_THROWS_AS(s.describe(query(bad)), QuerySyntaxError);
    }
    try {
      s.search(query("AND AND ("));
    } catch (const QuerySyntaxError& e) {
      CHECK(std::string(e.what()).find("Syntax") != std::string::npos);
    }
    try {
      s.search(query("foo..bar"));
    } catch (const QuerySyntaxError& e) {
      CHECK(std::string(e.what()) == "Unknown range operation");
    }
    // Sloppy but recoverable queries are accepted (Xapian retries without operators).
    CHECK_NOTHROW(s.search(query("\"unclosed")));
    CHECK_NOTHROW(s.search(query("((( 安全")));
  }

  TEST_CASE("a query of punctuation only matches nothing rather than everything") {
    Searcher s(fixture_db(), 1);
    auto r = s.search(query("((("));
    CHECK(r.total == 0);
    CHECK(r.hits.empty());
  }

  TEST_CASE("did_you_mean: unknown English words spelled as the index spells them") {
    Searcher s(fixture_db(), 1);
    const SearchResult r = s.search(query("risk managemnt sytem"));
    CHECK(r.did_you_mean == "risk management system");
    // Known words (or words of a known stem: "managment" finds "management"), Chinese, field
    // names and operators are left alone: no suggestion.
    CHECK(s.search(query("risk managment")).did_you_mean.empty());
    CHECK(s.search(query("risk management")).did_you_mean.empty());
    CHECK(s.search(query("安全评估")).did_you_mean.empty());
    CHECK(s.search(query("kind:article AND risk")).did_you_mean.empty());
    CHECK(s.search(query("kind:article AND managemnt")).did_you_mean ==
          "kind:article AND management");
  }

  TEST_CASE("describe returns the parsed query") {
    Searcher s(fixture_db(), 1);
    SearchRequest r;
    r.kind = "news";
    CHECK(s.describe(r) == "Query((<alldocuments> FILTER XKnews))");
    const std::string d1 = s.describe(query("assessments"));
    CHECK(d1.find("Zassess") != std::string::npos);
    const std::string d2 = s.describe(query("安全评估"));
    // CJK n-gram parsing: a phrase of the characters; plain words also boost whole laws (instrument
    // and version documents) whose titles hold the phrase.
    // The bigrams the phrase needs filter it (index/cjk_query.h).
    CHECK(d2 ==
          "Query((((安@1 PHRASE 4 全@1 PHRASE 4 评@1 PHRASE 4 估@1) AND_MAYBE 3 * ((S安@1 PHRASE 4 "
          "S全@1 PHRASE 4 S评@1 PHRASE 4 S估@1) FILTER (XKinstrument OR XKversion))) FILTER (安全 "
          "AND "
          "全评 AND 评估)))");
    // Query syntax is taken as written: no boost, no expansion.
    CHECK(s.describe(query("\"安全评估\"")) ==
          "Query(((安@1 PHRASE 4 全@1 PHRASE 4 评@1 PHRASE 4 估@1) FILTER (安全 AND 全评 AND "
          "评估)))");
    SearchRequest filtered = query("security");
    filtered.instrument = "cn/pipl";
    filtered.from = "2021-01-01";
    filtered.to = "2021-12-31";
    const std::string d3 = s.describe(filtered);
    CHECK(d3.find("FILTER") != std::string::npos);
    CHECK(d3.find("XIcn/pipl") != std::string::npos);
    CHECK(d3.find("VALUE_RANGE 0 20210101 20211231") != std::string::npos);
    CHECK(s.describe(query("issuer:cac")).find("XScac") != std::string::npos);
    CHECK(s.describe(query("date:2023-01-01..2023-12-31")) ==
          "Query(VALUE_RANGE 0 20230101 20231231)");
  }

  TEST_CASE("paging: offset and limit select a window of the same ranking") {
    Searcher s(fixture_db(), 1);
    SearchRequest all;
    all.jurisdiction = "cn";
    all.limit = 10;
    const auto full = ids(s.search(all));
    REQUIRE(full.size() == 4);
    all.limit = 2;
    all.offset = 1;
    auto page = s.search(all);
    CHECK(ids(page) == std::vector<std::string>{full[1], full[2]});
    CHECK(page.total == 4);
    all.offset = 10;
    CHECK(s.search(all).hits.empty());
  }

  TEST_CASE("a database of another schema version is refused with IndexOpenError") {
    TempDir tmp;
    {
      Xapian::WritableDatabase db((tmp.path() / "old").string(), Xapian::DB_CREATE_OR_OVERWRITE);
      db.set_metadata(std::string(kMetaSchemaVersion), "999");
      db.set_metadata(std::string(kMetaSnapshotId), "x");
      db.commit();
    }
    try {
      Searcher s(tmp.path() / "old", 1);
      FAIL("expected IndexOpenError");
    } catch (const IndexOpenError& e) {
      const std::string what = e.what();
      CHECK(what.find("999") != std::string::npos);
      CHECK(what.find((tmp.path() / "old").string()) != std::string::npos);
    }
    // No schema metadata at all (a foreign Xapian database) is refused too.
    {
      Xapian::WritableDatabase db((tmp.path() / "foreign").string(),
                                  Xapian::DB_CREATE_OR_OVERWRITE);
      db.commit();
    }
    CHECK_THROWS_AS(Searcher(tmp.path() / "foreign", 1), IndexOpenError);
    // And a path that is not a database.
    CHECK_THROWS_AS(Searcher(tmp.path() / "missing", 1), IndexOpenError);
  }

  TEST_CASE("shards in index/shard-N are searched as one database") {
    TempDir tmp;
    auto docs = fixture_documents();
    for (size_t shard = 0; shard < 2; ++shard) {
      IndexWriter w(tmp.path() / "index" / ("shard-" + std::to_string(shard)), "snap-shards");
      for (size_t i = shard; i < docs.size(); i += 2) w.add(docs[i]);
      w.commit();
    }
    Searcher s(tmp.path() / "index", 2);
    CHECK(s.document_count() == docs.size());
    CHECK(s.snapshot_id() == "snap-shards");
    CHECK(ids(s.search(query("安全评估"))).front() == kGenAiArt17);
    SearchRequest all;
    all.query = "";
    CHECK(facet(s.search(all), "kind") ==
          std::map<std::string, size_t>{{"article", 4}, {"version", 1}, {"news", 1}});
  }

  TEST_CASE("Searcher is safe from several threads: 4 threads x 200 searches agree") {
    Searcher s(fixture_db(), 2);  // fewer databases than threads: exercises the pool's waiting
    std::vector<SearchRequest> requests = {
        query("安全评估"), query("assessments"), query("issuer:cac"),
        query("date:2023-01-01..2023-12-31"), query("evaluation")};
    SearchRequest filtered;
    filtered.jurisdiction = "cn";
    requests.push_back(filtered);
    std::vector<std::pair<size_t, std::vector<std::string>>> expected;
    for (const auto& r : requests) {
      auto res = s.search(r);
      expected.emplace_back(res.total, ids(res));
    }
    std::atomic<int> mismatches{0}, errors{0}, done{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 200; ++i) {
          size_t k = static_cast<size_t>(t + i) % requests.size();
          try {
            auto res = s.search(requests[k]);
            if (res.total != expected[k].first || ids(res) != expected[k].second) ++mismatches;
            ++done;
          } catch (...) {
            ++errors;
          }
        }
      });
    for (auto& th : threads) th.join();
    CHECK(done == 800);
    CHECK(errors == 0);
    CHECK(mismatches == 0);
  }

}  // TEST_SUITE
