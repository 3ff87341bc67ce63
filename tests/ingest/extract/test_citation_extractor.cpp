// Tests for the citation extractor: real articles from the corpus, broken input, a whole-corpus
// smoke run, and precision/recall against the hand-annotated gold set tests/gold/citations.json.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/extract/citation_extractor.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"

namespace fs = std::filesystem;
using namespace regkg::ingest;
using regkg::test::corpus_dir;
using regkg::test::corpus_file;
using regkg::test::read_file;
using Kind = ArticleReference::Kind;

namespace {

const char* const kGenAi = "compass/cn-generative-ai-measures-articles.json";
const char* const kAlgorithm = "statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md";

rapidjson::Document parse_json(const std::string& text, const std::string& what) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) throw std::runtime_error(what + ": JSON parse error");
  return doc;
}

std::string join_paragraphs(const rapidjson::Value& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs.GetArray()) {
    if (!out.empty()) out += '\n';
    out += p.GetString();
  }
  return out;
}

// Article `number` of a Compass article file: Chinese/original paragraphs, or translations.en.
std::string compass_article(const std::string& rel, int number, const std::string& lang) {
  const rapidjson::Document doc = parse_json(read_file(corpus_file(rel)), rel);
  const std::string wanted = std::to_string(number);
  for (const auto& r : doc.GetArray()) {
    if (wanted != r["articleNumber"].GetString()) continue;
    if (lang == "en" && r.HasMember("translations")) {
      return join_paragraphs(r["translations"]["en"]["paragraphs"]);
    }
    return join_paragraphs(r["paragraphs"]);
  }
  throw std::runtime_error(rel + ": no article " + wanted);
}

ParsedStatute parse_statute(const std::string& rel) {
  Diagnostics diags;
  return parse_statute_markdown(rel, read_file(corpus_file(rel)), diags);
}

std::string article_text(const StatuteArticle& a) {
  std::string out;
  for (const auto& p : a.paragraphs) {
    if (!out.empty()) out += '\n';
    out += p.text;
  }
  return out;
}

std::vector<std::string> titles_of(const std::vector<TitleCitation>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(c.title);
  return out;
}

// (kind, article, sub_article, paragraph) for compact comparisons.
using Ref = std::tuple<Kind, int, int, int>;
std::vector<Ref> refs_of(const std::vector<ArticleReference>& rs) {
  std::vector<Ref> out;
  for (const auto& r : rs) out.emplace_back(r.kind, r.article, r.sub_article, r.paragraph);
  return out;
}

// Every reported span must lie inside the text (a cheap invariant for the bad-input cases).
void check_spans(std::string_view text, const std::vector<TitleCitation>& ts,
                 const std::vector<ArticleReference>& rs) {
  for (const auto& t : ts) {
    CHECK(t.begin < t.end);
    CHECK(t.end <= text.size());
    CHECK(regkg::text::is_valid_utf8(t.title));
  }
  for (const auto& r : rs) {
    CHECK(r.begin < r.end);
    CHECK(r.end <= text.size());
  }
}

}  // namespace

TEST_CASE("citation extractor: Generative AI Measures Article 1 names four laws as legal basis") {
  const std::string text = compass_article(kGenAi, 1, "zh");
  const auto cs = find_title_citations(text);
  CHECK(titles_of(cs) ==
        std::vector<std::string>{"中华人民共和国网络安全法", "中华人民共和国数据安全法",
                                 "中华人民共和国个人信息保护法", "中华人民共和国科学技术进步法"});
  for (const auto& c : cs) {
    CHECK(c.legal_basis);
    CHECK(c.article == 0);
    CHECK(text.substr(c.begin, c.end - c.begin) == "《" + c.title + "》");
  }
  CHECK(find_internal_references_zh(text).empty());
}

