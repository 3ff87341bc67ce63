// Checks the hand-annotated news-link gold set (tests/gold/news_links.json): it loads, covers the
// seed and every feed item exactly once, names only known instruments and actors, and leaves the
// README's 40 "negatives" without instruments. The news linker itself is evaluated elsewhere.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <set>
#include <string>

#include "tests/test_support.h"

using regkg::test::corpus_dir;
using regkg::test::corpus_file;
using regkg::test::read_file;

namespace {

rapidjson::Document load_json(const std::string& path) {
  const std::string text = read_file(path);
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

// The file names in the corpus README table "Added: negatives …" (section 4).
std::set<std::string> negatives_from_corpus_readme() {
  const std::string readme = read_file(corpus_dir() / "README.md");
  const size_t start = readme.find("Added: negatives");
  REQUIRE(start != std::string::npos);
  const size_t end = readme.find("###", start);
  std::set<std::string> out;
  size_t pos = start;
  while ((pos = readme.find("| `", pos)) != std::string::npos && pos < end) {
    const size_t close = readme.find('`', pos + 3);
    const std::string cell = readme.substr(pos + 3, close - pos - 3);
    if (cell.size() > 3 && cell.compare(cell.size() - 3, 3, ".md") == 0)
      out.insert(cell);  // not the commit
    pos = close;
  }
  return out;
}

}  // namespace

TEST_CASE("news links gold: loads / complete / only known ids / negatives link to nothing") {
  REGKG_NEEDS_FULL_CORPUS(
      "the gold set was annotated on the publishers' excerpts and is checked against the full "
      "corpus README");
  const rapidjson::Document gold =
      load_json(std::string(REGKG_SOURCE_DIR) + "/tests/gold/news_links.json");
  const rapidjson::Document actors_doc =
      load_json(std::string(REGKG_SOURCE_DIR) + "/corpus/dictionaries/actors.json");
  std::set<std::string> actors;
  for (const auto& a : actors_doc["actors"].GetArray()) actors.insert(a["id"].GetString());
  const std::set<std::string> instruments = {"cn/generative-ai-measures",
                                             "cn/algorithmic-recommendation-provisions",
                                             "cn/pipl",
                                             "cn/data-security-law",
                                             "cn/cybersecurity-law",
                                             "cn/network-data-regulations",
                                             "eu/ai-act",
                                             "eu/gdpr",
                                             "us/eo-14110",
                                             "us/eo-14179",
                                             "us-ca/sb-1047-2024",
                                             "gb/uk-gdpr"};
  const std::set<std::string> negatives = negatives_from_corpus_readme();
  CHECK(negatives.size() == 40);

  REQUIRE(gold.HasMember("items"));
  std::set<std::string> files;
  size_t linked = 0, negatives_seen = 0;
  for (const auto& item : gold["items"].GetArray()) {
    const std::string file = item["file"].GetString();
    CAPTURE(file);
    CHECK(files.insert(file).second);  // no duplicates
    CHECK(std::filesystem::is_regular_file(corpus_file(file)));
    REQUIRE(item["instruments"].IsArray());
    REQUIRE(item["actors"].IsArray());
    REQUIRE(item["dangling"].IsArray());
    for (const auto& i : item["instruments"].GetArray())
      CHECK(instruments.count(i.GetString()) == 1);
    for (const auto& a : item["actors"].GetArray()) CHECK(actors.count(a.GetString()) == 1);
    for (const auto& d : item["dangling"].GetArray()) CHECK(std::string(d.GetString()).size() > 0);
    if (!item["instruments"].Empty()) ++linked;
    const std::string name = std::filesystem::u8path(file).filename().u8string();
    if (negatives.count(name)) {
      ++negatives_seen;
      CHECK(item["instruments"].Empty());
      CHECK(item["dangling"].Empty());
    }
  }
  CHECK(files.size() == 134);
  CHECK(negatives_seen == 40);
  size_t feed_files = 0;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir() / "news" / "feed")) {
    if (e.path().extension() != ".md") continue;
    ++feed_files;
    CHECK(files.count("news/feed/" + e.path().filename().u8string()) == 1);
  }
  CHECK(feed_files == 133);
  CHECK(files.count(
            "news/seed/"
            "2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md") == 1);
  MESSAGE("news links gold: " << files.size() << " items, " << linked
                              << " linked to an instrument");
}
