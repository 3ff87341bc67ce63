// End-to-end tests of `regkg fetch` against a loopback publisher: first fetch (new), second fetch
// (unchanged, with 304s seen by the server), a new rule and an amended one published (1 new,
// 1 changed), then the real ingest over the fetched folder finds the new text in the graph and in
// Xapian search. Also: every failure kind reported with its reason, and the CLI's lines and exit
// codes.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include "fetch/charset_decoder.h"
#include "fetch/fetch_run.h"
#include "fetch/fetch_state.h"
#include "graph/knowledge_graph.h"
#include "index/searcher.h"
#include "ingest/ingest_pipeline.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "snapshot/snapshot.h"
#include "tests/fetch/fixture_publisher.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;
using fetch::FetchStatus;
using test::fetch_fixture;
using test::FixturePublisher;

namespace {

constexpr const char* kCacPath = "/2024-04/03/c_1712136612.htm";
constexpr const char* kGovPath = "/zhengce/zhengceku/202409/content_6974000.htm";
constexpr const char* kNpcOldPath = "/npc/c30834/202406/law.shtml";
constexpr const char* kNpcPath = "/npc/c2/c30834/202406/t20240628_1.html";
constexpr const char* kNewPath = "/2025-03/14/c_1741946400.htm";

constexpr const char* kCacFile =
    "statutes-zh/部门规章/国家互联网信息办公室/智能客服服务管理暂行办法(2024-04-01).md";
constexpr const char* kCacAmendedFile =
    "statutes-zh/部门规章/国家互联网信息办公室/智能客服服务管理暂行办法(2025-01-15).md";
constexpr const char* kGovFile = "statutes-zh/部门规章/数字人直播服务管理规定(2024-09-10).md";
constexpr const char* kNpcFile = "statutes-zh/行政法/示例数据保护法(2024-06-28).md";
constexpr const char* kNewFile =
    "statutes-zh/部门规章/国家互联网信息办公室/生成合成内容登记示例办法(2025-03-14).md";

std::string source_json(const std::string& id, const std::string& url, const std::string& extra) {
  return "{\"id\":\"" + id + "\",\"url\":\"" + url + "\"," + extra + "}";
}

std::string manifest_json(const FixturePublisher& pub, bool with_new_rule) {
  std::string s = "{\"sources\":[";
  s += source_json(
      "cac-smart-customer-service", pub.url(kCacPath),
      R"("publisher":"cac","instrument":"cn/智能客服服务管理暂行办法",)"
      R"("title":"智能客服服务管理暂行办法","issuer":"国家互联网信息办公室、工业和信息化部",)"
      R"("kind":"departmental-rule","category":"部门规章/国家互联网信息办公室",)"
      R"("published":"2024-04-01","effective":"2024-06-01")");
  s += "," + source_json("govcn-digital-human-live", pub.url(kGovPath),
                         R"("publisher":"gov.cn","instrument":"cn/数字人直播服务管理规定",)"
                         R"("title":"数字人直播服务管理规定","issuer":"国家互联网信息办公室",)"
                         R"("kind":"departmental-rule","published":"2024-09-10")");
  s += "," + source_json(
                 "npc-sample-data-law", pub.url(kNpcOldPath),
                 R"("publisher":"npc","instrument":"cn/示例数据保护法",)"
                 R"("title":"中华人民共和国示例数据保护法","issuer":"全国人民代表大会常务委员会",)"
                 R"("kind":"law","category":"行政法","published":"2024-06-28")");
  if (with_new_rule) {
    s += "," +
         source_json("cac-content-registration", pub.url(kNewPath),
                     R"("publisher":"cac","instrument":"cn/生成合成内容登记示例办法",)"
                     R"("title":"生成合成内容登记示例办法","issuer":"国家互联网信息办公室",)"
                     R"("kind":"departmental-rule","category":"部门规章/国家互联网信息办公室",)"
                     R"("published":"2025-03-14")");
  }
  return s + "]}";
}

const fetch::SourceOutcome& outcome(const fetch::FetchReport& r, const std::string& id) {
  for (const auto& o : r.outcomes)
    if (o.id == id) return o;
  FAIL("no outcome for " << id);
  throw std::logic_error("unreachable");
}

ingest::ParsedStatute parse_written(const fs::path& into, const std::string& relative) {
  ingest::Diagnostics diags;
  auto st =
      ingest::parse_statute_markdown(relative, test::read_file(into / fs::u8path(relative)), diags);
  INFO("diagnostics of " << relative);
  CHECK(diags.items().empty());
  return st;
}

bool has_event(const ingest::ParsedStatute& st, const std::string& date, const std::string& type) {
  for (const auto& e : st.events)
    if (e.date == date && e.type == type) return true;
  return false;
}

std::string article_text(const ingest::ParsedStatute& st, size_t index) {
  std::string out;
  for (const auto& p : st.articles.at(index).paragraphs) out += p.text + "\n";
  return out;
}

fetch::FetchOptions options_for(const fs::path& manifest, const fs::path& into) {
  fetch::FetchOptions o;
  o.manifest = manifest;
  o.into = into;
  o.limits.connect_timeout = 2;
  o.limits.read_timeout = 2;
  o.limits.total_timeout = 10;
  return o;
}

}  // namespace