TEST_CASE("citation extractor: Generative AI Measures Article 17 cites the algorithm rules") {
  const std::string zh = compass_article(kGenAi, 17, "zh");
  const auto cs = find_title_citations(zh);
  REQUIRE(cs.size() == 1);
  CHECK(cs[0].title == "互联网信息服务算法推荐管理规定");
  CHECK_FALSE(cs[0].legal_basis);  // 按照《…》履行备案手续: a duty, not the basis of the Measures
  // The English translation quotes the title and names no article.
  CHECK(find_article_references_en(compass_article(kGenAi, 17, "en")).empty());
}

TEST_CASE("citation extractor: algorithm provisions / real articles") {
  const ParsedStatute s = parse_statute(kAlgorithm);
  REQUIRE(s.articles.size() == 35);
  auto text = [&](int n) { return article_text(s.articles.at(static_cast<size_t>(n - 1))); };

  SUBCASE("第一条: four titles, legal basis, including a 行政法规") {
    const auto cs = find_title_citations(text(1));
    CHECK(titles_of(cs) ==
          std::vector<std::string>{"中华人民共和国网络安全法", "中华人民共和国数据安全法",
                                   "中华人民共和国个人信息保护法", "互联网信息服务管理办法"});
    for (const auto& c : cs) CHECK(c.legal_basis);
  }
  SUBCASE("第二条 second paragraph: 前款所称") {
    const auto rs = find_internal_references_zh(text(2));
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].kind == Kind::preceding_paragraph);
    CHECK(rs[0].paragraph == 1);
    CHECK(rs[0].text == "前款");
  }
  SUBCASE(
      "第三十一条: a list led by 本规定 stays this-instrument, 第九条第一款 keeps its paragraph") {
    const auto rs = find_internal_references_zh(text(31));
    CHECK(refs_of(rs) == std::vector<Ref>{{Kind::this_instrument_article, 7, 0, 0},
                                          {Kind::this_instrument_article, 8, 0, 0},
                                          {Kind::this_instrument_article, 9, 0, 1},
                                          {Kind::this_instrument_article, 10, 0, 0},
                                          {Kind::this_instrument_article, 14, 0, 0},
                                          {Kind::this_instrument_article, 16, 0, 0},
                                          {Kind::this_instrument_article, 17, 0, 0},
                                          {Kind::this_instrument_article, 22, 0, 0},
                                          {Kind::this_instrument_article, 24, 0, 0},
                                          {Kind::this_instrument_article, 26, 0, 0}});
    REQUIRE_FALSE(rs.empty());
    CHECK(rs[0].text == "本规定第七条");
    CHECK(rs[2].text == "第九条第一款");
  }
  SUBCASE("第三十三条: 本规定第二十四条第三款") {
    const auto rs = find_internal_references_zh(text(33));
    CHECK(refs_of(rs) == std::vector<Ref>{{Kind::this_instrument_article, 24, 0, 3}});
  }
  SUBCASE("no article before 第三十一条 names another article") {
    for (int n = 3; n <= 30; ++n) {
      CAPTURE(n);
      CHECK(find_internal_references_zh(text(n)).empty());
    }
  }
}

TEST_CASE("citation extractor: GDPR Article N references") {
  const std::string gdpr = "compass/gdpr-articles.json";
  // Article 19: "in accordance with Article 16, Article 17(1) and Article 18".
  CHECK(refs_of(find_article_references_en(compass_article(gdpr, 19, "en"))) ==
        std::vector<Ref>{
            {Kind::article, 16, 0, 0}, {Kind::article, 17, 0, 1}, {Kind::article, 18, 0, 0}});
  // Article 11(2): "Articles 15 to 20 shall not apply" is a range; "those articles" is not.
  CHECK(refs_of(find_article_references_en(compass_article(gdpr, 11, "en"))) ==
        std::vector<Ref>{{Kind::article, 15, 0, 0},
                         {Kind::article, 16, 0, 0},
                         {Kind::article, 17, 0, 0},
                         {Kind::article, 18, 0, 0},
                         {Kind::article, 19, 0, 0},
                         {Kind::article, 20, 0, 0}});
  // Article 2(4): "Articles 12 to 15 of that Directive" belongs to Directive 2000/31/EC.
  CHECK(refs_of(find_article_references_en(compass_article(gdpr, 2, "en"))) ==
        std::vector<Ref>{{Kind::article, 98, 0, 0}});
  // Article 69: "Articles 70 and 71", then "Article 70(1)" and "Article 70(2)".
  CHECK(refs_of(find_article_references_en(compass_article(gdpr, 69, "en"))) ==
        std::vector<Ref>{{Kind::article, 70, 0, 0},
                         {Kind::article, 71, 0, 0},
                         {Kind::article, 70, 0, 1},
                         {Kind::article, 70, 0, 2}});
}

