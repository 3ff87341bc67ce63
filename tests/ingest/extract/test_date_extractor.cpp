// Tests for the date extractor: real corpus texts (the seed, feed items, the Generative AI
// Measures, the algorithm-recommendation provisions), bad input, and precision/recall on
// tests/gold/dates.json.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ingest/extract/date_extractor.h"
#include "ingest/sources/news_markdown_parser.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

using namespace regkg::ingest;
using regkg::test::corpus_dir;
using regkg::test::corpus_file;
using regkg::test::read_file;

namespace {

const char* const kSeed =
    "news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md";
const char* const kAlgorithmRules =
    "statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md";
const char* const kGenAiArticles = "compass/cn-generative-ai-measures-articles.json";

NewsItem news(const std::string& relative) {
  Diagnostics diags;
  return parse_news_markdown(relative, read_file(corpus_file(relative)), diags);
}

std::string feed_text(const NewsItem& n) { return n.title + "\n" + n.excerpt; }

// The mention whose date is `date`, or nullptr.
const DateMention* find(const std::vector<DateMention>& v, const std::string& date) {
  for (const DateMention& m : v) {
    if (m.date == date) return &m;
  }
  return nullptr;
}

// The Chinese full text of one Compass article of the Generative AI Measures.
std::string genai_article(int number) {
  static const std::string json = read_file(corpus_file(kGenAiArticles));
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  REQUIRE(doc.IsArray());
  for (const auto& rec : doc.GetArray()) {
    if (rec.HasMember("articleNumber") && rec["articleNumber"].IsString() &&
        std::stoi(rec["articleNumber"].GetString()) == number && rec["fullText"].IsString()) {
      return rec["fullText"].GetString();
    }
  }
  FAIL("no article " << number);
  return "";
}

// One article of a statute file ("第三十五条 本规定自…"), paragraphs joined by newlines.
std::string statute_article(const std::string& relative, int number) {
  Diagnostics diags;
  const ParsedStatute s = parse_statute_markdown(relative, read_file(corpus_file(relative)), diags);
  for (const StatuteArticle& a : s.articles) {
    if (a.number != number || a.sub_number != 0) continue;
    std::string text = a.label + " ";
    for (size_t i = 0; i < a.paragraphs.size(); ++i) text += (i ? "\n" : "") + a.paragraphs[i].text;
    return text;
  }
  FAIL("no article " << number << " in " << relative);
  return "";
}

// The raw header lines of a statute file, after the H1 and before <!-- INFO END -->.
std::string statute_header(const std::string& relative) {
  const std::string raw = read_file(corpus_file(relative));
  const size_t first_nl = raw.find('\n');
  const size_t end = raw.find("<!-- INFO END -->");
  REQUIRE(first_nl != std::string::npos);
  REQUIRE(end != std::string::npos);
  return raw.substr(first_nl + 1, end - first_nl - 1);
}

}  // namespace

TEST_CASE("date: the seed article (Updated: Jan 8 / 2024 / Effective from August 15 / by 2030)") {
  REGKG_NEEDS_FULL_CORPUS(
      "the publishers' news text (feed excerpts, the seed article's body), which the embedded "
      "corpus does not redistribute");
  const NewsItem n = news(kSeed);
  REQUIRE(n.date == "2024-01-08");
  std::vector<DateProblem> problems;
  const std::vector<DateMention> dates = extract_dates(n.body, n.date, &problems);
  CHECK(problems.empty());

  const DateMention* updated = find(dates, "2024-01-08");
  REQUIRE(updated);
  CHECK(updated->text == "Jan 8, 2024");
  CHECK(updated->precision == "day");
  CHECK_FALSE(updated->year_inferred);
  CHECK(updated->type_hint == "published");

  // Context 2024-01-08: 2023-08-15 is 146 days before, 2024-08-15 is 220 days after.
  const int august = static_cast<int>(std::count_if(
      dates.begin(), dates.end(), [](const DateMention& m) { return m.date == "2023-08-15"; }));
  CHECK(august ==
        2);  // "Effective from August 15, …" and "The interim rules, effective from August 15"
  for (const DateMention& m : dates) {
    if (m.date != "2023-08-15") continue;
    CHECK(m.text == "August 15");
    CHECK(m.year_inferred);
    CHECK(m.type_hint == "effective");
    CHECK(n.body.substr(m.begin, m.end - m.begin) == m.text);
  }
  CHECK(find(dates, "2024-08-15") == nullptr);

  const DateMention* target = find(dates, "2030");
  REQUIRE(target);
  CHECK(target->precision == "year");
  CHECK(target->type_hint == "target_year");
  CHECK(dates.size() == 4);
}