TEST_CASE(
    "fetch: new / then unchanged by 304 / then a new and an amended rule - the ingest finds them") {
  FixturePublisher pub;
  pub.publish(kCacPath,
              {fetch_fixture("cac_rule.html"), "text/html; charset=utf-8", "\"cac-v1\"", ""});
  // Sent as GB18030 bytes with no charset in the header: the page's <meta> says gb2312.
  pub.publish(kGovPath, {fetch::convert_from_utf8(fetch_fixture("govcn_rule.html"), "GB18030"),
                         "text/html", "", "Thu, 12 Sep 2024 08:20:00 GMT"});
  pub.publish(kNpcPath, {fetch_fixture("npc_law.html"), "text/html; charset=utf-8", "\"npc-1\"",
                         "Fri, 28 Jun 2024 11:05:00 GMT"});
  pub.redirect(kNpcOldPath, kNpcPath, 301);

  test::TempDir work;
  const fs::path into = work.path() / "fetched";
  const fs::path manifest = work.path() / "sources.json";
  test::write_file(manifest, manifest_json(pub, false));
  const auto options = options_for(manifest, into);

  // 1. First fetch: everything is new.
  std::ostringstream log1;
  const fetch::FetchReport first = fetch::run_fetch(options, log1);
  INFO("log: " << log1.str());
  REQUIRE(first.outcomes.size() == 3);
  CHECK(first.count(FetchStatus::added) == 3);
  {
    const auto& cac = outcome(first, "cac-smart-customer-service");
    CHECK(cac.file == kCacFile);
    CHECK(cac.articles == 7);
    CHECK(cac.page_title == "智能客服服务管理暂行办法");
    CHECK(cac.version_date == "2024-04-01");
    const auto& gov = outcome(first, "govcn-digital-human-live");
    CHECK(gov.file == kGovFile);
    CHECK(gov.charset == "GB18030");
    CHECK(gov.articles == 6);
    const auto& npc = outcome(first, "npc-sample-data-law");
    CHECK(npc.file == kNpcFile);
    CHECK(npc.final_url == pub.url(kNpcPath));
    CHECK(npc.articles == 6);
  }
  {
    const auto cac = parse_written(into, kCacFile);
    CHECK(cac.title == "智能客服服务管理暂行办法");
    CHECK(cac.file_stem == "智能客服服务管理暂行办法");
    CHECK(has_event(cac, "2024-03-05", "adopted"));
    CHECK(has_event(cac, "2024-04-01", "promulgated"));
    CHECK(has_event(cac, "2024-06-01", "effective"));
    REQUIRE(cac.articles.size() == 7);
    REQUIRE(cac.headings.size() == 3);
    CHECK(cac.headings[1].text == "第二章 服务规范");
    CHECK(cac.articles[3].heading == 1);
    CHECK(
        article_text(cac, 3) ==
        "智能客服服务提供者应当在显著位置提示用户正在与自动应答系统交互，并提供转接人工客服的途径。"
        "\n");
    CHECK(cac.header_notes ==
          std::vector<std::string>{"国家互联网信息办公室 中华人民共和国工业和信息化部令 第30号"});

    const auto gov = parse_written(into, kGovFile);
    CHECK(gov.title == "数字人直播服务管理规定");
    CHECK(has_event(gov, "2024-09-10", "promulgated"));
    CHECK(has_event(gov, "2024-11-01", "effective"));
    REQUIRE(gov.articles.size() == 6);
    REQUIRE(gov.articles[3].paragraphs.size() == 4);
    CHECK(gov.articles[3].paragraphs[3].item_number == 3);
    CHECK(gov.articles[3].paragraphs[3].text == "（三）使用“䶮”等生僻字作为数字人名称误导用户。");

    const auto npc = parse_written(into, kNpcFile);
    CHECK(npc.title == "中华人民共和国示例数据保护法");
    CHECK(has_event(npc, "2024-06-28", "adopted"));
    CHECK(has_event(npc, "2025-01-01", "effective"));
    CHECK(npc.headings.size() == 3);
    REQUIRE(npc.articles.size() == 6);
    CHECK(npc.articles[4].label == "第四条之一");
  }
  CHECK(fs::exists(into / fetch::kFetchStateFile));

  // 2. Second fetch: nothing changed; the publisher answered 304 to each conditional GET.
  std::ostringstream log2;
  const fetch::FetchReport second = fetch::run_fetch(options, log2);
  CHECK(second.count(FetchStatus::unchanged) == 3);
  for (const auto& o : second.outcomes) {
    INFO(o.id);
    CHECK(o.reason == "304 Not Modified");
  }
  CHECK(pub.not_modified(kCacPath) == 1);  // by ETag
  CHECK(pub.not_modified(kGovPath) == 1);  // by Last-Modified
  CHECK(pub.not_modified(kNpcPath) == 1);  // after the redirect

  // 3. The publisher amends the CAC rule (same URL) and publishes a new one.
  pub.publish(kCacPath, {fetch_fixture("cac_rule_amended.html"), "text/html; charset=utf-8",
                         "\"cac-v2\"", ""});
  pub.publish(kNewPath,
              {fetch_fixture("cac_new_rule.html"), "text/html; charset=utf-8", "\"new-1\"", ""});
  test::write_file(manifest, manifest_json(pub, true));
  std::ostringstream log3;
  const fetch::FetchReport third = fetch::run_fetch(options, log3);
  CHECK(third.count(FetchStatus::added) == 1);
  CHECK(third.count(FetchStatus::changed) == 1);
  CHECK(third.count(FetchStatus::unchanged) == 2);
  CHECK(third.count(FetchStatus::failed) == 0);
  CHECK(outcome(third, "cac-smart-customer-service").status == FetchStatus::changed);
  CHECK(outcome(third, "cac-smart-customer-service").file == kCacAmendedFile);
  CHECK(outcome(third, "cac-content-registration").status == FetchStatus::added);
  CHECK(log3.str().find("fetch: cac-smart-customer-service: warning: the page is dated 2025-01-15, "
                        "the manifest 2024-04-01: written as a new version") != std::string::npos);
  // The earlier version stays: the corpus keeps one file per dated version.
  CHECK(fs::exists(into / fs::u8path(kCacFile)));
  {
    const auto amended = parse_written(into, kCacAmendedFile);
    CHECK(has_event(amended, "2025-01-10", "amended"));
    CHECK(has_event(amended, "2025-01-15", "promulgated"));
    // The amended order is the CAC's alone: the page's issuer, not the manifest's two.
    CHECK(test::read_file(into / fs::u8path(kCacAmendedFile))
              .find("2025年1月15日 国家互联网信息办公室公布\n") != std::string::npos);
    CHECK(has_event(amended, "2025-03-01", "effective"));
    REQUIRE(amended.articles.size() == 8);
    CHECK(article_text(amended, 6) ==
          "提供者应当每年开展一次智能客服服务质量评估，并向社会公开评估结果。\n");
    const auto added = parse_written(into, kNewFile);
    REQUIRE(added.articles.size() == 5);
    CHECK(article_text(added, 2) ==
          "服务提供者应当建立数字水印登记簿，如实记录每一项生成合成内容的水印编号和生成时间。\n"
          "数字水印登记簿应当至少保存三年。\n");
  }

  // 4. The real ingest over the fetched folder: graph and Xapian hold the new texts.
  ingest::IngestOptions io;
  io.corpora = {into};
  io.data_dir = work.path() / "data";
  io.dictionaries_dir = fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
  io.threads = 2;
  std::ostringstream ingest_log;
  const ingest::IngestSummary summary = ingest::run_ingest(io, ingest_log);
  INFO("ingest log: " << ingest_log.str());
  CHECK(summary.errors == 0);
  CHECK(summary.ingested == 5);
  const auto snap = snapshot::open_current_snapshot(io.data_dir, 1);
  const auto& g = *snap->graph;
  const std::string new_article = "cn/生成合成内容登记示例办法@2025-03-14/art-3";
  auto v = g.find(new_article);
  REQUIRE(v.has_value());
  CHECK(g.node(*v).text_zh.find("数字水印登记簿") != std::string::npos);
  CHECK(g.find("cn/智能客服服务管理暂行办法@2024-04-01").has_value());
  CHECK(g.find("cn/智能客服服务管理暂行办法@2025-01-15/art-7").has_value());
  CHECK_FALSE(g.find("cn/智能客服服务管理暂行办法@2024-04-01/art-8").has_value());
  CHECK(g.find("cn/示例数据保护法@2024-06-28/art-4-1").has_value());

  index::SearchRequest req;
  req.query = "数字水印登记簿";
  req.limit = 20;
  const auto found = snap->searcher->search(req);
  std::vector<std::string> ids;
  for (const auto& h : found.hits) ids.push_back(h.id);
  INFO("hits: " << found.total);
  CHECK(std::find(ids.begin(), ids.end(), new_article) != ids.end());
  req.query = "\"三次应答未解决问题\"";  // only in the amended text of article 4 (quoted: exact)
  const auto amended_hits = snap->searcher->search(req);
  ids.clear();
  for (const auto& h : amended_hits.hits) ids.push_back(h.id);
  CHECK(std::find(ids.begin(), ids.end(), "cn/智能客服服务管理暂行办法@2025-01-15/art-4") !=
        ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "cn/智能客服服务管理暂行办法@2024-04-01/art-4") ==
        ids.end());
}

