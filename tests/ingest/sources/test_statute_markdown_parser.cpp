// Tests for the statute Markdown parser on real statutes-zh files and on small broken inputs.
#include <doctest/doctest.h>

#include <string>

#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

using namespace regkg::ingest;
using regkg::test::corpus_file;
using regkg::test::read_file;

namespace {

ParsedStatute parse_corpus(const std::string& relative, Diagnostics& diags) {
  return parse_statute_markdown(relative, read_file(corpus_file(relative)), diags);
}

ParsedStatute parse_corpus(const std::string& relative) {
  Diagnostics diags;
  return parse_corpus(relative, diags);
}

const StatuteArticle* find_article(const ParsedStatute& s, int number, int sub = 0) {
  for (const auto& a : s.articles) {
    if (a.number == number && a.sub_number == sub) return &a;
  }
  return nullptr;
}

std::string article_text(const StatuteArticle& a) {
  std::string out;
  for (const auto& p : a.paragraphs) out += p.text + "\n";
  return out;
}

bool has_event(const ParsedStatute& s, const std::string& date, const std::string& type) {
  for (const auto& e : s.events) {
    if (e.date == date && e.type == type) return true;
  }
  return false;
}

// The ParseError for `content`, or a default-constructed error line of -1.
int error_line(const std::string& content, std::string* what = nullptr) {
  Diagnostics diags;
  try {
    parse_statute_markdown("statutes-zh/行政法/bad.md", content, diags);
  } catch (const ParseError& e) {
    if (what) *what = e.what();
    return e.line();
  }
  return -1;
}

}  // namespace

TEST_CASE("algorithm recommendation rules: 35 articles / two header events / six chapters") {
  const ParsedStatute s =
      parse_corpus("statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md");
  CHECK(s.title == "互联网信息服务算法推荐管理规定");
  CHECK(s.category == "行政法规");
  CHECK(s.file_stem == "互联网信息服务算法推荐管理规定");
  CHECK(s.file_date == "2021-11-16");
  CHECK(s.articles.size() == 35);
  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].date == "2021-11-16");
  CHECK(s.events[0].type == "adopted");
  CHECK(s.events[0].line == 3);
  CHECK(s.events[0].text == "国家互联网信息办公室2021年第20次室务会议审议通过");
  CHECK(s.events[1].date == "2022-03-01");
  CHECK(s.events[1].type == "effective");
  REQUIRE(s.headings.size() == 6);
  CHECK(s.headings[0].text == "第一章 总 则");
  CHECK(s.headings[0].kind == "chapter");
  CHECK(s.headings[0].number == 1);
  CHECK(s.headings[5].number == 6);
  const StatuteArticle* a24 = find_article(s, 24);
  REQUIRE(a24);
  CHECK(a24->label == "第二十四条");
  CHECK(article_text(*a24).find("舆论属性或者社会动员能力") != std::string::npos);
  REQUIRE(a24->heading >= 0);
  CHECK(s.headings[a24->heading].text == "第四章 监督管理");
  // Articles come in file order and are numbered 1..35 without gaps.
  for (size_t i = 0; i < s.articles.size(); ++i) CHECK(s.articles[i].number == int(i) + 1);
  CHECK(s.preamble.empty());
}

TEST_CASE("PIPL: enumerated items （一）…（七） are numbered paragraphs of their article") {
  // grep -c '^第[一二三四五六七八九十百千零]*条' 个人信息保护法(2021-08-20).md -> 74
  const ParsedStatute s = parse_corpus("statutes-zh/行政法/个人信息保护法(2021-08-20).md");
  CHECK(s.articles.size() == 74);
  CHECK(s.title == "中华人民共和国个人信息保护法");
  const StatuteArticle* a13 = find_article(s, 13);
  REQUIRE(a13);
  REQUIRE(a13->paragraphs.size() == 9);  // lead-in, seven items, closing paragraph
  CHECK(a13->paragraphs[0].item_number == 0);
  CHECK(a13->paragraphs[0].text.rfind("符合下列情形之一的", 0) == 0);  // label stripped
  for (int k = 1; k <= 7; ++k) CHECK(a13->paragraphs[k].item_number == k);
  CHECK(a13->paragraphs[1].text == "（一）取得个人的同意；");
  CHECK(a13->paragraphs[1].line == 51);
  CHECK(a13->paragraphs[8].item_number == 0);
  REQUIRE(a13->heading >= 0);
  CHECK(s.headings[a13->heading].kind == "section");  // 第二章 第一节 一般规定
  CHECK(s.headings[s.headings[a13->heading].parent].kind == "chapter");
}

