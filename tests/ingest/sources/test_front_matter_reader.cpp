// Tests for the YAML-subset front matter reader: structures the feed uses, escapes, errors.
#include <doctest/doctest.h>

#include <string>

#include "ingest/sources/front_matter_reader.h"

using namespace regkg::ingest;

namespace {

FrontMatterNode read(const std::string& yaml, int first_line = 2) {
  return read_front_matter("news/x.md", yaml, first_line);
}

// The line a ParseError names for `yaml`, or -1 when it does not throw.
int error_line(const std::string& yaml, std::string* message = nullptr) {
  try {
    read(yaml);
  } catch (const ParseError& e) {
    if (message) *message = e.what();
    return e.line();
  }
  return -1;
}

}  // namespace

TEST_CASE("scalars / nested maps and lists as in a feed item") {
  const std::string yaml =
      "category: news\n"
      "title: \"China says generative AI rules\"\n"
      "publishedDateTime: 2023-07-14T00:36:00Z\n"
      "heat: -1\n"
      "published: false\n"
      "\n"
      "provider:\n"
      "  name: Reuters\n"
      "  domain: reuters.com\n"
      "  images:\n"
      "    - url: \"https://example.org/a.jpg\"\n"
      "      width: 50\n"
      "topics:\n"
      "  - AI\n"
      "  - Policy\n"
      "related:\n"
      "  - title: \"First\"\n"
      "    provider:\n"
      "      name: ZDNet\n"
      "  - title: \"Second\"\n";
  const FrontMatterNode root = read(yaml);
  REQUIRE(root.is_map());
  CHECK(root.text("category") == "news");
  CHECK(root.text("title") == "China says generative AI rules");
  CHECK(root.find("title")->quoted);
  CHECK(root.text("publishedDateTime") == "2023-07-14T00:36:00Z");
  CHECK_FALSE(root.find("publishedDateTime")->quoted);
  CHECK(root.find("publishedDateTime")->line == 4);  // first_line 2 + 2
  CHECK(root.text("heat") == "-1");
  const FrontMatterNode* provider = root.find("provider");
  REQUIRE(provider);
  REQUIRE(provider->is_map());
  CHECK(provider->text("name") == "Reuters");
  const FrontMatterNode* images = provider->find("images");
  REQUIRE(images);
  REQUIRE(images->is_list());
  REQUIRE(images->items.size() == 1);
  CHECK(images->items[0].text("url") == "https://example.org/a.jpg");
  CHECK(images->items[0].text("width") == "50");
  const FrontMatterNode* topics = root.find("topics");
  REQUIRE(topics->is_list());
  REQUIRE(topics->items.size() == 2);
  CHECK(topics->items[1].scalar == "Policy");
  const FrontMatterNode* related = root.find("related");
  REQUIRE(related->items.size() == 2);
  CHECK(related->items[0].find("provider")->text("name") == "ZDNet");
  CHECK(related->items[1].text("title") == "Second");
  CHECK(related->items[1].line == 21);
  CHECK(root.find("missing") == nullptr);
  CHECK(root.text("missing").empty());
}

TEST_CASE("double-quoted escapes / single quotes / nulls and comments") {
  const std::string yaml =
      "a: \"say \\\"Ernie,\\\" \\\\ done\"\n"
      "b: \"caf\\u00e9 \\U0001F600 \\ud83d\\ude00 tab\\tend\"\n"
      "c: 'it''s \"plain\" \\n'\n"
      "d: ~\n"
      "e:\n"
      "f: value # a comment\n"
      "# a whole-line comment\n"
      "g: http://example.org/#anchor\n"
      "h: \"\"\n";
  const FrontMatterNode root = read(yaml);
  CHECK(root.text("a") == "say \"Ernie,\" \\ done");
  CHECK(root.text("b") == "caf\xC3\xA9 \xF0\x9F\x98\x80 \xF0\x9F\x98\x80 tab\tend");
  CHECK(root.text("c") == "it's \"plain\" \\n");  // no escapes in single quotes
  CHECK(root.find("d")->is_null());
  CHECK(root.find("e")->is_null());
  CHECK(root.text("f") == "value");
  CHECK(root.text("g") == "http://example.org/#anchor");  // '#' without a space before it is text
  CHECK(root.find("h")->is_scalar());
  CHECK(root.text("h").empty());
}

TEST_CASE("one-line flow lists and maps") {
  const std::string yaml =
      "tags: [AI, \"data, privacy\", 'x']\n"
      "provider: {name: ZDNet, domain: zdnet.com}\n"
      "images: [ {url: /assets/a.jpg, width: 50}, {url: \"b\"} ]\n"
      "empty: []\n"
      "list_at_key_indent:\n"
      "- one\n"
      "- two\n";
  const FrontMatterNode root = read(yaml);
  const FrontMatterNode* tags = root.find("tags");
  REQUIRE(tags->is_list());
  REQUIRE(tags->items.size() == 3);
  CHECK(tags->items[1].scalar == "data, privacy");
  CHECK(tags->items[2].scalar == "x");
  CHECK(root.find("provider")->text("domain") == "zdnet.com");
  const FrontMatterNode* images = root.find("images");
  REQUIRE(images->items.size() == 2);
  CHECK(images->items[0].text("url") == "/assets/a.jpg");
  CHECK(images->items[0].text("width") == "50");
  CHECK(images->items[1].text("url") == "b");
  CHECK(root.find("empty")->is_list());
  CHECK(root.find("empty")->items.empty());
  REQUIRE(root.find("list_at_key_indent")->items.size() == 2);
}

TEST_CASE("empty front matter is an empty map") {
  const FrontMatterNode root = read("");
  CHECK(root.is_map());
  CHECK(root.entries.empty());
}

TEST_CASE("errors name the file line") {
  struct Case {
    std::string yaml;
    int line;
    const char* fragment;
  };
  // first_line is 2 in read(): YAML line k is file line k + 1.
  const Case cases[] = {
      {"title: \"unterminated\n", 2, "unterminated double-quoted"},
      {"a: 1\nb: 'open\n", 3, "unterminated single-quoted"},
      {"a: 1\na: 2\n", 3, "duplicate key 'a'"},
      {"a:\n\tb: 1\n", 3, "tab in indentation"},
      {"a: 1\n   b: 2\n", 3, "unexpected indentation"},
      {"a: |\n  text\n", 2, "block scalars"},
      {"a: \"bad \\q escape\"\n", 2, "unknown escape"},
      {"a: \"\\ud800 lone\"\n", 2, "unpaired surrogate"},
      {"a: [1, 2\n", 2, "unterminated '['"},
      {"a: *alias\n", 2, "anchors, aliases and tags"},
      {"just text\n", 2, "expected 'key: value'"},
      {"- a\n- b\n", 2, "must be a map"},
      {"a: 1\n---\nb: 2\n", 3, "second document"},
      {"a: \"x\" trailing\n", 2, "unexpected text after the value"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    std::string message;
    CHECK(error_line(c.yaml, &message) == c.line);
    CHECK(message.find(c.fragment) != std::string::npos);
    CHECK(message.rfind("news/x.md:" + std::to_string(c.line) + ": error: front matter: ", 0) == 0);
  }
}