TEST_CASE("citation extractor: table of constructed cases") {
  std::string long_title;
  for (int i = 0; i < 81; ++i) long_title += "字";
  struct TitleCase {
    std::string text;
    std::vector<std::string> titles;
    int article, sub_article, paragraph;  // of the first title
    bool legal_basis;                     // of the first title
  };
  const std::vector<TitleCase> title_cases = {
      // Nested 〈〉 stays inside the outer title.
      {"根据《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》，制定本细则。",
       {"国务院关于修改〈中华人民共和国专利法实施细则〉的决定"},
       0,
       0,
       0,
       true},
      {"依照《中华人民共和国网络安全法》第二十一条第二款规定处理。",
       {"中华人民共和国网络安全法"},
       21,
       0,
       2,
       false},
      {"《中华人民共和国刑法》第二百八十七条之一", {"中华人民共和国刑法"}, 287, 1, 0, false},
      // 依据 … 制定本规定, with a list joined by 和 and without enumeration comma.
      {"依据《A法》《B条例》和《C办法》的规定，制定本规定。",
       {"A法", "B条例", "C办法"},
       0,
       0,
       0,
       true},
      // 制定 in the next sentence does not make the first title a legal basis.
      {"根据《A法》处理。制定本办法。", {"A法"}, 0, 0, 0, false},
      // 制定 without 本…: "formulate implementing rules" is not this instrument's basis.
      {"根据《A法》制定实施细则。", {"A法"}, 0, 0, 0, false},
      // 根据 inside another title does not open the clause.
      {"《关于根据B的决定》和《A法》，制定本办法。", {"关于根据B的决定", "A法"}, 0, 0, 0, false},
      // Empty brackets and an over-long "title" are not titles.
      {"《》", {}, 0, 0, 0, false},
      {"《" + long_title + "》", {}, 0, 0, 0, false},
  };
  for (const auto& tc : title_cases) {
    const std::string text = tc.text;
    CAPTURE(text);
    const auto cs = find_title_citations(text);
    CHECK(titles_of(cs) == tc.titles);
    if (!cs.empty()) {
      CHECK(cs[0].article == tc.article);
      CHECK(cs[0].sub_article == tc.sub_article);
      CHECK(cs[0].paragraph == tc.paragraph);
      CHECK(cs[0].legal_basis == tc.legal_basis);
    }
  }

  struct RefCase {
    const char* text;
    std::vector<Ref> refs;
  };
  const std::vector<RefCase> ref_cases = {
      {"依照本法第十条的规定", {{Kind::this_instrument_article, 10, 0, 0}}},
      {"依照第十条规定", {{Kind::article, 10, 0, 0}}},
      {"违反第十七条之一第二款", {{Kind::article, 17, 1, 2}}},
      {"本条例第三条至第五条",
       {{Kind::this_instrument_article, 3, 0, 0},
        {Kind::this_instrument_article, 4, 0, 0},
        {Kind::this_instrument_article, 5, 0, 0}}},
      {"第五条、第六条", {{Kind::article, 5, 0, 0}, {Kind::article, 6, 0, 0}}},
      // 本节 in 刑法: article numbers are global, so this is still this instrument.
      {"本节第一百四十一条至第一百四十二条",
       {{Kind::this_instrument_article, 141, 0, 0}, {Kind::this_instrument_article, 142, 0, 0}}},
      {"第九条第一款、第二款", {{Kind::article, 9, 0, 1}, {Kind::article, 9, 0, 2}}},
      {"有前两款行为之一的；前三款",
       {{Kind::preceding_paragraph, 0, 0, 2}, {Kind::preceding_paragraph, 0, 0, 3}}},
      // After a title the whole list belongs to that title.
      {"《中华人民共和国网络安全法》第二十一条、第二十二条", {}},
      // 〈…〉 inside a title: the article belongs to the inner title (regression: was "article").
      {"《关于修改〈中华人民共和国X法〉第十条的决定》", {}},
      // An instrument named without brackets is not this one.
      {"依照刑法第二百八十七条", {}},
      // The article's own label, when a caller leaves it in, is not a reference.
      {"第五条 依照第四条规定", {{Kind::article, 4, 0, 0}}},
      // … also when articles run together on one line (飞行基本规则(2007-10-18).md).
      {"依照第四条办理。 第五条 空中禁区", {{Kind::article, 4, 0, 0}}},
      // A range is capped at 50 articles.
      {"第一条至第九百条", {}},  // checked separately below
      // Not articles: chapters, times, third parties.
      {"本法第二章；第一次；第三方", {}},
  };
  for (const auto& rc : ref_cases) {
    const std::string text = rc.text;
    CAPTURE(text);
    const auto rs = find_internal_references_zh(text);
    if (text == "第一条至第九百条") {
      CHECK(rs.size() == 50);
      CHECK(rs.back().article == 50);
      continue;
    }
    CHECK(refs_of(rs) == rc.refs);
  }

  const std::vector<RefCase> en_cases = {
      {"Article 17 applies.", {{Kind::article, 17, 0, 0}}},
      {"Articles 5 and 6", {{Kind::article, 5, 0, 0}, {Kind::article, 6, 0, 0}}},
      {"Articles 12 to 14",
       {{Kind::article, 12, 0, 0}, {Kind::article, 13, 0, 0}, {Kind::article, 14, 0, 0}}},
      {"point (a) of Article 6(1)(a)", {{Kind::article, 6, 0, 1}}},
      {"Articles 13, 14 and 15",
       {{Kind::article, 13, 0, 0}, {Kind::article, 14, 0, 0}, {Kind::article, 15, 0, 0}}},
      {"under the articles of association", {}},
      {"Article 267 TFEU; Article 9 of Directive 95/46/EC", {}},
      {"Article 5 of this Regulation", {{Kind::article, 5, 0, 0}}},
      {"Particle 5; MyArticle 6; Article; Article x", {}},
      {"Articles 1 to 900", {}},  // checked separately below: capped at 50
  };
  for (const auto& rc : en_cases) {
    const std::string text = rc.text;
    CAPTURE(text);
    const auto rs = find_article_references_en(text);
    if (text == "Articles 1 to 900") {
      CHECK(rs.size() == 50);
      CHECK(rs.back().article == 50);
      continue;
    }
    CHECK(refs_of(rs) == rc.refs);
  }
}

