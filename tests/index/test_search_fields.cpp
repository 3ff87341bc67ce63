// Tests the search field table (index/search_fields.h) as the one contract between writer,
// searcher and server: names and prefixes unique, every prefix of index_schema.h in it, facets on
// slots, and for each field the writer's term found by the searcher through both the query
// parser (`name:value`) and the filter (SearchRequest member), and its facet counted.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "index/index_schema.h"
#include "index/index_writer.h"
#include "index/search_document.h"
#include "index/search_fields.h"
#include "index/searcher.h"
#include "tests/test_support.h"

using namespace regkg::index;
using regkg::test::TempDir;

namespace {

// One document carrying a value for every field.
SearchDocument every_field_document() {
  SearchDocument d;
  d.id = "cn/x@2021-08-20/art-1";
  d.kind = "article";
  d.title = "Article 1 personal information";
  d.instrument_id = "cn/x";
  d.version_id = "cn/x@2021-08-20";
  d.date = "2021-08-20";
  d.jurisdiction = "cn";
  d.issuers = {"cac"};
  d.text_zh = "个人信息处理者应当保护个人信息";
  d.modalities = {"obligation"};
  d.actors = {"role-provider"};
  return d;
}

// The value of each field in that document.
std::string value_of(std::string_view field) {
  if (field == "title") return "personal";
  if (field == "id") return "cn/x@2021-08-20/art-1";
  if (field == "kind") return "article";
  if (field == "lang") return "zh";
  if (field == "instrument") return "cn/x";
  if (field == "version") return "cn/x@2021-08-20";
  if (field == "jurisdiction") return "cn";
  if (field == "issuer") return "cac";
  if (field == "year") return "2021";
  if (field == "modality") return "obligation";
  if (field == "actor") return "role-provider";
  return {};
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("search fields: unique names and prefixes / every schema prefix / facets on slots") {
    std::set<std::string_view> names, prefixes, params;
    std::set<Xapian::valueno> slots;
    for (const SearchField& f : kSearchFields) {
      CAPTURE(f.name);
      CHECK(names.insert(f.name).second);
      CHECK(prefixes.insert(f.prefix).second);
      CHECK_FALSE(value_of(f.name).empty());  // the test below knows every field
      if (f.facet != FacetCount::none) {
        CHECK(f.slot != Xapian::BAD_VALUENO);
        CHECK(f.slot != slot::kDate);
        CHECK(f.slot != slot::kLayer);
        CHECK(slots.insert(f.slot).second);
        CHECK(f.facet_values > 0);
      }
      // A filter has its HTTP parameter, named as its field, and a description.
      CHECK((f.filter == nullptr) == (f.http_param == nullptr));
      if (f.http_param) {
        CHECK(std::string_view(f.http_param) == f.name);
        CHECK(params.insert(f.http_param).second);
        CHECK(f.http_description != nullptr);
        CHECK((f.http_choices != nullptr || f.http_max_bytes > 0));
        CHECK(f.boolean);
      }
    }
    for (std::string_view p : {prefix::kId, prefix::kTitle, prefix::kKind, prefix::kInstrument,
                               prefix::kVersion, prefix::kJurisdiction, prefix::kLanguage,
                               prefix::kIssuer, prefix::kYear, prefix::kModality, prefix::kActor})
      CHECK(prefixes.count(p) == 1);
    CHECK(prefixes.size() == 11);
  }

  TEST_CASE("search fields: each field finds the writer's document by query and by filter") {
    TempDir dir;
    const auto path = dir.path() / "index";
    {
      IndexWriter writer(path, "snap-fields");
      writer.add(every_field_document());
      SearchDocument other = every_field_document();
      other.id = "news/other";
      other.kind = "news";
      other.title = "Other";
      other.instrument_id = other.version_id = other.jurisdiction = "";
      other.issuers.clear();
      other.modalities.clear();
      other.actors.clear();
      other.text_zh.clear();
      other.text_en = "unrelated";
      other.date = "2019-01-01";
      writer.add(other);
      writer.commit();
    }
    Searcher s(path, 1);
    for (const SearchField& f : kSearchFields) {
      CAPTURE(f.name);
      const std::string value = value_of(f.name);
      SearchRequest by_query;
      by_query.query = std::string(f.name) + ":" + value;
      SearchResult r = s.search(by_query);
      REQUIRE(r.hits.size() == 1);
      CHECK(r.hits[0].id == "cn/x@2021-08-20/art-1");
      if (f.boolean)
        CHECK(s.describe(by_query).find(boolean_term(f.prefix, value)) != std::string::npos);
      if (f.filter) {
        SearchRequest by_filter;
        by_filter.*f.filter = value;
        SearchResult rf = s.search(by_filter);
        REQUIRE(rf.hits.size() == 1);
        CHECK(rf.hits[0].id == "cn/x@2021-08-20/art-1");
      }
      if (f.facet != FacetCount::none) {
        SearchRequest all;
        all.query = "id:cn/x@2021-08-20/art-1";
        SearchResult ra = s.search(all);
        auto it = ra.facets.find(std::string(f.name));
        REQUIRE(it != ra.facets.end());
        REQUIRE(it->second.size() == 1);
        CHECK(it->second[0].value == value);
        CHECK(it->second[0].count == 1);
      }
    }
  }
}