TEST_CASE("fetch: every failure is reported with its reason - the good source is still fetched") {
  FixturePublisher pub;
  pub.publish("/good.htm", {fetch_fixture("cac_new_rule.html")});
  pub.publish("/slow.htm", {fetch_fixture("cac_new_rule.html"), "text/html", "", "", 200, 3.0});
  pub.publish("/notice.htm", {fetch_fixture("notice_without_articles.html")});
  pub.publish("/error.htm", {"<p>维护中</p>", "text/html; charset=utf-8", "", "", 500});
  std::string broken = fetch_fixture("cac_new_rule.html");
  const size_t at = broken.find("第二条");
  broken.insert(at, "\xFF\xFE");
  pub.publish("/broken-utf8.htm", {broken, "text/html; charset=utf-8"});
  std::string gb = fetch::convert_from_utf8(fetch_fixture("govcn_rule.html"), "GB18030");
  const size_t gb_at = gb.find("</body>");
  gb.insert(gb_at, "\x81\x20");
  pub.publish("/broken-gb.htm", {gb, "text/html"});
  pub.redirect("/loop.htm", "/loop.htm", 302);

  auto src = [&](const std::string& id, const std::string& path) {
    return source_json(id, pub.url(path),
                       R"("title":"生成合成内容登记示例办法","kind":"departmental-rule",)"
                       R"("short_title":")" +
                           id + R"(","issuer":"国家互联网信息办公室")");
  };
  test::TempDir work;
  const fs::path manifest = work.path() / "sources.json";
  test::write_file(
      manifest, "{\"sources\":[" + src("good", "/good.htm") + "," + src("missing", "/missing.htm") +
                    "," + src("slow", "/slow.htm") + "," + src("notice", "/notice.htm") + "," +
                    src("error", "/error.htm") + "," + src("broken-utf8", "/broken-utf8.htm") +
                    "," + src("broken-gb", "/broken-gb.htm") + "," + src("loop", "/loop.htm") +
                    "]}");
  auto options = options_for(manifest, work.path() / "out");
  options.limits.read_timeout = 0.3;
  options.limits.max_redirects = 2;
  std::ostringstream log;
  const auto start = std::chrono::steady_clock::now();
  const fetch::FetchReport r = fetch::run_fetch(options, log);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5);
  REQUIRE(r.outcomes.size() == 8);
  CHECK(r.count(FetchStatus::added) == 1);
  CHECK(r.count(FetchStatus::failed) == 7);
  CHECK_FALSE(r.all_failed());
  CHECK(outcome(r, "good").status == FetchStatus::added);
  CHECK(outcome(r, "missing").reason == "HTTP 404 Not Found from " + pub.url("/missing.htm"));
  CHECK(outcome(r, "missing").http_status == 404);
  CHECK(outcome(r, "slow").reason == "timed out after 0.3 s waiting for " + pub.url("/slow.htm"));
  CHECK(outcome(r, "notice").reason ==
        "no articles (第…条) in the page '关于开展示例专项行动的通知' at " +
            pub.url("/notice.htm"));
  CHECK(outcome(r, "error").reason ==
        "HTTP 500 Internal Server Error from " + pub.url("/error.htm"));
  const std::string utf8_reason = outcome(r, "broken-utf8").reason;
  CHECK(utf8_reason.find("invalid UTF-8 bytes at byte offset " + std::to_string(at) +
                         " (0xFF 0xFE") != std::string::npos);
  CHECK(utf8_reason.find("declared by the Content-Type header in " + pub.url("/broken-utf8.htm")) !=
        std::string::npos);
  const std::string gb_reason = outcome(r, "broken-gb").reason;
  CHECK(gb_reason.find("invalid GB18030 bytes at byte offset " + std::to_string(gb_at) +
                       " (0x81 0x20") != std::string::npos);
  CHECK(gb_reason.find("charset 'gb2312' declared by the page's <meta>") != std::string::npos);
  CHECK(outcome(r, "loop").reason.rfind("more than 2 redirects starting at", 0) == 0);

  // Lines for the terminal: one per source, failed ones with the reason.
  CHECK(fetch::format_outcome(outcome(r, "missing")) ==
        "failed    missing  HTTP 404 Not Found from " + pub.url("/missing.htm"));
  CHECK(fetch::format_outcome(outcome(r, "good")) ==
        "new       good  生成合成内容登记示例办法 (2025-03-14): 5 articles -> "
        "statutes-zh/部门规章/good(2025-03-14).md");
  CHECK(fetch::format_summary(r, "out") ==
        "regkg fetch: 8 sources: 1 new, 0 changed, 0 unchanged, 7 failed (into out)");
}