TEST_CASE("citation extractor: bad input never crashes") {
  std::string many_open;
  for (int i = 0; i < 10000; ++i) many_open += "《";
  std::string many_close;
  for (int i = 0; i < 10000; ++i) many_close += "》第";
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"", {}},
      {"《关于〈A〉的决定》", {"关于〈A〉的决定"}},
      // 《 inside 《》 (wrong bracket level): the broken outer part gives nothing.
      {"《关于修改《A》的决定》", {"A"}},
      {"根据《A法》，以及《未闭合", {"A法"}},
      {"以及《", {}},
      {"》没有开头《B》", {"B"}},
      {"《A。B》", {}},  // a title never spans sentences
      {"《A\xff\xfe》《B》", {"B"}},
      {"\xe3\x80", {}},    // a truncated 《
      {"《\xe3\x80", {}},  // 《 followed by a truncated 》
      {"第\xe4\xb8", {}},  // 第 followed by a truncated numeral
      {"前\xe4", {}},
      {many_open, {}},
      {many_open + "《A》", {"A"}},
      {many_close, {}},
  };
  for (const auto& [text, titles] : cases) {
    CAPTURE(text.substr(0, 60));
    const auto ts = find_title_citations(text);
    const auto rs = find_internal_references_zh(text);
    const auto es = find_article_references_en(text);
    CHECK(titles_of(ts) == titles);
    check_spans(text, ts, rs);
    check_spans(text, {}, es);
  }
  // Invalid bytes around a real reference do not hide it.
  CHECK(refs_of(find_internal_references_zh("\xff本法第三条\xc0")) ==
        std::vector<Ref>{{Kind::this_instrument_article, 3, 0, 0}});
  CHECK(refs_of(find_article_references_en("\xff"
                                           "Article 3\xc0")) ==
        std::vector<Ref>{{Kind::article, 3, 0, 0}});
}

