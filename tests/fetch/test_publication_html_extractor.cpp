// Tests for the publication-page extractor on fixture pages in the shapes of CAC, State Council
// and NPC pages: titles, dates, document numbers, chapters, article counts and texts.
#include <doctest/doctest.h>

#include <string>

#include "fetch/charset_decoder.h"
#include "fetch/publication_html_extractor.h"
#include "tests/fetch/fixture_publisher.h"

using namespace regkg::fetch;
using regkg::test::fetch_fixture;

namespace {

std::string paragraphs(const PublicationArticle& a) {
  std::string out;
  for (const auto& p : a.paragraphs) out += p + "\n";
  return out;
}

std::string heading_texts(const ExtractedPublication& p) {
  std::string out;
  for (const auto& h : p.headings) out += h.kind + ":" + h.text + "|";
  return out;
}

}  // namespace

TEST_CASE(
    "CAC order page: title / order facts / chapters and articles - scripts / menus / footer out") {
  const ExtractedPublication p = extract_publication(fetch_fixture("cac_rule.html"));
  CHECK(p.title == "智能客服服务管理暂行办法");
  CHECK(p.page_date == "2024-04-03");
  CHECK(p.published == "2024-04-01");  // the order's closing date, not the page's posting date
  CHECK(p.effective == "2024-06-01");
  CHECK(p.document_number == "国家互联网信息办公室 中华人民共和国工业和信息化部令 第30号");
  CHECK(p.issuer == "国家互联网信息办公室、中华人民共和国工业和信息化部");
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].date == "2024-03-05");
  CHECK(p.events[0].text == "国家互联网信息办公室2024年第6次室务会会议审议通过");
  CHECK(heading_texts(p) == "chapter:第一章 总 则|chapter:第二章 服务规范|chapter:第三章 附 则|");

  REQUIRE(p.articles.size() == 7);
  for (int i = 0; i < 7; ++i) CHECK(p.articles[static_cast<size_t>(i)].number == i + 1);
  CHECK(p.articles[0].label == "第一条");
  CHECK(p.articles[0].headings == std::vector<int>{0});
  CHECK(p.articles[3].headings == std::vector<int>{1});
  CHECK(p.articles[6].headings == std::vector<int>{2});
  CHECK(p.articles[3].paragraphs ==
        std::vector<std::string>{"智能客服服务提供者应当在显著位置提示用户正在与自动应答系统交互，"
                                 "并提供转接人工客服的途径。"});
  // A line break in the HTML source between two Chinese characters is not a space; &ldquo; is “.
  // A paragraph that starts with a cross-reference (第三条规定的…) stays in the article.
  CHECK(
      paragraphs(p.articles[4]) ==
      "智能客服服务提供者不得利用智能客服服务诱导用户作出违背其真实意愿的选择，不得设置障碍阻止用户"
      "“转人工”。\n"
      "用户要求转接人工客服的，提供者应当在合理时间内予以响应。第二十条规定的情形除外。\n"
      "第三条规定的部门发现提供者违反前款规定的，可以约谈其主要负责人。\n");
  CHECK(p.articles[5].paragraphs.size() == 3);
  CHECK(p.articles[5].paragraphs[1] == "（一）告知处理目的、处理方式和保存期限；");
  // The text ends at 【责任编辑】: nothing of the share bar, footer or scripts is in it.
  CHECK(paragraphs(p.articles[6]) == "本办法自2024年6月1日起施行。\n");
  for (const auto& a : p.articles) {
    const std::string t = paragraphs(a);
    CHECK(t.find("不是条文") == std::string::npos);
    CHECK(t.find("分享") == std::string::npos);
    CHECK(t.find("统计脚本") == std::string::npos);
  }
  CHECK(p.warnings.empty());
}

TEST_CASE(
    "State Council policy-library page in GB18030: table facts / meta title / flat articles") {
  const std::string bytes = convert_from_utf8(fetch_fixture("govcn_rule.html"), "GB18030");
  // The page declares gb2312 in <meta http-equiv>; its 䶮 (U+4DAE, FE 9F) is GB18030, not GB2312.
  const DecodedText text = decode_page(bytes, "text/html");
  CHECK(text.charset == "GB18030");
  CHECK(text.declared == "gb2312");
  CHECK(text.declared_by == "meta");
  const ExtractedPublication p = extract_publication(text.utf8);
  CHECK(p.title == "数字人直播服务管理规定");
  CHECK(p.issuer == "国家互联网信息办公室");
  CHECK(p.document_number == "国信办发〔2024〕9号");
  CHECK(p.published == "2024-09-10");  // 成文日期
  CHECK(p.page_date == "2024-09-12");  // 发布日期
  CHECK(p.effective == "2024-11-01");
  CHECK(p.events.empty());
  CHECK(p.headings.empty());
  REQUIRE(p.articles.size() == 6);
  CHECK(p.articles[0].paragraphs[0] ==
        "为了规范数字人直播服务，维护网络直播秩序，保护用户合法权益，制定本规定。");
  REQUIRE(p.articles[3].paragraphs.size() == 4);
  CHECK(p.articles[3].paragraphs[3] == "（三）使用“䶮”等生僻字作为数字人名称误导用户。");
  CHECK(paragraphs(p.articles[5]) == "本规定自2024年11月1日起施行。\n");  // 【我要打印】 ends it
}

