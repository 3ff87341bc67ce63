// Tests that the statute Markdown writer produces exactly what the ingest's statute parser reads:
// written text parsed back gives the same title, header events, headings and articles.
#include <doctest/doctest.h>

#include <string>

#include "fetch/statute_markdown_writer.h"
#include "ingest/sources/statute_markdown_parser.h"

using namespace regkg;
using fetch::PublicationArticle;
using fetch::PublicationHeading;

namespace {

PublicationArticle article(const std::string& label, int number, std::vector<std::string> paras,
                           std::vector<int> headings = {}, int sub = 0) {
  PublicationArticle a;
  a.label = label;
  a.number = number;
  a.sub_number = sub;
  a.paragraphs = std::move(paras);
  a.headings = std::move(headings);
  return a;
}

}  // namespace

TEST_CASE("the written file has the corpus's shape / line for line") {
  fetch::StatuteText t;
  t.title = "示例管理办法";
  t.header = {{"2024-03-05", "国家互联网信息办公室2024年第6次室务会会议审议通过"},
              {"2024-04-01", "国家互联网信息办公室公布"},
              {"2024-06-01", "施行"},
              {"", "国家互联网信息办公室令 第30号"}};
  t.headings = {{"chapter", "第一章 总 则"}, {"chapter", "第二章 附 则"}};
  t.articles = {article("第一条", 1, {"为了示例，制定本办法。"}, {0}),
                article("第二条", 2, {"提供者应当遵守下列规定：", "（一）甲；", "（二）乙。"}),
                article("第三条", 3, {"本办法自2024年6月1日起施行。"}, {1})};
  CHECK(fetch::write_statute_markdown(t) ==
        "# 示例管理办法\n\n"
        "2024年3月5日 国家互联网信息办公室2024年第6次室务会会议审议通过\n\n"
        "2024年4月1日 国家互联网信息办公室公布\n\n"
        "2024年6月1日 施行\n\n"
        "国家互联网信息办公室令 第30号\n\n"
        "<!-- INFO END -->\n\n"
        "## 第一章 总 则\n\n"
        "第一条 为了示例，制定本办法。\n\n"
        "第二条 提供者应当遵守下列规定：\n\n"
        "（一）甲；\n\n"
        "（二）乙。\n\n"
        "## 第二章 附 则\n\n"
        "第三条 本办法自2024年6月1日起施行。\n\n");
}

TEST_CASE("what is written parses back to the same statute") {
  fetch::StatuteText t;
  t.title = "中华人民共和国示例法";
  t.header = {{"2016-11-07", "第十二届全国人民代表大会常务委员会第二十四次会议通过"},
              {"2025-10-28", "第十四届全国人民代表大会常务委员会第十八次会议修正"},
              {"2026-01-01", "施行"}};
  t.headings = {{"part", "第一编 总则"},
                {"chapter", "第一章 一般规定"},
                {"section", "第一节 目的"},
                {"chapter", "第二章 规则"}};
  t.articles = {
      article("第一条", 1, {"为了示例，制定本法。"}, {0, 1, 2}),
      // Paragraphs that would read as Markdown structure are neutralised, line breaks joined.
      article("第二条", 2, {"# 不是标题", "<!-- INFO END -->", "甲\n乙"}, {3}),
      article("第二条之一", 2, {"新增的条文。"}, {}, 1),
      article("第三条", 3, {}),
  };
  const std::string md = fetch::write_statute_markdown(t);
  ingest::Diagnostics diags;
  const std::string name = fetch::statute_file_name("示例法", "2025-10-28");
  CHECK(name == "示例法(2025-10-28).md");
  const auto st = ingest::parse_statute_markdown("statutes-zh/行政法/" + name, md, diags);
  CHECK(st.title == "中华人民共和国示例法");
  CHECK(st.file_stem == "示例法");
  CHECK(st.file_date == "2025-10-28");
  CHECK(st.category == "行政法");
  REQUIRE(st.events.size() == 3);
  CHECK(st.events[0].type == "adopted");
  CHECK(st.events[0].date == "2016-11-07");
  CHECK(st.events[1].type == "amended");
  CHECK(st.events[1].date == "2025-10-28");
  CHECK(st.events[2].type == "effective");
  CHECK(st.events[2].date == "2026-01-01");
  REQUIRE(st.headings.size() == 4);
  CHECK(st.headings[0].kind == "part");
  CHECK(st.headings[0].level == 2);
  CHECK(st.headings[1].kind == "chapter");
  CHECK(st.headings[1].level == 3);
  CHECK(st.headings[2].kind == "section");
  CHECK(st.headings[2].level == 4);
  CHECK(st.headings[3].parent == 0);
  REQUIRE(st.articles.size() == 4);
  CHECK(st.articles[0].heading == 2);
  CHECK(st.articles[1].paragraphs.size() == 3);
  CHECK(st.articles[1].paragraphs[0].text == "不是标题");
  CHECK(st.articles[1].paragraphs[1].text == "＜!-- INFO END -->");
  CHECK(st.articles[1].paragraphs[2].text == "甲 乙");
  CHECK(st.articles[2].label == "第二条之一");
  CHECK(st.articles[2].sub_number == 1);
  CHECK(st.articles[3].label == "第三条");
  // Only the article without text is worth a warning; nothing else.
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].message == "article 第三条 has no text");
}

TEST_CASE("file names: the date as in the corpus / unsafe characters replaced") {
  CHECK(fetch::statute_file_name("生成式人工智能服务管理暂行办法", "2023-07-10") ==
        "生成式人工智能服务管理暂行办法(2023-07-10).md");
  CHECK(fetch::statute_file_name("甲/乙\\丙", "2023-07-10") == "甲_乙_丙(2023-07-10).md");
  CHECK(fetch::statute_file_name(".hidden", "2023-07-10") == "_hidden(2023-07-10).md");
  CHECK(fetch::chinese_date("2023-07-01") == "2023年7月1日");
}