namespace {

// Whitespace-free title for matching (U+3000 and ASCII spaces differ between sources).
std::string normalize_title(const std::string& t) {
  std::string out;
  size_t p = 0;
  while (p < t.size()) {
    const size_t start = p;
    const char32_t cp = regkg::text::decode_utf8(t, p);
    if (cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0x200B || cp == 0xA0) continue;
    out.append(t, start, p - start);
  }
  return out;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::article:
      return "article";
    case Kind::preceding_paragraph:
      return "preceding_paragraph";
    case Kind::this_instrument_article:
      return "this_instrument_article";
  }
  return "?";
}

struct Score {
  size_t gold = 0, found = 0, correct = 0;
  double precision() const { return found ? double(correct) / double(found) : 1.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 1.0; }
  // Multiset match; misses and spurious items go to `errors` for the failure message.
  void add(const std::vector<std::string>& expected, const std::vector<std::string>& got,
           const std::string& where, std::vector<std::string>& errors) {
    gold += expected.size();
    found += got.size();
    std::map<std::string, int> left;
    for (const auto& e : expected) ++left[e];
    for (const auto& g : got) {
      if (left[g] > 0) {
        --left[g];
        ++correct;
      } else {
        errors.push_back(where + " spurious " + g);
      }
    }
    for (const auto& [k, n] : left) {
      for (int i = 0; i < n; ++i) errors.push_back(where + " missed " + k);
    }
  }
};

}  // namespace

TEST_CASE("citation extractor: precision and recall on the gold set") {
  const std::string gold_path = std::string(REGKG_SOURCE_DIR) + "/tests/gold/citations.json";
  const rapidjson::Document gold = parse_json(read_file(gold_path), gold_path);
  REQUIRE(gold.HasMember("documents"));

  std::map<std::string, ParsedStatute> statutes;  // parsed once per file
  Score titles, refs;
  std::vector<std::string> errors;
  size_t documents = 0;
  for (const auto& d : gold["documents"].GetArray()) {
    const std::string source = d["source"].GetString();
    const std::string lang = d["lang"].GetString();
    const int number = d["article"].GetInt();
    std::string text;
    if (source.rfind("compass/", 0) == 0) {
      text = compass_article(source, number, lang);
    } else {
      auto it = statutes.find(source);
      if (it == statutes.end()) it = statutes.emplace(source, parse_statute(source)).first;
      for (const auto& a : it->second.articles) {
        if (a.number == number && a.sub_number == 0) text = article_text(a);
      }
    }
    const std::string where = source + " art " + std::to_string(number) + " " + lang + ":";
    REQUIRE_MESSAGE(!text.empty(), where);
    ++documents;

    std::vector<std::string> want_titles, got_titles, want_refs, got_refs;
    for (const auto& t : d["titles"].GetArray()) {
      want_titles.push_back(normalize_title(t["title"].GetString()) + "|" +
                            std::to_string(t["article"].GetInt()) + "|" +
                            (t["legal_basis"].GetBool() ? "basis" : "-"));
    }
    for (const auto& r : d["references"].GetArray()) {
      want_refs.push_back(std::string(r["kind"].GetString()) + "|" +
                          std::to_string(r["article"].GetInt()) + "|" +
                          std::to_string(r["paragraph"].GetInt()));
    }
    std::vector<ArticleReference> found_refs;
    if (lang == "zh") {
      for (const auto& c : find_title_citations(text)) {
        got_titles.push_back(normalize_title(c.title) + "|" + std::to_string(c.article) + "|" +
                             (c.legal_basis ? "basis" : "-"));
      }
      found_refs = find_internal_references_zh(text);
    } else {
      found_refs = find_article_references_en(text);  // English titles are out of scope
    }
    for (const auto& r : found_refs) {
      got_refs.push_back(std::string(kind_name(r.kind)) + "|" + std::to_string(r.article) + "|" +
                         std::to_string(r.paragraph));
    }
    titles.add(want_titles, got_titles, where, errors);
    refs.add(want_refs, got_refs, where, errors);
  }

  for (const auto& e : errors) MESSAGE(e);
  MESSAGE("gold documents: " << documents << "; titles gold " << titles.gold << " found "
                             << titles.found << " correct " << titles.correct << " (P "
                             << titles.precision() << ", R " << titles.recall()
                             << "); references gold " << refs.gold << " found " << refs.found
                             << " correct " << refs.correct << " (P " << refs.precision() << ", R "
                             << refs.recall() << ")");
  CHECK(documents >= 100);
  CHECK(titles.precision() >= 0.95);
  CHECK(titles.recall() >= 0.90);
  CHECK(refs.precision() >= 0.95);
  CHECK(refs.recall() >= 0.90);
}