TEST_CASE("NPC law page: the history line / a table of contents left out / 第四条之一") {
  const ExtractedPublication p = extract_publication(fetch_fixture("npc_law.html"));
  CHECK(p.title == "中华人民共和国示例数据保护法");
  CHECK(p.page_date == "2024-06-28");
  CHECK(p.document_number == "中华人民共和国主席令 第二十七号");
  CHECK(p.issuer.empty());
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].date == "2024-06-28");
  CHECK(p.events[0].text == "第十四届全国人民代表大会常务委员会第十次会议通过");
  CHECK(p.effective == "2025-01-01");
  // The 目录 lists the three chapters once more: they are not chapters of their own.
  CHECK(heading_texts(p) ==
        "chapter:第一章 总 则|chapter:第二章 数据处理规则|chapter:第三章 附 则|");
  REQUIRE(p.articles.size() == 6);
  CHECK(p.articles[4].label == "第四条之一");
  CHECK(p.articles[4].number == 4);
  CHECK(p.articles[4].sub_number == 1);
  CHECK(p.articles[4].paragraphs[0] ==
        "示例数据处理者委托他人处理数据的，应当约定处理目的和方式。");
  CHECK(p.articles[5].paragraphs == std::vector<std::string>{"本法自2025年1月1日起施行。"});
}

TEST_CASE("a notice without articles gives a title and no articles") {
  const ExtractedPublication p = extract_publication(fetch_fixture("notice_without_articles.html"));
  CHECK(p.title == "关于开展示例专项行动的通知");
  CHECK(p.page_date == "2025-02-01");
  CHECK(p.articles.empty());
}

TEST_CASE("history lines with amendments split into one event per date") {
  const ExtractedPublication p = extract_publication(
      "<h1>中华人民共和国示例法</h1><p>（2016年11月7日第十二届全国人民代表大会常务委员会第二十四次"
      "会议通过　根据2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华"
      "人民共和国示例法〉的决定》修正）</p><p>第一条　为了示例，制定本法。</p>");
  REQUIRE(p.events.size() == 2);
  CHECK(p.events[0].date == "2016-11-07");
  CHECK(p.events[0].text == "第十二届全国人民代表大会常务委员会第二十四次会议通过");
  CHECK(p.events[1].date == "2025-10-28");
  CHECK(p.events[1].text ==
        "第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华人民共和国示例法〉的决定》"
        "修正");
  CHECK(p.articles.size() == 1);
}

TEST_CASE("articles: separators / cross-references / a second copy / out-of-sequence warnings") {
  SUBCASE("no space after the label is still an article unless a reference follows") {
    const auto p = extract_publication(
        "<p>第一条为了示例，制定本办法。</p><p>第二条规定的事项除外。</p>"
        "<p>第五条有关部门应当配合。</p><p>第二条　另一条。</p>");
    REQUIRE(p.articles.size() == 2);
    // 第五条有关… is not where 第二条 is expected: without a space it is a paragraph.
    CHECK(p.articles[0].paragraphs == std::vector<std::string>{"为了示例，制定本办法。",
                                                               "第二条规定的事项除外。",
                                                               "第五条有关部门应当配合。"});
    CHECK(p.articles[1].label == "第二条");
  }
  SUBCASE("the text printed twice is kept once") {
    const auto p = extract_publication(
        "<p>第一条 甲。</p><p>第二条 乙。</p><div class='print'><p>第一条 甲。</p></div>");
    CHECK(p.articles.size() == 2);
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings[0].find("第一条") != std::string::npos);
  }
  SUBCASE("a gap in the numbering is kept and reported") {
    const auto p = extract_publication("<p>第一条 甲。</p><p>第三条 丙。</p>");
    CHECK(p.articles.size() == 2);
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings[0] == "article 第三条 out of sequence after 第一条");
  }
  SUBCASE("parts, chapters and sections nest; an empty chapter is dropped") {
    const auto p = extract_publication(
        "<p>第一编 总则</p><p>第一章 一般规定</p><p>第一节 目的</p><p>第一条 甲。</p>"
        "<p>第二章 空章</p><p>第三章 规则</p><p>第二条 乙。</p>");
    CHECK(heading_texts(p) ==
          "part:第一编 总则|chapter:第一章 一般规定|section:第一节 目的|chapter:第三章 规则|");
    REQUIRE(p.articles.size() == 2);
    CHECK(p.articles[0].headings == std::vector<int>{0, 1, 2});
    CHECK(p.articles[1].headings == std::vector<int>{3});
  }
  SUBCASE("a signature after the text ends it") {
    const auto p = extract_publication(
        "<p>第一条 本办法自公布之日起施行。</p><p>国家示例局</p><p>2024年1月2日</p>");
    REQUIRE(p.articles.size() == 1);
    CHECK(p.articles[0].paragraphs.size() == 1);
    CHECK(p.effective_on_publication);
  }
}

TEST_CASE("read_date_at reads the date forms of publication pages") {
  struct Case {
    const char* text;
    const char* iso;
  };
  for (const Case& c :
       {Case{"2023年7月10日", "2023-07-10"}, Case{"２０２３年７月１０日", "2023-07-10"},
        Case{"二〇二三年七月十日", "2023-07-10"}, Case{"2023年07月10日", "2023-07-10"},
        Case{"2023-07-10 17:46:31", "2023-07-10"}, Case{"2023/7/1", "2023-07-01"},
        Case{"2023.07.10", "2023-07-10"}, Case{"2023年2月30日", ""}, Case{"2023-13-01", ""},
        Case{"20230710", ""}, Case{"2023年第12次", ""}, Case{"2024年2月29日", "2024-02-29"},
        Case{"2023年2月29日", ""}}) {
    INFO(c.text);
    size_t end = 0;
    CHECK(read_date_at(c.text, 0, &end) == c.iso);
  }
}
