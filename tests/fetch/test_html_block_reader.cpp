// Tests for the HTML block reader: blocks, entities, Chinese line joining, what is dropped.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fetch/html_block_reader.h"

using namespace regkg::fetch;

namespace {

std::vector<std::string> texts(const HtmlDocument& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks) out.push_back(b.text);
  return out;
}

std::string decode(const std::string& entity) {
  std::string out;
  const size_t used = decode_html_entity(entity, 0, out);
  return used ? out : "(not an entity)";
}

}  // namespace

TEST_CASE("entities") {
  CHECK(decode("&nbsp;") == "\xC2\xA0");
  CHECK(decode("&amp;") == "&");
  CHECK(decode("&ldquo;") == "“");
  CHECK(decode("&#31532;") == "第");
  CHECK(decode("&#x6761;") == "条");
  CHECK(decode("&#X6761") == "条");
  CHECK(decode("&#0;") == "\xEF\xBF\xBD");         // NUL is not text
  CHECK(decode("&#xD800;") == "\xEF\xBF\xBD");     // nor a lone surrogate
  CHECK(decode("&#99999999;") == "\xEF\xBF\xBD");  // nor beyond U+10FFFF
  CHECK(decode("&nosuch;") == "(not an entity)");
  CHECK(decode("&") == "(not an entity)");
}

TEST_CASE("blocks: block elements and <br> split / inline elements do not") {
  const HtmlDocument d = read_html_blocks(
      "<div>第一条　<b>为了</b><a href='#'>规范</a>，制定本办法。</div><p>甲<br>乙<br/>丙</p>"
      "<ul><li>一</li><li>二</li></ul><table><tr><td>发文机关：</td><td>国务院</td></tr></table>");
  CHECK(texts(d) == std::vector<std::string>{"第一条　为了规范，制定本办法。", "甲", "乙", "丙",
                                             "一", "二", "发文机关：", "国务院"});
  CHECK(d.blocks[0].tag == "div");
  CHECK(d.blocks[6].tag == "td");
}

TEST_CASE(
    "whitespace: source line breaks vanish between Chinese characters / stay as spaces elsewhere") {
  const HtmlDocument d = read_html_blocks(
      "<p>网络安全\n  法律</p><p>Data\n  Security  Law</p><p>中文\nABC</p><p>第一条 甲 乙</p>");
  CHECK(texts(d) ==
        std::vector<std::string>{"网络安全法律", "Data Security Law", "中文 ABC", "第一条 甲 乙"});
}

TEST_CASE("scripts / styles / comments / navigation / page headers and footers are dropped") {
  const HtmlDocument d = read_html_blocks(
      "<head><title>标题 &amp; 网站</title><meta name='ArticleTitle' "
      "content='文章&quot;标题&quot;'>"
      "<style>p{}</style><script>document.write('<p>脚本</p>')</script></head>"
      "<body><!-- <p>注释</p> --><header>页眉</header><nav>导航</nav>"
      "<div class='top-bar menu'>菜单<div>嵌套菜单</div>仍是菜单</div>"
      "<article><header><h1>文章标题</h1></header><p>正文</p></article>"
      "<div id='footer'>页脚</div><footer>页脚二</footer><noscript>无脚本</noscript>"
      "<p>结尾</p></body>");
  CHECK(texts(d) == std::vector<std::string>{"文章标题", "正文", "结尾"});
  CHECK(d.title == "标题 & 网站");
  CHECK(d.meta_content("articletitle") == "文章\"标题\"");
  CHECK(d.blocks[0].tag == "h1");

  HtmlReadOptions keep;
  keep.drop_page_chrome = false;
  const HtmlDocument all = read_html_blocks("<nav>导航</nav><div class='footer'>页脚</div>", keep);
  CHECK(texts(all) == std::vector<std::string>{"导航", "页脚"});
}

TEST_CASE("broken markup degrades to text / never to a crash") {
  CHECK(texts(read_html_blocks("a < b and c > d")) == std::vector<std::string>{"a < b and c > d"});
  CHECK(texts(read_html_blocks("<p>甲</p><!-- 未闭合的注释 <p>乙</p>")) ==
        std::vector<std::string>{"甲"});
  CHECK(texts(read_html_blocks("<p>甲</p><script>乙")) == std::vector<std::string>{"甲"});
  // An unclosed quote ends at the next '>' instead of swallowing the page.
  CHECK(texts(read_html_blocks("<p title=\"未闭合>甲</p><p>乙</p>")) ==
        std::vector<std::string>{"甲", "乙"});
  CHECK(texts(read_html_blocks("<p>甲 &amp &lt;b&gt; & 乙</p>")) ==
        std::vector<std::string>{"甲 & <b> & 乙"});
  CHECK(read_html_blocks("").blocks.empty());
}