TEST_CASE("date: Generative AI Measures Article 24 (本办法自2023年8月15日起施行)") {
  const std::string text = genai_article(24);
  REQUIRE(text.find("本办法自2023年8月15日起施行") != std::string::npos);
  const std::vector<DateMention> dates = extract_dates(text, "2023-07-10");
  REQUIRE(dates.size() == 1);
  CHECK(dates[0].date == "2023-08-15");
  CHECK(dates[0].precision == "day");
  CHECK(dates[0].text == "2023年8月15日");
  CHECK(dates[0].type_hint == "effective");
  // Article 17 names the algorithm rules but no date.
  CHECK(extract_dates(genai_article(17), "2023-07-10").empty());
}

TEST_CASE("date: algorithm-recommendation provisions / header lines and Article 35") {
  // "2021年11月16日 国家互联网信息办公室2021年第20次室务会议审议通过": the meeting number
  // "2021年第20次" is not a date.
  const std::vector<DateMention> header =
      extract_dates(statute_header(kAlgorithmRules), "2021-11-16");
  REQUIRE(header.size() == 2);
  CHECK(header[0].date == "2021-11-16");
  CHECK(header[0].type_hint == "adopted");
  CHECK(header[1].date == "2022-03-01");
  CHECK(header[1].type_hint == "effective");

  const std::vector<DateMention> art35 =
      extract_dates(statute_article(kAlgorithmRules, 35), "2021-11-16");
  REQUIRE(art35.size() == 1);
  CHECK(art35[0].date == "2022-03-01");
  CHECK(art35[0].type_hint == "effective");
  // Article 24 has time limits (十个工作日内) but no dates.
  CHECK(extract_dates(statute_article(kAlgorithmRules, 24), "2021-11-16").empty());
}

TEST_CASE(
    "date: a statute header-like body sentence with adoption, amendment and entry into force") {
  const std::string text =
      "（2018年3月20日第十三届全国人民代表大会第一次会议通过 "
      "根据2021年12月24日第十三届全国人民代表大会"
      "常务委员会第三十二次会议《关于修改〈中华人民共和国科学技术进步法〉的决定》第一次修正）本法自"
      "2022年1月1日起施行。";
  const std::vector<DateMention> dates = extract_dates(text, "");
  REQUIRE(dates.size() == 3);
  CHECK(dates[0].date == "2018-03-20");
  CHECK(dates[0].type_hint == "adopted");
  CHECK(dates[1].date == "2021-12-24");
  CHECK(dates[1].type_hint == "amended");
  CHECK(dates[2].date == "2022-01-01");
  CHECK(dates[2].type_hint == "effective");
}

TEST_CASE("date: a date describing a cited instrument is no event of the citing text") {
  // Counter-espionage Law 2014, Article 40: the 1993 date is the State Security Law's adoption.
  const std::string text =
      "本法自公布之日起施行。1993年2月22日第七届全国人民代表大会常务委员会第三十次会议通过的"
      "《中华人民共和国国家安全法》同时废止。";
  const std::vector<DateMention> dates = extract_dates(text, "2014-11-01");
  REQUIRE(dates.size() == 1);
  CHECK(dates[0].date == "1993-02-22");
  CHECK(dates[0].type_hint == "");
  // The same words about the text's own amendment keep their role.
  const std::vector<DateMention> own = extract_dates(
      "根据2021年12月24日第十三届全国人民代表大会常务委员会第三十二次会议通过的《关于修改"
      "〈中华人民共和国科学技术进步法〉的决定》第一次修正",
      "");
  REQUIRE(own.size() == 1);
  CHECK(own[0].type_hint == "amended");
  // A date right before 施行 with no cited title stays the text's own.
  const std::vector<DateMention> effective = extract_dates("本办法自2005年1月1日起施行。", "");
  REQUIRE(effective.size() == 1);
  CHECK(effective[0].type_hint == "effective");
}

