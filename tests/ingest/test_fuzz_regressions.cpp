// Replays the inputs the ingest fuzz targets found (tests/fuzz_regressions/, see its README) the
// way each target does: every input must parse or be refused with a ParseError, within a time
// limit (one was a 10 s hang), and keep the target's structural promises.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "ingest/extract/date_extractor.h"
#include "ingest/sources/compass_json_parser.h"
#include "ingest/sources/front_matter_reader.h"
#include "ingest/sources/news_markdown_parser.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;

namespace {

fs::path regressions(const std::string& target) {
  return fs::path(REGKG_SOURCE_DIR) / "tests" / "fuzz_regressions" / target;
}

// Runs `f` on every stored input of `target`; returns how many there were.
template <typename F>
int replay(const std::string& target, F f) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(regressions(target))) {
    CAPTURE(entry.path().filename().string());
    const std::string input = regkg::test::read_file(entry.path());
    const auto start = std::chrono::steady_clock::now();
    f(input);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    ++n;
  }
  return n;
}

}  // namespace

TEST_SUITE("ingest") {
  TEST_CASE("fuzz regressions: statute Markdown inputs parse quickly or are refused") {
    int n = replay("fuzz_statute_markdown", [](const std::string& input) {
      regkg::ingest::Diagnostics diags;
      try {
        auto parsed = regkg::ingest::parse_statute_markdown(
            "statutes-zh/行政法/测试法(2021-06-10).md", input, diags);
        for (const auto& a : parsed.articles) CHECK_FALSE(a.paragraphs.empty());
        // The hang input: its "…发布之日施行" notes become effective events on the publication
        // date, with the line each stands on.
        for (const auto& e : parsed.events)
          if (e.type == "effective") CHECK(e.line > 0);
      } catch (const regkg::ingest::ParseError&) {
      }
    });
    CHECK(n >= 1);
  }

  TEST_CASE("fuzz regressions: Compass JSON inputs parse or are refused with a ParseError") {
    int n = replay("fuzz_compass_json", [](const std::string& input) {
      static const char* const kNames[] = {
          "compass/instruments.json",     "compass/jurisdictions.json",
          "compass/relations.json",       "compass/status-events.json",
          "compass/provisions.json",      "compass/cn-pipl-articles.json",
          "compass/corpus-manifest.json", "compass/reference-translations/cn-pipl-en.json",
      };
      REQUIRE_FALSE(input.empty());
      const char* name = kNames[static_cast<unsigned char>(input[0]) % 8];
      regkg::ingest::Diagnostics diags;
      try {
        auto file =
            regkg::ingest::parse_compass_json(name, std::string_view(input).substr(1), diags);
        for (const auto& p : file.provisions) CHECK_FALSE(p.id.empty());
      } catch (const regkg::ingest::ParseError&) {
      }
    });
    CHECK(n >= 1);
  }

  TEST_CASE("fuzz regressions: deeply nested flow collections are refused not overflowed") {
    // Both inputs are lines of thousands of '[': the front matter reader recursed once per level.
    int n = replay("fuzz_front_matter", [](const std::string& input) {
      CHECK_THROWS_AS(regkg::ingest::read_front_matter("news/feed/fuzz.md", input, 2),
                      regkg::ingest::ParseError);
    });
    n += replay("fuzz_news_markdown", [](const std::string& input) {
      regkg::ingest::Diagnostics diags;
      CHECK_THROWS_WITH_AS(regkg::ingest::parse_news_markdown("news/feed/fuzz.md", input, diags),
                           doctest::Contains("nested deeper than 64"), regkg::ingest::ParseError);
    });
    CHECK(n >= 2);
    // The limit itself: 64 levels read, 65 refused.
    std::string ok = "k: " + std::string(64, '[') + std::string(64, ']') + "\n";
    std::string deep = "k: " + std::string(65, '[') + std::string(65, ']') + "\n";
    CHECK(regkg::ingest::read_front_matter("f.md", ok, 2).find("k")->is_list());
    CHECK_THROWS_AS(regkg::ingest::read_front_matter("f.md", deep, 2), regkg::ingest::ParseError);
  }

  TEST_CASE("fuzz regressions: deeply nested block lists are refused not overflowed") {
    // crash-d6c192a2f2fdac87 (replayed with the folder above) is a line of ~3,500 "- ": a list in
    // a list in a list…, one recursive call per level. The limit: 64 levels read, 65 refused.
    auto nested = [](int dashes) {
      std::string s = "k:\n";
      for (int i = 0; i < dashes; ++i) s += "- ";
      return s + "x\n";
    };
    // The root map is one level and the list under "k" another: 63 dashes reach level 64.
    const auto root = regkg::ingest::read_front_matter("f.md", nested(63), 2);
    const regkg::ingest::FrontMatterNode* node = root.find("k");
    int depth = 0;
    while (node && node->is_list() && node->items.size() == 1) {
      node = &node->items[0];
      ++depth;
    }
    CHECK(depth == 63);
    REQUIRE(node != nullptr);
    CHECK(node->scalar == "x");
    CHECK_THROWS_WITH_AS(regkg::ingest::read_front_matter("f.md", nested(64), 2),
                         doctest::Contains("block collections nested deeper than 64"),
                         regkg::ingest::ParseError);
    // The same through indentation: 70 maps, each a key under the one above.
    std::string indented;
    for (int i = 0; i < 70; ++i) indented += std::string(static_cast<size_t>(i), ' ') + "k:\n";
    CHECK_THROWS_WITH_AS(regkg::ingest::read_front_matter("f.md", indented, 2),
                         doctest::Contains("nested deeper than 64"), regkg::ingest::ParseError);
  }

  TEST_CASE("fuzz regressions: date extractor inputs are quick and give well-formed dates") {
    int n = replay("fuzz_date_extractor", [](const std::string& input) {
      static const char* const kContexts[] = {
          "", "2023-07-10", "2024-01-08", "1999-12-31", "2023-13-45", "20", "abcd-ef-gh"};
      REQUIRE_FALSE(input.empty());
      const char* context = kContexts[static_cast<unsigned char>(input[0]) % 7];
      for (const auto& d : regkg::ingest::extract_dates(std::string_view(input).substr(1), context))
        CHECK((d.precision == "day" ? d.date.size() == 10 : d.date.size() <= 7));
    });
    CHECK(n >= 1);
  }

  TEST_CASE("a header of many '发布之日施行' notes is read in linear time") {
    // The shape of the hang input, scaled up: 4,000 such notes under a publication date.
    std::string text = "# 测试办法\n\n2020年1月1日 发布\n";
    for (int i = 0; i < 4000; ++i) text += std::to_string(i) + "号发布之日施行\n\n";
    text += "<!-- INFO END -->\n\n第一条 本办法自发布之日起施行。\n";
    regkg::ingest::Diagnostics diags;
    const auto start = std::chrono::steady_clock::now();
    auto parsed = regkg::ingest::parse_statute_markdown(
        "statutes-zh/行政法/测试办法(2020-01-01).md", text, diags);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    size_t effective = 0;
    for (const auto& e : parsed.events)
      if (e.type == "effective" && e.date == "2020-01-01") ++effective;
    CHECK(effective == 4000);
    CHECK(parsed.header_notes.empty());
  }
}
