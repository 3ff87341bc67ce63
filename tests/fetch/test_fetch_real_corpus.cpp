// Real statutes from the corpus, rendered here into publication pages (built in the test, never
// stored), served as GB18030 by the loopback publisher and fetched back: the files written hold
// the same articles, paragraphs and chapters as the corpus files they came from.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "fetch/charset_decoder.h"
#include "fetch/fetch_run.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/fetch/fixture_publisher.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

// A page in the shape of a State Council policy-library page around the statute's text.
std::string render_page(const ingest::ParsedStatute& st) {
  std::ostringstream h;
  h << "<!DOCTYPE html><html><head>"
    << "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
    << "<title>" << escape(st.title) << "_中国政府网</title>"
    << "<script>document.write('<p>第一条 脚本</p>');</script></head><body>"
    << "<div class=\"header\"><a href=\"/\">首页</a><span>第一条 导航</span></div>"
    << "<div class=\"main\"><h1>" << escape(st.title) << "</h1>"
    << "<div class=\"info\">发布时间：2024-01-02 10:00</div><div id=\"UCAP-CONTENT\">\n";
  std::set<int> shown;
  for (const auto& a : st.articles) {
    std::vector<int> chain;
    for (int k = a.heading; k >= 0; k = st.headings[static_cast<size_t>(k)].parent)
      chain.insert(chain.begin(), k);
    for (int k : chain) {
      if (shown.insert(k).second)
        h << "<p style=\"text-align:center\"><strong>"
          << escape(st.headings[static_cast<size_t>(k)].text) << "</strong></p>\n";
    }
    h << "<p>" << escape(a.label) << "&#12288;"
      << escape(a.paragraphs.empty() ? "" : a.paragraphs[0].text) << "</p>\n";
    for (size_t i = 1; i < a.paragraphs.size(); ++i)
      h << "<p>\n  " << escape(a.paragraphs[i].text) << "\n</p>\n";
  }
  h << "</div><div class=\"pages_print\">【打印】【关闭窗口】</div></div>"
    << "<div class=\"footer\">版权所有 第九条 页脚</div></body></html>";
  return h.str();
}

}  // namespace

TEST_CASE("real statutes through a publication page and back: the same articles and chapters") {
  struct Case {
    const char* corpus_file;
    const char* short_title;
    const char* kind;
    const char* date;
    size_t articles;
  };
  const Case cases[] = {
      {"statutes-zh/行政法/个人信息保护法(2021-08-20).md", "个人信息保护法", "law", "2021-08-20",
       74},
      {"statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md",
       "互联网信息服务算法推荐管理规定", "departmental-rule", "2021-11-16", 35},
      // Parts, chapters and sections; 第一百二十条之一 and friends.
      {"statutes-zh/刑法/刑法.md", "刑法", "law", "2023-12-29", 0},
  };
  test::FixturePublisher pub;
  test::TempDir work;
  std::string manifest = "{\"sources\":[";
  std::vector<ingest::ParsedStatute> originals;
  for (size_t i = 0; i < std::size(cases); ++i) {
    const Case& c = cases[i];
    ingest::Diagnostics diags;
    originals.push_back(ingest::parse_statute_markdown(
        c.corpus_file, test::read_file(test::corpus_file(c.corpus_file)), diags));
    const std::string path = "/page-" + std::to_string(i) + ".htm";
    pub.publish(path,
                {fetch::convert_from_utf8(render_page(originals.back()), "GB18030"), "text/html"});
    manifest += std::string(i ? "," : "") + "{\"id\":\"real-" + std::to_string(i) +
                "\",\"url\":\"" + pub.url(path) + "\",\"title\":\"" + originals.back().title +
                "\",\"short_title\":\"" + c.short_title + "\",\"kind\":\"" + c.kind +
                "\",\"published\":\"" + c.date + "\",\"version_date\":\"" + c.date + "\"}";
  }
  manifest += "]}";
  test::write_file(work.path() / "sources.json", manifest);
  fetch::FetchOptions options;
  options.manifest = work.path() / "sources.json";
  options.into = work.path() / "into";
  std::ostringstream log;
  const fetch::FetchReport report = fetch::run_fetch(options, log);
  INFO("log: " << log.str());
  REQUIRE(report.outcomes.size() == std::size(cases));

  for (size_t i = 0; i < std::size(cases); ++i) {
    const ingest::ParsedStatute& original = originals[i];
    const fetch::SourceOutcome& o = report.outcomes[i];
    INFO(cases[i].corpus_file << ": " << o.reason);
    REQUIRE(o.status == fetch::FetchStatus::added);
    CHECK(o.charset == "GB18030");
    if (cases[i].articles) CHECK(original.articles.size() == cases[i].articles);
    ingest::Diagnostics diags;
    const auto fetched = ingest::parse_statute_markdown(
        o.file, test::read_file(options.into / fs::u8path(o.file)), diags);
    CHECK(fetched.title == original.title);
    CHECK(fetched.file_stem == cases[i].short_title);
    REQUIRE(fetched.articles.size() == original.articles.size());
    size_t differing = 0;
    for (size_t k = 0; k < original.articles.size(); ++k) {
      const auto& a = original.articles[k];
      const auto& b = fetched.articles[k];
      std::vector<std::string> pa, pb;
      for (const auto& p : a.paragraphs) pa.push_back(p.text);
      for (const auto& p : b.paragraphs) pb.push_back(p.text);
      const std::string ha = a.heading >= 0 ? original.headings[a.heading].text : "";
      const std::string hb = b.heading >= 0 ? fetched.headings[b.heading].text : "";
      if (a.label != b.label || pa != pb || ha != hb) {
        if (++differing <= 3) {
          INFO("article " << a.label << " / " << b.label << " heading " << ha << " / " << hb);
          CHECK(pa == pb);
          CHECK(ha == hb);
        }
      }
    }
    CHECK(differing == 0);
    // Headings with articles under them (刑法's 附件一 and 附件二 head no article, so the page
    // does not print them).
    auto used = [](const ingest::ParsedStatute& st) {
      std::set<std::string> texts;
      for (const auto& a : st.articles)
        for (int k = a.heading; k >= 0; k = st.headings[static_cast<size_t>(k)].parent)
          texts.insert(std::to_string(st.headings[static_cast<size_t>(k)].level) + " " +
                       st.headings[static_cast<size_t>(k)].text);
      return texts;
    };
    CHECK(used(fetched) == used(original));
  }
}