TEST_CASE("date: feed items with dates in their title or excerpt") {
  REGKG_NEEDS_FULL_CORPUS(
      "the publishers' news text (feed excerpts, the seed article's body), which the embedded "
      "corpus does not redistribute");
  struct Case {
    const char* file;
    std::vector<std::pair<std::string, std::string>> dates;  // date, precision, in text order
    bool inferred;  // the first date's year came from context
  };
  const std::vector<Case> cases = {
      // "with its official launch scheduled for August 31" (published 2023-08-30)
      {"2023-08-31-baidu-receives-green-light-to-launch-ai-ernie-bot-for-general-public-leading-"
       "chinas-ai-revolution.md",
       {{"2023-08-31", "day"}},
       true},
      // A press-release dateline: "ACCESSWIRE / March 11, 2021 /"
      {"2021-03-11-canadian-tire-and-nuport-robotics-to-commercialize-canadas-first-automated-"
       "heavy-duty-trucking-technology.md",
       {{"2021-03-11", "day"}},
       false},
      // A range: "SXSW March 16-20, 2021"; "SXSW 2021" in the title is an event name
      {"2021-03-11-this-ai-robot-will-paint-a-canvas-at-sxsw-2021.md",
       {{"2021-03-16", "day"}, {"2021-03-20", "day"}},
       false},
      // An ordinal without a year: "Transform 2021 on July 12th" (published 2021-07-09)
      {"2021-07-10-ai-weekly-tiktoks-algorithm-licensing-signals-chinas-play-for-ai-dominance.md",
       {{"2021-07-12", "day"}},
       true},
      // "becoming the global AI leader by 2030"
      {"2021-10-03-chinese-ai-gets-ethical-guidelines-for-the-first-time-aligning-with-beijings-"
       "goal-of-reining-in-big-tech.md",
       {{"2030", "year"}},
       false},
      // "in a June 2022 report … over an 8-month period in 2020"
      {"2023-11-06-biden-eyes-adding-ai-chip-curbs-to-chinese-companies-abroad.md",
       {{"2022-06", "month"}, {"2020", "year"}},
       false},
      // Weekdays only ("on Thursday"): no dates
      {"2023-07-14-china-says-generative-ai-rules-to-apply-only-to-products-for-the-public.md",
       {},
       false},
      // "Copyright 2024 Thomson Reuters" is not a date
      {"2024-01-29-italy-regulator-notifies-openai-of-privacy-breaches-in-chatgpt.md", {}, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const NewsItem n = news(std::string("news/feed/") + c.file);
    std::vector<DateProblem> problems;
    const std::vector<DateMention> dates = extract_dates(feed_text(n), n.date, &problems);
    CHECK(problems.empty());
    REQUIRE(dates.size() == c.dates.size());
    for (size_t i = 0; i < dates.size(); ++i) {
      CHECK(dates[i].date == c.dates[i].first);
      CHECK(dates[i].precision == c.dates[i].second);
    }
    if (!dates.empty()) CHECK(dates[0].year_inferred == c.inferred);
  }
  const NewsItem ethics = news(
      "news/feed/"
      "2021-10-03-chinese-ai-gets-ethical-guidelines-for-the-first-time-aligning-with-beijings-"
      "goal-of-"
      "reining-in-big-tech.md");
  CHECK(extract_dates(feed_text(ethics), ethics.date).at(0).type_hint == "target_year");
}

TEST_CASE("date: written forms / table-driven") {
  struct Case {
    const char* text;
    const char* context;
    const char* date;  // "" = no date expected
    const char* precision;
    const char* hint;
    bool inferred;
  };
  const Case cases[] = {
      {"2023年8月15日", "", "2023-08-15", "day", "", false},
      {"2023年08月15日", "", "2023-08-15", "day", "", false},
      {"２０２３年８月１５日", "", "2023-08-15", "day", "", false},  // full-width digits
      {"二〇二三年八月十五日", "", "2023-08-15", "day", "", false},
      {"一九九七年十月一日", "", "1997-10-01", "day", "", false},
      {"二〇二三年三月三十一日公布", "", "2023-03-31", "day", "published", false},
      {"2023年8月", "", "2023-08", "month", "", false},
      {"到2030年，", "", "2030", "year", "target_year", false},
      {"2030年前实现", "", "2030", "year", "target_year", false},
      {"二〇二三年底", "", "2023", "year", "target_year", false},
      {"2023年第15号", "", "", "", "", false},                              // a document number
      {"国家互联网信息办公室2021年第20次室务会议", "", "", "", "", false},  // a meeting number
      {"2023年度", "", "", "", "", false},
      {"自2023年8月15日起施行", "", "2023-08-15", "day", "effective", false},
      {"2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议通过", "", "2021-06-10",
       "day", "adopted", false},
      {"2009年1月1 日起实施", "", "2009-01-01", "day", "",
       false},  // a stray space before 日 (one statute)
      {"August 15, 2023", "", "2023-08-15", "day", "", false},
      {"Aug 15, 2023", "", "2023-08-15", "day", "", false},
      {"Aug. 15, 2023", "", "2023-08-15", "day", "", false},
      {"15 August 2023", "", "2023-08-15", "day", "", false},
      {"Jan 8, 2024", "", "2024-01-08", "day", "", false},
      {"Sept 1, 2024", "", "2024-09-01", "day", "", false},
      {"2023-07-13", "", "2023-07-13", "day", "", false},
      {"July 2023", "", "2023-07", "month", "", false},
      {"a global leader by 2030.", "", "2030", "year", "target_year", false},
      {"by the end of 2025", "", "2025", "year", "target_year", false},
      {"said on Thursday", "2023-07-14", "", "", "", false},
      {"August 15", "", "", "", "",
       false},  // no year and no context date: nothing to complete it with
      {"August 15", "2024-01-08", "2023-08-15", "day", "", true},
      {"December 30", "2024-01-02", "2023-12-30", "day", "",
       true},                                                      // nearest is in the year before
      {"January 3", "2023-12-30", "2024-01-03", "day", "", true},  // nearest is in the year after
      {"15 August", "2023-07-01", "2023-08-15", "day", "", true},
      {"The rules take effect on Sept 1.", "2023-08-10", "2023-09-01", "day", "effective", true},
      {"The law comes into force on 1 January 2025.", "", "2025-01-01", "day", "effective", false},
      {"The measures were released on July 13, 2023.", "", "2023-07-13", "day", "published", false},
      {"The bill was approved on May 4, 2022.", "", "2022-05-04", "day", "adopted", false},
      {"The draft is open for comments until May 10, 2023.", "", "2023-05-10", "day",
       "comment_deadline", false},
      {"The rule was repealed on March 3, 2020.", "", "2020-03-03", "day", "repealed", false},
      {"May I help", "2023-01-01", "", "", "", false},
      {"Transform 2021 and SXSW 2021", "", "", "", "", false},  // event names
      {"Copyright 2024 Thomson Reuters", "", "", "", "", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<DateProblem> problems;
    const std::vector<DateMention> dates = extract_dates(c.text, c.context, &problems);
    CHECK(problems.empty());
    if (std::string(c.date).empty()) {
      CHECK(dates.empty());
      continue;
    }
    REQUIRE(dates.size() == 1);
    CHECK(dates[0].date == c.date);
    CHECK(dates[0].precision == c.precision);
    CHECK(dates[0].type_hint == c.hint);
    CHECK(dates[0].year_inferred == c.inferred);
  }
}

TEST_CASE("date: impossible dates are problems / never dates") {
  struct Case {
    const char* text;
    const char* message_part;
  };
  const Case cases[] = {
      {"2023年13月45日", "month 13"},  {"2023年2月30日", "day 30"},
      {"February 30, 2023", "day 30"}, {"2023-02-30", "day 30"},
      {"2023-13-01", "month 13"},      {"June 31, 2023", "day 31"},
      {"1850年3月1日", "year 1850"},   {"March 3, 2150", "year 2150"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<DateProblem> problems;
    CHECK(extract_dates(c.text, "2023-06-01", &problems).empty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].text == c.text);
    CHECK(problems[0].begin == 0);
    CHECK(problems[0].message.find(c.message_part) != std::string::npos);
  }
  // February 29 exists only in leap years.
  CHECK(extract_dates("February 29, 2024", "").size() == 1);
  std::vector<DateProblem> problems;
  CHECK(extract_dates("February 29, 2023", "", &problems).empty());
  CHECK(problems.size() == 1);
  // Without a problems sink the impossible date is still not returned.
  CHECK(extract_dates("2023年13月45日", "").empty());
}

TEST_CASE("date: bad input does not crash") {
  CHECK(extract_dates("", "").empty());
  CHECK(extract_dates("", "2024-01-08").empty());
  CHECK(extract_dates("no dates here", "not-a-date").empty());

  // Invalid UTF-8: truncated and stray multi-byte sequences around dates.
  std::string bad = "\xE5\xB9 2023\xE5\xB9\xB4\xE5 \xFF\xFE 2023年8月15日 \xE5";
  std::vector<DateProblem> problems;
  const std::vector<DateMention> dates = extract_dates(bad, "2024-01-08", &problems);
  REQUIRE(dates.size() == 1);
  CHECK(dates[0].date == "2023-08-15");
  CHECK(extract_dates(std::string("\xE5\xB9\xB4", 3) + "\xE5\xB9", "").empty());
  CHECK(extract_dates(std::string(1, '\0') + "2023-07-13" + std::string(1, '\0'), "").size() == 1);

  // 100,000 characters of digits and 年.
  std::string noise;
  while (noise.size() < 100000) noise += "2023456789年";
  problems.clear();
  const auto start = std::chrono::steady_clock::now();
  const std::vector<DateMention> many = extract_dates(noise, "2024-01-08", &problems);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(many.empty());  // "…6789年" is always preceded by more digits: no four-digit year
  CHECK(seconds < 5.0);
  std::string digits(100000, '7');
  for (size_t i = 4; i < digits.size(); i += 5) digits[i] = ' ';
  CHECK_NOTHROW(extract_dates(digits + "年", "2024-01-08", &problems));
  std::string ymd;
  while (ymd.size() < 100000) ymd += "2023年8月15日";
  CHECK(extract_dates(ymd, "").size() == ymd.size() / std::string("2023年8月15日").size());
}

TEST_CASE("date: every statute file / whole / yields dates and no impossible ones") {
  size_t files = 0, dates = 0, bytes = 0;
  std::vector<DateProblem> problems;
  double seconds = 0;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(corpus_dir() / "statutes-zh")) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    const std::string text = read_file(e.path());
    const auto start = std::chrono::steady_clock::now();
    dates += extract_dates(text, "", &problems).size();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bytes += text.size();
    ++files;
  }
  MESSAGE(files << " statute files, " << bytes << " bytes: " << dates << " dates, "
                << problems.size() << " problems, " << seconds
                << " s in extract_dates (this build)");
  if (regkg::test::full_corpus_available()) {
    CHECK(files == 1511);
    CHECK(dates > 4500);  // 4,754 when written: header lines and 施行 articles
  } else {
    CHECK(files == regkg::test::embedded_file_count("statutes-zh/"));
    CHECK(dates > 300);  // 358 on the embedded corpus when written
  }
  for (const DateProblem& p : problems) MESSAGE("problem: " << p.text << ": " << p.message);
  CHECK(problems.empty());
}

