// The per-version pass that gives subjectless obligations their chapter's or instrument's party,
// on real statutes (the Law on Guarding State Secrets 2024, the Anti-Telecom-Fraud Law).
#include "ingest/extract/chapter_bearer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/sources/diagnostics.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg::ingest;

namespace {

// A statute's articles with their per-article obligations, then the pass over them.
struct Version {
  ParsedStatute statute;
  std::vector<std::string> texts;
  std::vector<std::vector<Obligation>> obligations;
  std::vector<ChapterBearer> inferred;

  explicit Version(const std::string& rel) {
    Diagnostics diags;
    statute = parse_statute_markdown(
        rel, regkg::test::read_file(regkg::test::corpus_dir() / fs::u8path(rel)), diags);
    for (const auto& a : statute.articles) {
      std::string t;
      for (const auto& p : a.paragraphs) t += (t.empty() ? "" : "\n") + p.text;
      texts.push_back(t);
    }
    for (const auto& t : texts) obligations.push_back(extract_obligations_zh(t));
    std::vector<ChapterArticle> articles;
    for (size_t i = 0; i < texts.size(); ++i) {
      ChapterArticle c;
      c.text = texts[i];
      c.obligations = &obligations[i];
      const int h = statute.articles[i].heading;
      if (h >= 0 && statute.headings[static_cast<size_t>(h)].kind == "chapter") {
        c.chapter = h;
        c.chapter_title = statute.headings[static_cast<size_t>(h)].text;
      }
      articles.push_back(c);
    }
    inferred = chapter_bearers_zh(articles);
  }

  size_t index_of(int number) const {
    for (size_t i = 0; i < statute.articles.size(); ++i)
      if (statute.articles[i].number == number) return i;
    FAIL("no article " << number);
    return 0;
  }
  // The inferred bearers of article `number`.
  std::vector<ChapterBearer> of(int number) const {
    std::vector<ChapterBearer> out;
    const size_t i = index_of(number);
    for (const auto& b : inferred)
      if (b.article == i) out.push_back(b);
    return out;
  }
};

}  // namespace

TEST_CASE("chapter bearers: the chapter's party binds a clause without a subject") {
  const Version v("statutes-zh/行政法/保守国家秘密法(2024-02-27).md");
  // Art. 17 "确定国家秘密的密级，应当遵守定密权限": chapter 2's articles bind 机关、单位.
  const auto art17 = v.of(17);
  REQUIRE(art17.size() == 1);
  CHECK(art17[0].bearer == "机关、单位");
  CHECK(art17[0].rule == "zh.bearer.chapter_subject");
  CHECK(art17[0].confidence < 0.95f);
  const Obligation& o = v.obligations[v.index_of(17)][art17[0].obligation];
  CHECK(o.bearer.empty());
  CHECK(o.trigger == "应当");
  // The general provisions (chapter 1) and the liability chapter get no party.
  for (const auto& b : v.inferred) {
    const auto& a = v.statute.articles[b.article];
    const std::string& title = v.statute.headings[static_cast<size_t>(a.heading)].text;
    CHECK_MESSAGE(title.find("总") == std::string::npos, a.label);
    CHECK_MESSAGE(title.find("法律责任") == std::string::npos, a.label);
    // Only obligations and prohibitions that named no one.
    const Obligation& ob = v.obligations[b.article][b.obligation];
    CHECK(ob.bearer.empty());
    CHECK((ob.modality == "obligation" || ob.modality == "prohibition"));
    CHECK_FALSE(ob.thing_subject);
  }
}

TEST_CASE("chapter bearers: a thing as subject stays unbound") {
  const Version v("statutes-zh/社会法/反电信网络诈骗法(2022-09-02).md");
  // Art. 10 "办理电话卡不得超出国家有关规定限制的数量": the subject is an activity.
  const size_t i = v.index_of(10);
  REQUIRE(v.obligations[i].size() == 2);  // and "电信业务经营者有权加强核查…"
  CHECK(v.obligations[i][0].thing_subject);
  CHECK(v.obligations[i][0].bearer.empty());
  CHECK(v.obligations[i][1].bearer == "电信业务经营者");
  CHECK(v.of(10).empty());
}

TEST_CASE("chapter bearers: empty and odd input") {
  CHECK(chapter_bearers_zh({}).empty());
  std::vector<Obligation> none;
  ChapterArticle a;
  a.text = "应当";
  a.obligations = &none;
  CHECK(chapter_bearers_zh({a}).empty());
  ChapterArticle b;  // no obligations list at all
  CHECK(chapter_bearers_zh({a, b}).empty());
}
