// Tests the news linker and the actor alias matcher on the real news items against the
// hand-annotated gold set (tests/gold/news_links.json): news -> instrument precision >= 0.9.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <set>

#include "ingest/extract/alias_dictionary.h"
#include "ingest/extract/news_linker.h"
#include "ingest/sources/news_markdown_parser.h"
#include "tests/test_support.h"

using namespace regkg;
using namespace regkg::ingest;

namespace {

std::filesystem::path dictionaries() {
  return std::filesystem::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
}

struct Scores {
  size_t gold = 0, found = 0, correct = 0;
  double precision() const { return found ? double(correct) / double(found) : 1.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 1.0; }
};

}  // namespace

TEST_SUITE("ingest") {
  TEST_CASE("news linker: rules / headline weight and dangling rules") {
    NewsLinker linker = NewsLinker::from_json(R"({"news_patterns": {
      "cn/generative-ai-measures": [["generative ai", "china|chinese", "rule*|measure*"]],
      "dangling:深度合成": [["deepfake*", "china"]]}})",
                                              "inline");
    auto links = linker.link("China says generative AI rules apply to public", "");
    REQUIRE(links.size() == 1);
    CHECK(links[0].instrument == "cn/generative-ai-measures");
    CHECK(links[0].confidence == doctest::Approx(0.9));
    CHECK(links[0].evidence.find("generative ai") != std::string::npos);
    // Words on a word boundary only: "rulers" is not "rule*"? It is a prefix; "chinaware" is not
    // "china".
    CHECK(linker.link("Chinaware and generative AI rules", "").empty());
    auto text_only = linker.link("Markets", "Chinese regulators issued generative AI measures.");
    REQUIRE(text_only.size() == 1);
    CHECK(text_only[0].confidence == doctest::Approx(0.75));
    auto dangling = linker.link("China targets deepfakes", "");
    REQUIRE(dangling.size() == 1);
    CHECK(dangling[0].dangling);
    CHECK(dangling[0].instrument == "深度合成");
    CHECK_THROWS(NewsLinker::from_json("{not json", "bad.json"));
  }

  TEST_CASE("news linker and actor mentions: precision and recall on the gold set") {
    REGKG_NEEDS_FULL_CORPUS(
        "the gold set was annotated on the publishers' excerpts, which the embedded corpus does "
        "not redistribute");
    NewsLinker linker = NewsLinker::load(dictionaries() / "instruments.json");
    AliasDictionary actors = AliasDictionary::load(dictionaries() / "actors.json");
    rapidjson::Document gold;
    std::string json = test::read_file(std::filesystem::path(REGKG_SOURCE_DIR) / "tests" / "gold" /
                                       "news_links.json");
    gold.Parse(json.data(), json.size());
    REQUIRE(gold.IsObject());
    Scores inst, act;
    std::string misses;
    for (const auto& item : gold["items"].GetArray()) {
      std::string file = item["file"].GetString();
      Diagnostics diags;
      NewsItem news = parse_news_markdown(file, test::read_file(test::corpus_file(file)), diags);
      std::set<std::string> want, got;
      for (const auto& v : item["instruments"].GetArray()) want.insert(v.GetString());
      for (const auto& l : linker.link(news.title, news.excerpt + "\n" + news.body))
        if (!l.dangling) got.insert(l.instrument);
      inst.gold += want.size();
      inst.found += got.size();
      for (const auto& g : got) {
        if (want.count(g))
          ++inst.correct;
        else
          misses += "  extra " + g + " in " + file + "\n";
      }
      for (const auto& w : want)
        if (!got.count(w)) misses += "  missed " + w + " in " + file + "\n";

      std::set<std::string> want_actors, got_actors;
      for (const auto& v : item["actors"].GetArray()) want_actors.insert(v.GetString());
      for (const std::string* part : {&news.title, &news.excerpt, &news.body})
        for (const auto& m : actors.find_all(*part)) got_actors.insert(m.actor->id);
      act.gold += want_actors.size();
      act.found += got_actors.size();
      for (const auto& g : got_actors) act.correct += want_actors.count(g);
    }
    MESSAGE("news -> instrument: gold " << inst.gold << ", found " << inst.found << ", correct "
                                        << inst.correct << ", P " << inst.precision() << ", R "
                                        << inst.recall() << "\n"
                                        << misses);
    MESSAGE("news actor mentions: gold " << act.gold << ", found " << act.found << ", correct "
                                         << act.correct << ", P " << act.precision() << ", R "
                                         << act.recall());
    CHECK(inst.precision() >= 0.90);
    CHECK(inst.recall() >= 0.85);
    CHECK(act.precision() >= 0.90);
  }
}