TEST_CASE("Counter-espionage Law: two versions / one header date in parentheses") {
  const ParsedStatute old_version = parse_corpus("statutes-zh/行政法/反间谍法(2014-11-01).md");
  CHECK(old_version.articles.size() == 40);
  REQUIRE(old_version.events.size() == 1);
  CHECK(old_version.events[0].date == "2014-11-01");
  CHECK(old_version.events[0].type == "adopted");
  CHECK(old_version.events[0].text ==
        "第十二届全国人民代表大会常务委员会第十一次会议通过");  // no ")"
  const ParsedStatute new_version = parse_corpus("statutes-zh/行政法/反间谍法(2023-04-26).md");
  CHECK(new_version.articles.size() == 71);
  CHECK(new_version.file_stem == old_version.file_stem);
  CHECK(has_event(new_version, "2023-04-26", "amended"));
}

TEST_CASE("Criminal Law: 之一 articles / parts / chapters / sections / amendment history") {
  Diagnostics diags;
  const ParsedStatute s = parse_corpus("statutes-zh/刑法/刑法.md", diags);
  CHECK(s.file_date.empty());  // no date in the file name
  CHECK(s.file_stem == "刑法");
  CHECK(s.articles.size() == 505);  // 452 numbered + 53 inserted 之N articles, as grep counts them
  const StatuteArticle* a = find_article(s, 17, 1);
  REQUIRE(a);
  CHECK(a->label == "第十七条之一");
  CHECK(a->paragraphs[0].text.rfind("已满七十五周岁的人", 0) == 0);
  const StatuteArticle* a120_6 = find_article(s, 120, 6);
  REQUIRE(a120_6);
  CHECK(a120_6->label == "第一百二十条之六");
  // 第十七条之一 sits in 第一编 > 第二章 > 第一节.
  REQUIRE(a->heading >= 0);
  const StatuteHeading& section = s.headings[a->heading];
  CHECK(section.kind == "section");
  CHECK(section.level == 4);
  CHECK(section.text == "第一节 犯罪和刑事责任");
  const StatuteHeading& chapter = s.headings[section.parent];
  CHECK(chapter.text == "第二章 犯罪");
  const StatuteHeading& part = s.headings[chapter.parent];
  CHECK(part.kind == "part");
  CHECK(part.number == 1);
  CHECK(part.parent == -1);
  CHECK(has_event(s, "1979-07-01", "adopted"));
  CHECK(has_event(s, "1997-03-14", "amended"));
  // "…通过的《中华人民共和国刑法修正案（十二）》": adopting an amendment amends this law.
  CHECK(has_event(s, "2023-12-29", "amended"));
  CHECK(diags.warning_count() == 0);  // 之N articles are in sequence, not duplicates
}

TEST_CASE("Administrative Reconsideration Law: U+200B-only lines are blank") {
  const std::string rel = "statutes-zh/诉讼与非诉讼程序法/行政复议法(2023-09-01).md";
  REQUIRE(read_file(corpus_file(rel)).find("\n\xE2\x80\x8B\n") != std::string::npos);
  const ParsedStatute s = parse_corpus(rel);
  CHECK(s.articles.size() == 90);
  CHECK(s.preamble.empty());  // the U+200B line before 第一条 did not become a paragraph
  for (const auto& a : s.articles) {
    for (const auto& p : a.paragraphs) CHECK(p.text.find("\xE2\x80\x8B") == std::string::npos);
  }
  CHECK(s.events.size() == 4);
}

