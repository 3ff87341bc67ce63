// Tests for the sources manifest: the project's corpus/sources.json, and broken manifests refused
// with a message naming the source and the field.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include <map>

#include <rapidjson/document.h>

#include "fetch/source_manifest.h"
#include "ingest/assemble/instrument_catalog.h"
#include "tests/test_support.h"
#include "text/chinese_title.h"

using namespace regkg;
namespace test = regkg::test;
using fetch::ManifestError;
using fetch::parse_source_manifest;

namespace fs = std::filesystem;

namespace {

std::string host_of(const std::string& url) {
  const size_t start = url.find("://") + 3;
  return url.substr(start, url.find('/', start) - start);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("corpus/sources.json: real publisher pages with the facts of each rule") {
  const auto m =
      fetch::load_source_manifest(fs::path(REGKG_SOURCE_DIR) / "corpus" / "sources.json");
  REQUIRE(m.sources.size() >= 6);
  std::set<std::string> publishers, instruments;
  for (const auto& s : m.sources) {
    INFO(s.id);
    publishers.insert(s.publisher);
    instruments.insert(s.instrument);
    const std::string host = host_of(s.url);
    CHECK((ends_with(host, "cac.gov.cn") || ends_with(host, "www.gov.cn") ||
           ends_with(host, "npc.gov.cn")));
    CHECK(s.instrument.rfind("cn/", 0) == 0);
    CHECK(!s.published.empty());
    CHECK(!s.issuer.empty());
  }
  CHECK(publishers == std::set<std::string>{"cac", "gov.cn", "npc"});
  for (const char* id : {"cn/generative-ai-measures", "cn/algorithmic-recommendation-provisions",
                         "cn/互联网信息服务深度合成管理规定"}) {
    CHECK(instruments.count(id) == 1);
  }
  // Where instruments.json knows the title, the manifest's id is the one the ingest will give.
  const auto catalog = ingest::InstrumentCatalog::load(fs::path(REGKG_SOURCE_DIR) / "corpus" /
                                                       "dictionaries" / "instruments.json");
  size_t checked = 0;
  for (const auto& s : m.sources) {
    if (const auto* c = catalog.find_zh(text::normalize_cn_title(s.short_title))) {
      CHECK(c->id == s.instrument);
      ++checked;
    }
  }
  CHECK(checked >= 1);
  // Where the real corpus's Compass instruments name the rule, the id is Compass's (cn-pipl ->
  // cn/pipl), as the ingest merges a statute with the Compass instrument of the same title.
  rapidjson::Document compass;
  const std::string text = test::read_file(test::corpus_file("compass/instruments.json"));
  compass.Parse(text.data(), text.size());
  REQUIRE(compass.IsArray());
  std::map<std::string, std::string> compass_ids;  // normalised title -> regkg id
  for (const auto& inst : compass.GetArray()) {
    if (!inst.IsObject() || !inst.HasMember("originalTitle") || !inst.HasMember("id")) continue;
    compass_ids[text::normalize_cn_title(inst["originalTitle"].GetString())] =
        ingest::compass_instrument_id(inst["id"].GetString(), "cn");
  }
  size_t in_compass = 0;
  for (const auto& s : m.sources) {
    auto it = compass_ids.find(text::normalize_cn_title(s.short_title));
    if (it == compass_ids.end()) continue;
    INFO(s.id);
    CHECK(it->second == s.instrument);
    ++in_compass;
  }
  CHECK(in_compass == 4);  // generative AI, network data, PIPL, cybersecurity
  for (const auto& s : m.sources) {
    if (s.instrument == "cn/generative-ai-measures") {
      CHECK(s.url == "https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm");
      CHECK(s.published == "2023-07-10");
      CHECK(s.effective == "2023-08-15");
    }
  }
}

TEST_CASE("broken manifests are refused with the source and field named") {
  struct Case {
    const char* json;
    const char* message;
  };
  const std::string ok_source =
      R"({"id":"a","url":"http://x/","title":"甲办法","kind":"departmental-rule"})";
  const Case cases[] = {
      {"{", "m.json: error: invalid JSON at byte 1: Missing a name for object member."},
      {"[]", "m.json: error: expected a JSON object with a \"sources\" array"},
      {R"({"sources":[]})", "m.json: error: sources: no sources listed"},
      {R"({"sources":[{"id":"A B","url":"http://x/","title":"t","kind":"law"}]})",
       "m.json: error: sources[0].id: required: lower-case letters, digits, '-', '_' or '.'"},
      {R"({"sources":[{"id":"a","url":"ftp://x/","title":"t","kind":"law"}]})",
       "m.json: error: sources[0].url: required: an http:// or https:// URL (\"ftp://x/\")"},
      {R"({"sources":[{"id":"a","url":"http://x/","kind":"law"}]})",
       "m.json: error: sources[0].title: required"},
      {R"({"sources":[{"id":"a","url":"http://x/","title":"t","kind":"decree"}]})",
       "m.json: error: sources[0].kind: \"decree\" is not one of law, administrative-regulation, "
       "departmental-rule, judicial-interpretation, other"},
      {R"({"sources":[{"id":"a","url":"http://x/","title":"t","kind":"law","published":"2023-02-30"}]})",
       "m.json: error: sources[0].published: \"2023-02-30\" is not a YYYY-MM-DD date"},
      {R"({"sources":[{"id":"a","url":"http://x/","title":"t","kind":"law","tittle":"x"}]})",
       "m.json: error: sources[0]: unknown key \"tittle\""},
      {R"({"sources":[{"id":"a","url":"http://x/","title":"t","kind":"law","category":"../etc"}]})",
       "m.json: error: sources[0].category: \"../etc\" is not a relative folder path"},
      {R"({"sources":[{"id":"a","url":"http://x/","title":1,"kind":"law"}]})",
       "m.json: error: sources[0].title: expected a string"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    CHECK_THROWS_WITH_AS(parse_source_manifest(c.json, "m.json"), c.message, ManifestError);
  }
  CHECK_THROWS_WITH_AS(
      parse_source_manifest("{\"sources\":[" + ok_source + "," + ok_source + "]}", "m.json"),
      "m.json: error: sources[1].id: duplicate id \"a\"", ManifestError);
  CHECK_THROWS_WITH_AS(
      parse_source_manifest(
          R"({"sources":[{"id":"a","url":"http://x/1","title":"中华人民共和国甲法","kind":"law","published":"2020-01-01"},
                         {"id":"b","url":"http://x/2","title":"甲法","kind":"law","published":"2020-01-01"}]})",
          "m.json"),
      "m.json: error: sources[1]: writes the same file as \"a\": 法律/甲法(2020-01-01).md",
      ManifestError);
  CHECK_THROWS_WITH_AS(fetch::load_source_manifest("/nonexistent/sources.json"),
                       "/nonexistent/sources.json: error: cannot read the sources manifest",
                       ManifestError);
}

TEST_CASE("defaults: the short title drops 中华人民共和国 / the folder follows the kind") {
  const auto m = parse_source_manifest(
      R"({"sources":[{"id":"a","url":"https://www.npc.gov.cn/x.html","title":"中华人民共和国甲法","kind":"law"},
                     {"id":"b","url":"https://www.gov.cn/y.htm","title":"乙条例","kind":"administrative-regulation","category":"行政法规"}]})",
      "m.json");
  REQUIRE(m.sources.size() == 2);
  CHECK(m.sources[0].short_title == "甲法");
  CHECK(m.sources[0].category == "法律");
  CHECK(m.sources[1].category == "行政法规");
}