TEST_SUITE("corpus") {
  TEST_CASE("citation extractor: whole statutes-zh corpus smoke run") {
    std::vector<std::string> files;
    const fs::path root = corpus_dir();
    for (const auto& e : fs::recursive_directory_iterator(root / fs::u8path("statutes-zh"))) {
      if (e.is_regular_file() && e.path().extension() == ".md") {
        files.push_back(fs::relative(e.path(), root).u8string());
      }
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() > (regkg::test::full_corpus_available() ? 1000u : 100u));

    std::vector<ParsedStatute> parsed;
    Diagnostics diags;
    for (const auto& rel : files) {
      try {
        parsed.push_back(parse_statute_markdown(rel, read_file(root / fs::u8path(rel)), diags));
      } catch (const ParseError&) {
        // test_whole_corpus reports parse failures; here we only need the articles
      }
    }

    size_t articles = 0, titles = 0, basis = 0, with_article = 0, refs = 0, self_refs = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& s : parsed) {
      for (const auto& a : s.articles) {
        ++articles;
        const std::string text = article_text(a);
        for (const auto& c : find_title_citations(text)) {
          ++titles;
          if (c.legal_basis) ++basis;
          if (c.article > 0) ++with_article;
        }
        for (const auto& r : find_internal_references_zh(text)) {
          ++refs;
          if (r.kind == Kind::this_instrument_article) ++self_refs;
        }
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("statutes-zh: " << parsed.size() << " files, " << articles << " articles, " << titles
                            << " titles (" << basis << " legal basis, " << with_article
                            << " with an article), " << refs << " internal references ("
                            << self_refs << " 本法/本办法…), extraction " << seconds << " s");
    if (!regkg::test::full_corpus_available()) {
      // The embedded selection (105 files when written: 8,165 articles, 294 titles, 30 legal
      // basis, 1,829 references).
      CHECK(articles > 8000);
      CHECK(titles >= 250);
      CHECK(basis >= 25);
      CHECK(refs >= 1500);
      return;
    }
    CHECK(articles > 60000);
    // grep finds about 5,900 《…》 in the corpus files, headers included.
    CHECK(titles >= 3000);
    CHECK(titles <= 8000);
    CHECK(basis >= 200);
    // grep: about 12,100 第X条 not at a line start (half name another law: 刑法第…条) and 3,350
    // 前款.
    CHECK(refs >= 7000);
    CHECK(refs <= 15000);
  }
}