TEST_CASE("Civil Code books have two H1 lines: code title and book title") {
  const ParsedStatute s = parse_corpus("statutes-zh/民法典/婚姻家庭编.md");
  CHECK(s.title == "中华人民共和国民法典");
  CHECK(s.subtitle == "婚姻家庭编");
  CHECK(s.category == "民法典");
  CHECK(s.file_date.empty());
  CHECK(s.articles.size() == 79);
  CHECK(s.articles.front().number == 1040);
  CHECK(s.articles.front().label == "第一千零四十条");
  CHECK(s.articles.back().number == 1118);
  CHECK(has_event(s, "2020-05-28", "adopted"));
  // 附则 has an empty "##" heading: skipped rather than recorded as a nameless heading.
  const ParsedStatute annex = parse_corpus("statutes-zh/民法典/附则.md");
  CHECK(annex.subtitle == "附则");
  CHECK(annex.headings.empty());
  CHECK(annex.articles.size() == 2);
  CHECK(annex.articles.back().number == 1260);
  CHECK(has_event(annex, "2021-01-01", "effective"));
}

TEST_CASE("Work Safety Law: a date line with no space after the date") {
  const ParsedStatute s = parse_corpus("statutes-zh/社会法/安全生产法(2021-06-10).md");
  REQUIRE(s.events.size() == 4);
  CHECK(s.events[0].date == "2002-06-29");
  CHECK(s.events[0].type == "adopted");
  CHECK(s.events[1].date == "2009-08-27");  // "2009年8月27日第十一届…" on line 5
  CHECK(s.events[1].line == 5);
  CHECK(s.events[1].type == "amended");
  CHECK(s.events[1].text.rfind("第十一届", 0) == 0);
  CHECK(s.events[3].date == "2021-06-10");
  CHECK(s.articles.size() == 119);
}

TEST_CASE("Public security criminal procedure rules: zero-padded header date") {
  const ParsedStatute s =
      parse_corpus("statutes-zh/部门规章/公安部/公安机关办理刑事案件程序规定(2020-07-20).md");
  CHECK(s.category == "部门规章");  // the ministry sub-folder is not the category
  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].date == "2012-12-13");  // "公安部令第127号修订发布": revised and issued
  CHECK(s.events[0].type == "amended");
  CHECK(s.events[1].date == "2020-07-20");  // "2020年07月20日"
  CHECK(s.events[1].type == "amended");
}

TEST_CASE("irregular headers: notes / wrapped amendment lines / 发布之日施行 / full-width digits") {
  // A cover letter before the dates; 一九九四年十二月六日 written in Chinese numerals.
  const ParsedStatute wages = parse_corpus("statutes-zh/行政法规/工资支付暂行规定(1994-12-06).md");
  bool has_doc_number = false;
  for (const auto& n : wages.header_notes) has_doc_number |= n == "劳部发〔1994〕489号";
  CHECK(has_doc_number);
  CHECK(has_event(wages, "1994-12-06", "other"));
  CHECK(has_event(wages, "1995-01-01", "effective"));  // "1995年1月1日 执行"

  // "…《关于修改〈…土地管理法〉" wraps onto "〈…城市房地产管理法〉的决定》第三次修正".
  const ParsedStatute land = parse_corpus("statutes-zh/行政法/土地管理法(2019-08-26).md");
  CHECK(has_event(land, "2019-08-26", "amended"));
  for (const auto& n : land.header_notes) CHECK(n.find("的决定》") == std::string::npos);

  // "国务院发布" then "发布之日施行" on its own line: in force on the publication day.
  const ParsedStatute ports =
      parse_corpus("statutes-zh/行政法规/国务院关于口岸开放的若干规定(1985-09-18).md");
  REQUIRE(ports.events.size() == 2);
  CHECK(ports.events[0].type == "promulgated");
  CHECK(ports.events[1].type == "effective");
  CHECK(ports.events[1].date == "1985-09-18");
  CHECK(ports.events[1].line == 5);
  CHECK(ports.header_notes.empty());

  // "２０１２年１２月１９日 中华人民共和国公安部令第１２５号发布，" (full-width digits).
  const ParsedStatute admin =
      parse_corpus("statutes-zh/部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md");
  CHECK(has_event(admin, "2012-12-19", "promulgated"));

  // Two courts adopt on different days: "…第1732次会议" / "…第74次会议通过".
  const ParsedStatute joint = parse_corpus(
      "statutes-zh/司法解释/"
      "最高人民法院、最高人民检察院关于涉以压缩气体为动力的枪支、气枪铅弹刑事案件定罪量刑问题的批复"
      ".md");
  CHECK(has_event(joint, "2018-01-25", "adopted"));
  CHECK(has_event(joint, "2018-03-02", "adopted"));
  CHECK(has_event(joint, "2018-03-30", "effective"));

  // An amendment line that also says when the amendment takes effect.
  const ParsedStatute interp = parse_corpus(
      "statutes-zh/司法解释/"
      "最高人民法院关于审理掩饰、隐瞒犯罪所得、犯罪所得收益刑事案件适用法律若干问题的解释(2021-04-"
      "13).md");
  CHECK(has_event(interp, "2021-04-07", "amended"));
  CHECK(has_event(interp, "2021-04-15", "effective"));
}