TEST_CASE("fetch: a state file edited or a written file removed means a full GET again") {
  FixturePublisher pub;
  pub.publish("/a.htm", {fetch_fixture("cac_new_rule.html"), "text/html; charset=utf-8", "\"a1\""});
  test::TempDir work;
  const fs::path manifest = work.path() / "sources.json";
  test::write_file(manifest,
                   "{\"sources\":[" +
                       source_json("a", pub.url("/a.htm"),
                                   R"("title":"生成合成内容登记示例办法","kind":"other")") +
                       "]}");
  const auto options = options_for(manifest, work.path() / "out");
  std::ostringstream log;
  auto r1 = fetch::run_fetch(options, log);
  REQUIRE(r1.outcomes[0].status == FetchStatus::added);
  const fs::path written = work.path() / "out" / fs::u8path(r1.outcomes[0].file);
  CHECK(r1.outcomes[0].file == "statutes-zh/其他/生成合成内容登记示例办法(2025-03-14).md");
  fs::remove(written);
  auto r2 = fetch::run_fetch(options, log);
  CHECK(r2.outcomes[0].status == FetchStatus::changed);  // written again
  CHECK(fs::exists(written));
  CHECK(pub.not_modified("/a.htm") == 0);  // no validators were sent for a missing file
  test::write_file(work.path() / "out" / fetch::kFetchStateFile, "{not json");
  std::ostringstream log3;
  auto r3 = fetch::run_fetch(options, log3);
  CHECK(r3.outcomes[0].status == FetchStatus::unchanged);  // same bytes on disk
  CHECK(log3.str().find("unreadable fetch state") != std::string::npos);
  test::write_file(work.path() / "out" / fetch::kFetchStateFile, "[\"valid JSON, not a state\"]");
  std::ostringstream log4;
  CHECK(fetch::run_fetch(options, log4).outcomes[0].status == FetchStatus::unchanged);
  CHECK(log4.str().find("unreadable fetch state") != std::string::npos);
}