TEST_CASE("date: precision and recall on the hand-annotated gold set (tests/gold/dates.json)") {
  const std::string json = read_file(std::string(REGKG_SOURCE_DIR) + "/tests/gold/dates.json");
  rapidjson::Document gold;
  gold.Parse(json.data(), json.size());
  REQUIRE_FALSE(gold.HasParseError());
  REQUIRE(gold.HasMember("documents"));

  size_t documents = 0, gold_count = 0, extracted_count = 0, matched = 0, type_agree = 0;
  std::map<std::string, NewsItem> news_cache;
  for (const auto& doc : gold["documents"].GetArray()) {
    const std::string source = doc["source"].GetString();
    const std::string part = doc["text_part"].GetString();
    const std::string context = doc["context_date"].GetString();
    const int article = doc["article"].GetInt();
    CAPTURE(source);
    CAPTURE(article);
    std::string text;
    if ((part == "body" || part == "title+excerpt") && !regkg::test::full_corpus_available()) {
      // The embedded corpus has regkg's own news records, not the publishers' text the gold was
      // annotated on: those documents are left out and the figures are over the rest.
      MESSAGE("left out on the embedded corpus (publisher text): " << source);
      continue;
    }
    if (part == "body" || part == "title+excerpt") {
      const NewsItem n = news(source);
      CHECK(n.date == context);  // the context is the item's own date (publishedDateTime, UTC)
      text = part == "body" ? n.body : feed_text(n);
    } else if (part == "article") {
      text = source == kGenAiArticles ? genai_article(article) : statute_article(source, article);
    } else if (part == "header") {
      text = statute_header(source);
    } else {
      FAIL("unknown text_part " << part);
    }
    ++documents;

    // Multiset matching on (date, precision).
    std::vector<std::pair<std::string, std::string>> want;
    std::vector<std::string> want_type;
    for (const auto& d : doc["dates"].GetArray()) {
      want.emplace_back(d["date"].GetString(), d["precision"].GetString());
      want_type.emplace_back(d["type"].GetString());
    }
    std::vector<bool> used(want.size(), false);
    const std::vector<DateMention> got = extract_dates(text, context);
    for (const DateMention& m : got) {
      bool hit = false;
      for (size_t i = 0; i < want.size() && !hit; ++i) {
        if (used[i] || want[i].first != m.date || want[i].second != m.precision) continue;
        used[i] = hit = true;
        if (want_type[i] == m.type_hint) ++type_agree;
      }
      if (hit) {
        ++matched;
      } else {
        MESSAGE("extra: " << source << " [" << article << "] " << m.date << " '" << m.text << "'");
      }
    }
    for (size_t i = 0; i < want.size(); ++i) {
      if (!used[i]) MESSAGE("missed: " << source << " [" << article << "] " << want[i].first);
    }
    gold_count += want.size();
    extracted_count += got.size();
  }
  const double precision = extracted_count ? static_cast<double>(matched) / extracted_count : 1.0;
  const double recall = gold_count ? static_cast<double>(matched) / gold_count : 1.0;
  MESSAGE("dates gold: " << documents << " documents, " << gold_count << " dates; extracted "
                         << extracted_count << ", matched " << matched << "; precision "
                         << precision << ", recall " << recall << "; type hint agrees on "
                         << type_agree << " of " << matched);
  // News documents (1 seed + 23 feed items) are left out on the embedded corpus; the 59 statute
  // and Compass documents (headers and articles) hold only 4 dates, so recall there says little.
  CHECK(documents >= (regkg::test::full_corpus_available() ? 1 + 13 + 10 + 24 + 35 : 59));
  CHECK(precision >= 0.95);
  CHECK(recall >= 0.85);
}
