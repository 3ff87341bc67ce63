// Tests for the news Markdown parser: the seed article, feed items, and broken front matter.
#include <doctest/doctest.h>

#include <string>

#include "ingest/sources/news_markdown_parser.h"
#include "tests/test_support.h"

using namespace regkg::ingest;
using regkg::test::corpus_file;
using regkg::test::read_file;

namespace {

NewsItem parse_corpus(const std::string& relative) {
  Diagnostics diags;
  NewsItem item = parse_news_markdown(relative, read_file(corpus_file(relative)), diags);
  CHECK(diags.items().empty());
  return item;
}

// The line of the ParseError for `content`, or -1.
int error_line(const std::string& content, std::string* what = nullptr) {
  Diagnostics diags;
  try {
    parse_news_markdown("news/feed/bad.md", content, diags);
  } catch (const ParseError& e) {
    if (what) *what = e.what();
    return e.line();
  }
  return -1;
}

}  // namespace

TEST_CASE("the seed article: hand-written front matter and a body") {
  REGKG_NEEDS_FULL_CORPUS(
      "the publishers' news text (feed excerpts, the seed article's body), which the embedded "
      "corpus does not redistribute");
  const NewsItem n = parse_corpus(
      "news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md");
  CHECK(n.slug == "2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only");
  CHECK(n.title == "China's Generative AI Rules Target Public-Facing Products Only");
  CHECK(n.date == "2024-01-08");
  CHECK(n.datetime.empty());
  CHECK(n.source == "Reuters");
  CHECK(n.language == "en");
  CHECK(n.url.empty());
  CHECK(n.body.find("JD.com") != std::string::npos);
  CHECK(n.body.rfind(
            "China's Generative AI Rules Target Public-Facing Products Only\nUpdated: Jan 8, 2024",
            0) == 0);
  CHECK(n.body.size() == 2963);  // the README: the original 2,963 bytes, no trailing newline
  CHECK(n.body_line == 9);
  CHECK(n.related.empty());
}

TEST_CASE("a feed item: publishedDateTime / provider / URL / excerpt / related links") {
  REGKG_NEEDS_FULL_CORPUS(
      "the publishers' news text (feed excerpts, the seed article's body), which the embedded "
      "corpus does not redistribute");
  const NewsItem n = parse_corpus(
      "news/feed/"
      "2023-07-14-china-says-generative-ai-rules-to-apply-only-to-products-for-the-public.md");
  CHECK(n.title == "China says generative AI rules to apply only to products for the public");
  CHECK(n.date == "2023-07-14");
  CHECK(n.datetime == "2023-07-14T00:36:00Z");
  CHECK(n.source == "Reuters");
  CHECK(n.url ==
        "https://www.reuters.com/technology/"
        "china-issues-temporary-rules-generative-ai-services-2023-07-13/");
  CHECK(n.excerpt.rfind("China published measures on Thursday to manage its booming generative",
                        0) == 0);
  CHECK(n.topics == std::vector<std::string>{"AI"});
  CHECK(n.body.empty());
  REQUIRE(n.related.size() == 3);
  CHECK(n.related[0].title ==
        "Another player heats up generative AI race as China introduces interim laws");
  CHECK(n.related[0].provider == "ZDNet");
  CHECK(n.related[0].date == "2023-07-14");
  CHECK(n.related[0].url ==
        "https://www.zdnet.com/article/"
        "another-player-heats-up-generative-ai-race-as-china-introduces-interim-laws/");
  CHECK(n.related[1].provider == "Digi Times");
  CHECK(n.related[2].date == "2023-07-13");
}

TEST_CASE(
    "feed quirks: file-name date differs, related item links back, escapes, Chinese provider") {
  REGKG_NEEDS_FULL_CORPUS(
      "the publishers' news text (feed excerpts), which the embedded corpus does not redistribute");
  // File name says 07-15; the front matter says 2023-07-14T21:10:00Z, which wins.
  const NewsItem later =
      parse_corpus("news/feed/2023-07-15-china-to-impose-new-regulations-for-generative-ai.md");
  CHECK(later.date == "2023-07-14");
  bool links_reuters = false;
  for (const auto& r : later.related) {
    links_reuters |=
        r.title == "China says generative AI rules to apply only to products for the public";
  }
  CHECK(links_reuters);
  // \"…\" escapes inside a double-quoted excerpt.
  const NewsItem escaped = parse_corpus(
      "news/feed/"
      "2022-09-15-chinas-most-advanced-ai-image-generator-already-blocks-political-content.md");
  CHECK(escaped.excerpt.find("\"Tiananmen Square\"") != std::string::npos);
  // Provider names in Chinese.
  const NewsItem chinese =
      parse_corpus("news/feed/2023-07-05-firms-racing-to-meet-ai-tech-challenge.md");
  CHECK(chinese.source == "中国日报网");
}