TEST_CASE("a file with no date lines and no articles still parses") {
  // The Network Data Regulations header has no date lines (Compass holds its dates).
  const ParsedStatute s = parse_corpus("statutes-zh/行政法规/网络数据安全管理条例(2024-09-24).md");
  CHECK(s.events.empty());
  CHECK(s.articles.size() == 64);
  // A Criminal Law amendment numbers its changes 一、二、… and has no 第…条 articles.
  const ParsedStatute amendment = parse_corpus("statutes-zh/刑法/刑法修正案（七）.md");
  CHECK(amendment.articles.empty());
  CHECK_FALSE(amendment.preamble.empty());
}

TEST_CASE("split_statute_file_name") {
  std::string stem, date;
  CHECK(split_statute_file_name("个人信息保护法(2021-08-20).md", &stem, &date));
  CHECK(stem == "个人信息保护法");
  CHECK(date == "2021-08-20");
  CHECK_FALSE(split_statute_file_name("刑法.md", &stem, &date));
  CHECK(stem == "刑法");
  CHECK(date.empty());
  CHECK_FALSE(split_statute_file_name("宪法修正案（1988年）.md", &stem, &date));
  CHECK(stem == "宪法修正案（1988年）");
  CHECK_FALSE(split_statute_file_name("x(2023-13-45).md", &stem, &date));  // impossible date
  CHECK(date.empty());
  CHECK_FALSE(split_statute_file_name("x(2023-1-5).md", nullptr, nullptr));
}

TEST_CASE("inline statute: header events / items / headings and warnings") {
  const std::string text =
      "# 测试条例\n"
      "\n"
      "2021年11月16日 某某会议通过，自2022年3月1日起施行\n"
      "\n"
      "2023年13月45日 某某会议修订\n"
      "\n"
      "某某部发布\n"
      "\n"
      "<!-- INFO END -->\n"
      "\n"
      "本条例的序言。\n"
      "\n"
      "## 第一章  总　则\n"
      "\n"
      "第一条 为了测试，制定本条例。\n"
      "\n"
      "### 第一节 一般规定\n"
      "\n"
      "第二条 下列情形：\n"
      "\n"
      "（一）第一项；\n"
      "\n"
      "(二)第二项。\n"
      "\n"
      "第一万万条 荒谬的编号。\n"
      "\n"
      "第二十条规定的情形，不是新的一条。\n"
      "\n"
      "第五条 跳号。\n"
      "\n"
      "第五条 重复。\n";
  Diagnostics diags;
  const ParsedStatute s =
      parse_statute_markdown("statutes-zh/行政法规/测试条例(2021-11-16).md", text, diags);
  CHECK(s.title == "测试条例");
  // One line, two events: adopted on the line date, in force on the embedded date.
  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].date == "2021-11-16");
  CHECK(s.events[0].type == "adopted");
  CHECK(s.events[1].date == "2022-03-01");
  CHECK(s.events[1].type == "effective");
  CHECK(s.events[1].line == 3);
  // The impossible date is a warning on line 5 and not an event.
  REQUIRE(s.header_notes.size() == 1);
  CHECK(s.header_notes[0] == "某某部发布");
  REQUIRE(s.preamble.size() == 1);
  CHECK(s.preamble[0].text == "本条例的序言。");
  REQUIRE(s.headings.size() == 2);
  CHECK(s.headings[0].text == "第一章 总 则");
  CHECK(s.headings[1].kind == "section");
  CHECK(s.headings[1].parent == 0);
  REQUIRE(s.articles.size() == 4);
  CHECK(s.articles[0].heading == 0);
  CHECK(s.articles[1].heading == 1);
  const StatuteArticle& a2 = s.articles[1];
  // Items, the absurd "article" and the cross-reference line are paragraphs of 第二条.
  REQUIRE(a2.paragraphs.size() == 5);
  CHECK(a2.paragraphs[1].item_number == 1);
  CHECK(a2.paragraphs[2].item_number == 2);  // ASCII parentheses too
  CHECK(a2.paragraphs[3].text == "第一万万条 荒谬的编号。");
  CHECK(a2.paragraphs[4].item_number == 0);
  CHECK(s.articles[2].number == 5);
  CHECK(s.articles[3].number == 5);

  std::vector<std::string> messages;
  for (const auto& d : diags.items()) {
    CHECK(d.severity == Severity::warning);
    messages.push_back(d.format());
  }
  const std::string p = "statutes-zh/行政法规/测试条例(2021-11-16).md:";
  REQUIRE(messages.size() == 4);
  CHECK(messages[0] == p + "5: warning: impossible date 2023年13月45日 in header; no event");
  CHECK(messages[1] == p + "25: warning: unreadable article number in 第一万万条; kept as text");
  CHECK(messages[2] == p + "29: warning: article 第五条 out of sequence after 第二条");
  CHECK(messages[3] == p + "31: warning: duplicate article number 第五条");
}