TEST_CASE("regkg fetch CLI: one line per source and a summary - exit codes") {
  FixturePublisher pub;
  pub.publish("/good.htm", {fetch_fixture("cac_new_rule.html")});
  test::TempDir work;
  auto run = [&](const std::string& manifest_text, std::string* out, std::string* err) {
    const fs::path manifest = work.path() / "m.json";
    test::write_file(manifest, manifest_text);
    const fs::path out_file = work.path() / "stdout", err_file = work.path() / "stderr";
    const std::string cmd = std::string("'") + REGKG_BINARY + "' fetch --sources '" +
                            manifest.string() + "' --into '" + (work.path() / "into").string() +
                            "' --timeout 2 > '" + out_file.string() + "' 2> '" + err_file.string() +
                            "'";
    const int status = std::system(cmd.c_str());
    *out = test::read_file(out_file);
    *err = test::read_file(err_file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string good =
      source_json("good", pub.url("/good.htm"),
                  R"("title":"生成合成内容登记示例办法","kind":"departmental-rule")");
  const std::string missing = source_json("missing", pub.url("/missing.htm"),
                                          R"("title":"不存在的办法","kind":"departmental-rule")");
  std::string out, err;
  CHECK(run("{\"sources\":[" + good + "," + missing + "]}", &out, &err) == 0);
  CHECK(out.find("new       good  生成合成内容登记示例办法 (2025-03-14): 5 articles -> "
                 "statutes-zh/部门规章/生成合成内容登记示例办法(2025-03-14).md\n") !=
        std::string::npos);
  CHECK(out.find("failed    missing  HTTP 404 Not Found from " + pub.url("/missing.htm") + "\n") !=
        std::string::npos);
  CHECK(out.find("regkg fetch: 2 sources: 1 new, 0 changed, 0 unchanged, 1 failed") !=
        std::string::npos);

  CHECK(run("{\"sources\":[" + missing + "]}", &out, &err) == 1);  // every source failed
  CHECK(out.find("regkg fetch: 1 sources: 0 new, 0 changed, 0 unchanged, 1 failed") !=
        std::string::npos);

  CHECK(run("{\"sources\":[{\"id\":\"x\"}]}", &out, &err) == 2);  // a bad manifest
  CHECK(err.find("error: sources[0].url: required") != std::string::npos);
}