TEST_CASE("publishedDateTime with an offset gives the UTC date") {
  Diagnostics diags;
  const NewsItem n = parse_news_markdown(
      "news/feed/x.md",
      "---\ntitle: \"Offset\"\npublishedDateTime: 2023-07-14T01:00:00+08:00\n---\n", diags);
  CHECK(n.date == "2023-07-13");
  CHECK(n.body.empty());
  const NewsItem m = parse_news_markdown(
      "news/feed/y.md", "---\ntitle: T\npublishedDateTime: 2023-12-31T23:30:00-01:00\n---\n",
      diags);
  CHECK(m.date == "2024-01-01");
}

TEST_CASE("broken news files throw ParseError naming the line") {
  struct Case {
    std::string content;
    int line;
    const char* fragment;
  };
  const Case cases[] = {
      {"", 1, "empty file"},
      {"title: no markers\n", 1, "no front matter"},
      {"---\ntitle: \"Never closed\"\ndate: 2024-01-08\n\nBody.\n", 1, "never closed"},
      {"---\ntitle: \"Bad date\"\ndate: 2023-13-45\n---\n", 3, "invalid date '2023-13-45'"},
      {"---\ntitle: \"Feb 30\"\npublishedDateTime: 2023-02-30T00:00:00Z\n---\n", 3, "invalid date"},
      {"---\ntitle: \"Bad time\"\npublishedDateTime: 2023-02-03T25:00:00Z\n---\n", 3,
       "invalid date"},
      {"---\ndate: 2024-01-08\n---\n", 1, "no 'title'"},
      {"---\ntitle: \"\"\ndate: 2024-01-08\n---\n", 2, "no 'title'"},
      {"---\ntitle: \"No date\"\n---\n", 1, "no 'date' or 'publishedDateTime'"},
      {"---\ntitle: \"x\n---\n", 2, "unterminated double-quoted"},
      {"---\ntitle: ok\n\xC3\x28: bad\n---\n", 3, "invalid UTF-8"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.content);
    std::string what;
    CHECK(error_line(c.content, &what) == c.line);
    CHECK(what.find(c.fragment) != std::string::npos);
    CHECK(what.rfind("news/feed/bad.md:" + std::to_string(c.line) + ": error: ", 0) == 0);
  }
}

TEST_CASE("bad_corpus news files") {
  const std::string dir = std::string(REGKG_SOURCE_DIR) + "/tests/ingest/bad_corpus/";
  for (const auto& [name, line] : {std::pair<std::string, int>{"news_unclosed_front_matter.md", 1},
                                   std::pair<std::string, int>{"news_impossible_date.md", 3}}) {
    CAPTURE(name);
    Diagnostics diags;
    try {
      parse_news_markdown("bad_corpus/" + name, read_file(dir + name), diags);
      FAIL("expected a ParseError");
    } catch (const ParseError& e) {
      CHECK(e.line() == line);
      CHECK(std::string(e.what()).rfind(
                "bad_corpus/" + name + ":" + std::to_string(line) + ": error: ", 0) == 0);
    }
  }
}

TEST_CASE("a related entry with a bad date is a warning / not an error") {
  Diagnostics diags;
  const NewsItem n =
      parse_news_markdown("news/feed/x.md",
                          "---\ntitle: T\ndate: 2024-01-08\nrelated:\n  - title: \"R\"\n    "
                          "publishedDateTime: 2024-02-31T00:00:00Z\n---\nBody\n",
                          diags);
  REQUIRE(n.related.size() == 1);
  CHECK(n.related[0].date.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].format() ==
        "news/feed/x.md:6: warning: invalid related publishedDateTime '2024-02-31T00:00:00Z'");
  CHECK(n.body == "Body");
  CHECK(n.body_line == 8);
}