TEST_CASE("a header with no dates gives no events and no warnings") {
  Diagnostics diags;
  const ParsedStatute s = parse_statute_markdown(
      "x.md", "# 某规定\n\n国务院发布\n\n<!-- INFO END -->\n\n第一条 内容。\n", diags);
  CHECK(s.events.empty());
  CHECK(s.header_notes == std::vector<std::string>{"国务院发布"});
  CHECK(s.articles.size() == 1);
  CHECK(s.category.empty());
  CHECK(diags.items().empty());
}

TEST_CASE("unusable statute files throw ParseError with a line") {
  std::string what;
  // Invalid UTF-8 on line 3.
  CHECK(error_line("# 标题\n\n2021年\xFF月1日 通过\n<!-- INFO END -->\n", &what) == 3);
  CHECK(what.rfind("statutes-zh/行政法/bad.md:3: error: invalid UTF-8", 0) == 0);
  CHECK(error_line("", &what) == 1);
  CHECK(what == "statutes-zh/行政法/bad.md:1: error: empty file");
  CHECK(error_line("\n  \n\xE2\x80\x8B\n") == 1);  // blank lines only
  CHECK(error_line("# 标题\n\n第一条 内容。\n", &what) == 1);
  CHECK(what.find("no '<!-- INFO END -->' header marker") != std::string::npos);
  CHECK(error_line("2021年1月1日 通过\n<!-- INFO END -->\n第一条 内容。\n", &what) == 1);
  CHECK(what.find("no '# ' title line") != std::string::npos);
}

TEST_CASE("bad_corpus statute files") {
  const std::string dir = std::string(REGKG_SOURCE_DIR) + "/tests/ingest/bad_corpus/";
  {
    Diagnostics diags;
    const ParsedStatute s =
        parse_statute_markdown("bad_corpus/statute_impossible_date.md",
                               read_file(dir + "statute_impossible_date.md"), diags);
    REQUIRE(s.events.size() == 1);
    CHECK(s.events[0].date == "2023-03-01");
    REQUIRE(diags.warning_count() == 1);
    CHECK(diags.items()[0].format() ==
          "bad_corpus/statute_impossible_date.md:3: warning: impossible date 2023年13月45日 in "
          "header; no event");
  }
  {
    Diagnostics diags;
    try {
      parse_statute_markdown("bad_corpus/statute_invalid_utf8.md",
                             read_file(dir + "statute_invalid_utf8.md"), diags);
      FAIL("expected a ParseError");
    } catch (const ParseError& e) {
      CHECK(e.line() == 7);
      CHECK(e.to_diagnostic().format() == e.what());
    }
  }
}
