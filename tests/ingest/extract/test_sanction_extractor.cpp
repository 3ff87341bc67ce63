// The sanction extractor: amounts, table cases on real liability articles, odd input, and the
// evaluation on the blind gold set tests/gold/sanctions.json (annotated from the texts and
// tests/gold/CONVENTIONS-blind.md part B only). Prints precision and recall of the clauses, of
// the enforced-provision links, of the fine amounts, of the measures and of the authority; the
// floors are this commit's figures, so a regression fails (BENCHMARKS.md, "Extraction quality").
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/extract/sanction_extractor.h"
#include "ingest/sources/diagnostics.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg::ingest;
using regkg::test::corpus_dir;
using regkg::test::read_file;

namespace {

// Article number ("12", "12-1") -> text (paragraphs joined by '\n'), per corpus file.
const std::map<std::string, std::string>& sanction_article_texts(const std::string& rel) {
  static std::map<std::string, std::map<std::string, std::string>> cache;
  if (auto it = cache.find(rel); it != cache.end()) return it->second;
  std::map<std::string, std::string> out;
  const std::string bytes = read_file(corpus_dir() / fs::u8path(rel));
  if (rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".json") == 0) {
    // Compass articles: "articleNumber" and "paragraphs".
    rapidjson::Document doc;
    doc.Parse(bytes.data(), bytes.size());
    REQUIRE_FALSE(doc.HasParseError());
    for (const auto& a : doc.GetArray()) {
      std::string t;
      for (const auto& p : a["paragraphs"].GetArray()) {
        if (!t.empty()) t += '\n';
        t += p.GetString();
      }
      out[a["articleNumber"].GetString()] = t;
    }
  } else {
    Diagnostics diags;
    const ParsedStatute s = parse_statute_markdown(rel, bytes, diags);
    for (const auto& a : s.articles) {
      std::string t;
      for (const auto& p : a.paragraphs) {
        if (!t.empty()) t += '\n';
        t += p.text;
      }
      out[a.sub_number ? std::to_string(a.number) + "-" + std::to_string(a.sub_number)
                       : std::to_string(a.number)] = t;
    }
  }
  return cache[rel] = out;
}

const std::string& sanction_article(const std::string& rel, const std::string& number) {
  const auto& texts = sanction_article_texts(rel);
  auto it = texts.find(number);
  REQUIRE_MESSAGE(it != texts.end(), rel << " article " << number);
  return it->second;
}

const char* const kPipl = "statutes-zh/行政法/个人信息保护法(2021-08-20).md";
const char* const kDsl = "statutes-zh/行政法/数据安全法(2021-06-10).md";
const char* const kCsl2016 = "statutes-zh/行政法/网络安全法(2016-11-07).md";
const char* const kEcommerce = "statutes-zh/民法商法/电子商务法(2018-08-31).md";
const char* const kMeasures = "compass/cn-generative-ai-measures-articles.json";

std::set<std::string> measure_set(const Sanction& s) {
  return {s.measures.begin(), s.measures.end()};
}

// "27,29,30", "whole", "preceding_paragraph": the enforced provisions, each once, in order
// (第二十二条第一款、第二款 is 22 once).
std::string enforced_summary(const Sanction& s) {
  std::vector<std::string> items;
  for (const EnforcedProvision& e : s.enforces) {
    std::string item;
    switch (e.kind) {
      case EnforcedProvision::Kind::article:
        item = std::to_string(e.article);
        break;
      case EnforcedProvision::Kind::whole:
        item = "whole";
        break;
      case EnforcedProvision::Kind::preceding_paragraph:
        item = "preceding_paragraph";
        break;
      case EnforcedProvision::Kind::preceding_article:
        item = "preceding_article";
        break;
      case EnforcedProvision::Kind::other_instrument:
        item = "《" + e.text + "》";
        break;
    }
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  }
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

}  // namespace

TEST_CASE("sanctions: amounts in Chinese and Arabic numerals") {
  const std::vector<std::pair<const char*, long long>> table = {
      {"五十", 50},         {"五十万", 500000},   {"一百万", 1000000}, {"一千万", 10000000},
      {"五千万", 50000000}, {"十万", 100000},     {"二百", 200},       {"1万", 10000},
      {"10万", 100000},     {"5000万", 50000000}, {"三万二千", 32000}, {"五千", 5000},
      {"一亿", 100000000},  {"两万", 20000},      {"100", 100},
  };
  for (const auto& [text, value] : table) {
    CAPTURE(text);
    auto v = parse_chinese_amount(text);
    REQUIRE(v.has_value());
    CHECK(*v == value);
  }
  for (const char* bad : {"", "万", "元", "abc", "一百万万万万万万万万万万万万万万万"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_chinese_amount(bad).has_value());
  }
}

TEST_CASE("sanctions: real liability articles") {
  SUBCASE("PIPL Art. 66: two tiers in paragraph 1, the serious tier in paragraph 2") {
    const auto s = extract_sanctions_zh(sanction_article(kPipl, "66"));
    REQUIRE(s.size() == 3);
    CHECK(s[0].authority == "履行个人信息保护职责的部门");
    CHECK(measure_set(s[0]) == std::set<std::string>{"order_to_rectify", "warning", "confiscation",
                                                     "service_termination"});
    CHECK(enforced_summary(s[0]) == "whole");
    // 拒不改正的，并处一百万元以下罚款；对直接负责的主管人员…处一万元以上十万元以下罚款
    CHECK(s[1].condition == "拒不改正的");
    CHECK(s[1].authority == "履行个人信息保护职责的部门");  // carried within the paragraph
    CHECK_FALSE(s[1].fine.min_yuan.has_value());
    CHECK(s[1].fine.max_yuan == 1000000);
    CHECK(s[1].fine_responsible_persons.min_yuan == 10000);
    CHECK(s[1].fine_responsible_persons.max_yuan == 100000);
    // 五千万元以下或者上一年度营业额百分之五以下罚款
    CHECK(s[2].authority == "省级以上履行个人信息保护职责的部门");
    CHECK(s[2].condition == "情节严重的");
    CHECK(s[2].fine.max_yuan == 50000000);
    CHECK(s[2].fine.percent_max == 5);
    CHECK(s[2].fine.percent_of == "previous_year_turnover");
    CHECK(s[2].fine_responsible_persons.max_yuan == 1000000);
    CHECK(measure_set(s[2]).count("ban_from_office") == 1);
    CHECK(measure_set(s[2]).count("licence_revocation") == 1);
    CHECK(enforced_summary(s[2]) == "preceding_paragraph");
    CHECK(s[2].targets.whole);  // 前款 resolved: paragraph 1 enforces the whole law
    CHECK(s[2].paragraph == 2);
  }
  SUBCASE("DSL Art. 45: 第二十七条、第二十九条、第三十条; a new violation in paragraph 2") {
    const auto s = extract_sanctions_zh(sanction_article(kDsl, "45"));
    REQUIRE(s.size() == 4);
    CHECK(s[0].authority == "有关主管部门");
    CHECK(enforced_summary(s[0]) == "27,29,30");
    CHECK(s[0].fine.min_yuan == 50000);
    CHECK(s[0].fine.max_yuan == 500000);
    CHECK(s[1].condition == "拒不改正或者造成大量数据泄露等严重后果的");
    CHECK(enforced_summary(s[1]) == "27,29,30");  // the escalation keeps the trigger
    CHECK(s[1].fine.min_yuan == 500000);
    CHECK(s[1].fine.max_yuan == 2000000);
    CHECK(s[1].fine_responsible_persons.max_yuan == 200000);
    // 违反国家核心数据管理制度… cites no provision of the law.
    CHECK(enforced_summary(s[2]) == "");
    CHECK(s[2].fine.min_yuan == 2000000);
    CHECK(s[2].fine.max_yuan == 10000000);
    CHECK(measure_set(s[3]) == std::set<std::string>{"criminal_liability"});
    CHECK(s[3].authority == "");  // no authority carried to criminal liability
  }
  SUBCASE("CSL 2016 Art. 64: multiples of illegal income, 第四十一条至第四十三条 expanded") {
    const auto s = extract_sanctions_zh(sanction_article(kCsl2016, "64"));
    REQUIRE(s.size() == 3);
    CHECK(enforced_summary(s[0]) == "22,41,42,43");
    CHECK(s[0].fine.multiple_min == 1);
    CHECK(s[0].fine.multiple_max == 10);
    CHECK(s[0].fine.multiple_of == "illegal_income");
    CHECK(s[0].fine.max_yuan == 1000000);  // 没有违法所得的，处一百万元以下罚款
    CHECK(s[1].condition == "情节严重的");
    CHECK(measure_set(s[1]) == std::set<std::string>{"suspension", "licence_revocation"});
    CHECK(s[2].authority == "公安机关");
    CHECK(enforced_summary(s[2]) == "44");
  }
  SUBCASE("E-commerce Law Art. 76: 违反本法规定 with items; a referral; 违反前款规定") {
    const auto s = extract_sanctions_zh(sanction_article(kEcommerce, "76"));
    REQUIRE(s.size() == 3);
    CHECK(s[0].authority == "市场监督管理部门");
    CHECK(s[0].fine.max_yuan == 10000);
    CHECK(enforced_summary(s[0]) == "whole");
    // 对其中的电子商务平台经营者，依照本法第八十一条第一款的规定处罚: a referral, not enforced.
    CHECK(measure_set(s[1]) == std::set<std::string>{"other"});
    CHECK(enforced_summary(s[1]) == "whole");
    CHECK(enforced_summary(s[2]) == "preceding_paragraph");
    CHECK(s[2].fine.min_yuan == 20000);
    CHECK(s[2].fine.max_yuan == 100000);
  }
  SUBCASE("Generative AI Measures Art. 21: referral, subsidiary tier, escalation, paragraph 2") {
    const auto s = extract_sanctions_zh(sanction_article(kMeasures, "21"));
    REQUIRE(s.size() == 5);
    CHECK(s[0].authority == "有关主管部门");
    CHECK(measure_set(s[0]) == std::set<std::string>{"other"});
    CHECK(enforced_summary(s[0]) == "whole");
    CHECK(measure_set(s[1]) == std::set<std::string>{"warning", "other", "order_to_rectify"});
    CHECK(s[2].condition == "拒不改正或者情节严重的");
    CHECK(measure_set(s[2]) == std::set<std::string>{"suspension"});
    CHECK(s[2].authority == "有关主管部门");
    // Paragraph 2 (构成违反治安管理行为的…) continues the violation of paragraph 1.
    CHECK(enforced_summary(s[3]) == "whole");
    CHECK(s[3].authority == "");
    CHECK(measure_set(s[4]) == std::set<std::string>{"criminal_liability"});
  }
  SUBCASE("an article that sets no sanction gives none") {
    CHECK(extract_sanctions_zh(sanction_article(kPipl, "13")).empty());
    CHECK(extract_sanctions_zh(sanction_article(kDsl, "44")).empty());  // 约谈, not a penalty
  }
}

TEST_CASE("sanctions: the conventions settled after the held-out set (CONVENTIONS-blind.md)") {
  if (regkg::test::skip_without_full_corpus("laws outside the embedded corpus")) return;
  // 工业产品生产许可证管理条例 2023, Art. 45: "处违法生产产品货值金额等值以上3倍以下的罚款；有违法
  // 所得的，没收违法所得" -> one clause, multiple 1-3 of the goods' value, with the confiscation.
  const char* kLicence = "statutes-zh/行政法规/工业产品生产许可证管理条例(2023-07-20).md";
  auto s = extract_sanctions_zh(sanction_article(kLicence, "45"));
  REQUIRE_FALSE(s.empty());
  CHECK(s[0].fine.multiple_min == 1);
  CHECK(s[0].fine.multiple_max == 3);
  CHECK(s[0].fine.multiple_of == "goods_value");
  CHECK(measure_set(s[0]).count("confiscation") == 1);
  for (const auto& c : s) CHECK(measure_set(c) != std::set<std::string>{"confiscation"});
  // 出口管制法 Art. 34: 违法经营额 is the basis; the fallback for no or little turnover is the
  // same fine (its yuan range).
  s = extract_sanctions_zh(sanction_article("statutes-zh/经济法/出口管制法(2020-10-17).md", "34"));
  REQUIRE_FALSE(s.empty());
  CHECK(s[0].fine.multiple_min == 5);
  CHECK(s[0].fine.multiple_max == 10);
  CHECK(s[0].fine.multiple_of == "illegal_turnover");
  CHECK(s[0].fine.min_yuan == 500000);
  CHECK(s[0].fine.max_yuan == 5000000);
  // A rule of competence says who imposes other articles' sanctions: not a clause.
  CHECK(extract_sanctions_zh("本法规定的吊销营业执照的行政处罚由工商行政管理部门决定。").empty());
  // Civil damages are clauses (civil_liability, no fine); a right to claim them is not.
  s = extract_sanctions_zh(
      "经营者提供商品或者服务有欺诈行为的，应当按照消费者的要求增加赔偿其受到的损失，增加赔偿的"
      "金额为消费者购买商品的价款或者接受服务的费用的三倍。");
  REQUIRE(s.size() == 1);
  CHECK(measure_set(s[0]) == std::set<std::string>{"civil_liability"});
  CHECK_FALSE(s[0].fine.any());
  CHECK(extract_sanctions_zh("消费者可以要求赔偿。").empty());
  // References inside an exception are not enforced.
  s = extract_sanctions_zh(
      "经营者有下列情形之一，除本法另有规定外，由市场监督管理部门责令改正，处十万元以下的罚款：");
  REQUIRE(s.size() == 1);
  CHECK(s[0].enforces.empty());
}

TEST_CASE("sanctions: odd input never throws") {
  const std::vector<std::string> odd = {
      "",
      "由",
      "罚款",
      "处罚款",
      "处万元以下罚款",
      "由；由。由，",
      "违反本法第条规定的，由部门处罚款",
      std::string("\xFF\xFE罚款", 8),
      "处一百万万万万万万万万万万万万万万万万万万万万万万元以下罚款",
      "处百分之罚款；处倍以上倍以下罚款",
      "（一）由有关主管部门处五万元罚款",
      std::string(5000, '\n') + "由有关主管部门责令改正",
      "违反前款规定的，由有关主管部门给予警告",
  };
  for (const auto& t : odd) {
    CAPTURE(t.size());
    std::vector<Sanction> s;
    CHECK_NOTHROW(s = extract_sanctions_zh(t));
    for (const auto& c : s) {
      CHECK(c.begin <= c.end);
      CHECK(c.end <= t.size());
    }
  }
}

// ---- the blind gold set -------------------------------------------------------------------------

namespace {

struct SanctionPR {
  int gold = 0, extracted = 0, true_positive = 0;
  double precision() const { return extracted ? double(true_positive) / extracted : 1; }
  double recall() const { return gold ? double(true_positive) / gold : 1; }
};

void print_pr(const char* name, const SanctionPR& f) {
  std::printf("%-34s gold %3d  extracted %3d  right %3d  precision %.3f  recall %.3f\n", name,
              f.gold, f.extracted, f.true_positive, f.precision(), f.recall());
}

std::set<std::string> gold_links(const rapidjson::Value& c) {
  std::set<std::string> out;
  for (const auto& e : c["enforces"].GetArray()) {
    if (e.HasMember("article")) out.insert("art:" + std::to_string(e["article"].GetInt()));
    if (e.HasMember("whole")) out.insert("whole");
    if (e.HasMember("preceding_paragraph")) out.insert("preceding_paragraph");
    if (e.HasMember("preceding_article")) out.insert("preceding_article");
    if (e.HasMember("other_instrument"))
      out.insert(std::string("inst:") + e["other_instrument"].GetString());
  }
  return out;
}

std::set<std::string> extracted_links(const Sanction& s) {
  std::set<std::string> out;
  for (const auto& e : s.enforces) {
    switch (e.kind) {
      case EnforcedProvision::Kind::article:
        out.insert("art:" + std::to_string(e.article));
        break;
      case EnforcedProvision::Kind::whole:
        out.insert("whole");
        break;
      case EnforcedProvision::Kind::preceding_paragraph:
        out.insert("preceding_paragraph");
        break;
      case EnforcedProvision::Kind::preceding_article:
        out.insert("preceding_article");
        break;
      case EnforcedProvision::Kind::other_instrument:
        out.insert("inst:《" + e.text + "》");
        break;
    }
  }
  return out;
}

// Amount facts of one fine object ("fine.max=1000000", "fine.of=illegal_income" …).
void gold_fine_facts(const rapidjson::Value& c, const char* name, std::set<std::string>& out) {
  if (!c.HasMember(name) || !c[name].IsObject()) return;
  const auto& f = c[name];
  for (const char* k :
       {"min", "max", "multiple_min", "multiple_max", "percent_min", "percent_max"}) {
    if (!f.HasMember(k) || !f[k].IsNumber()) continue;
    const double v = f[k].GetDouble();
    std::string key = k;
    long long whole = static_cast<long long>(v);
    if (static_cast<double>(whole) != v) {
      // A fractional multiple (百分之五十 annotated as multiple 0.5) is the extractor's percent.
      REQUIRE_MESSAGE(key.rfind("multiple_", 0) == 0, "fractional amount in gold: " << k);
      key = "percent_" + key.substr(std::string("multiple_").size());
      whole = static_cast<long long>(v * 100 + 0.5);
    }
    out.insert(std::string(name) + "." + key + "=" + std::to_string(whole));
  }
  if (f.HasMember("of") && f["of"].IsString())
    out.insert(std::string(name) + ".of=" + f["of"].GetString());
}

void extracted_fine_facts(const SanctionFine& f, const char* name, std::set<std::string>& out) {
  auto put = [&](const char* k, const std::optional<long long>& v) {
    if (v) out.insert(std::string(name) + "." + k + "=" + std::to_string(*v));
  };
  put("min", f.min_yuan);
  put("max", f.max_yuan);
  put("multiple_min", f.multiple_min);
  put("multiple_max", f.multiple_max);
  put("percent_min", f.percent_min);
  put("percent_max", f.percent_max);
  if (f.multiple_min || f.multiple_max)
    out.insert(std::string(name) + ".of=" + f.multiple_of);
  else if (f.percent_min || f.percent_max)
    out.insert(std::string(name) + ".of=" + f.percent_of);
}

struct SanctionGoldFigures {
  SanctionPR clauses, links, fines, measures, authority;
  int conditions_right = 0;
};

// Adds |gold ∩ extracted| etc. for one pair (either side may be absent: empty set).
void count_sets(SanctionPR& pr, const std::set<std::string>& g, const std::set<std::string>& e,
                bool matched) {
  pr.gold += static_cast<int>(g.size());
  pr.extracted += static_cast<int>(e.size());
  if (!matched) return;
  for (const auto& x : g) pr.true_positive += static_cast<int>(e.count(x));
}

SanctionGoldFigures evaluate_sanction_gold(const char* gold_file,
                                           std::vector<std::string>* errors) {
  rapidjson::Document doc;
  const std::string json = read_file(fs::path(REGKG_SOURCE_DIR) / "tests/gold" / gold_file);
  doc.Parse(json.data(), json.size());
  REQUIRE_FALSE(doc.HasParseError());
  SanctionGoldFigures f;
  for (const auto& d : doc["documents"].GetArray()) {
    const std::string source = d["source"].GetString();
    const std::string article =
        d["article"].IsInt() ? std::to_string(d["article"].GetInt()) : d["article"].GetString();
    const std::string& text = sanction_article(source, article);
    const auto extracted = extract_sanctions_zh(text);
    std::set<size_t> used;
    std::string where = source.substr(source.rfind('/') + 1) + " art " + article;
    for (const auto& g : d["sanctions"].GetArray()) {
      const std::string key = g["key"].GetString();
      const size_t key_at = text.find(key);
      REQUIRE_MESSAGE(key_at != std::string::npos, where << " key " << key);
      size_t best = extracted.size();
      for (size_t i = 0; i < extracted.size() && best == extracted.size(); ++i)
        if (!used.count(i) && extracted[i].begin <= key_at &&
            key_at + key.size() <= extracted[i].end)
          best = i;
      const bool matched = best < extracted.size();
      ++f.clauses.gold;
      std::set<std::string> gm, gf, ga;
      for (const auto& m : g["measures"].GetArray()) gm.insert(m.GetString());
      gold_fine_facts(g, "fine", gf);
      gold_fine_facts(g, "fine_responsible_persons", gf);
      if (g["authority"].GetStringLength() > 0) ga.insert(g["authority"].GetString());
      const std::set<std::string> gl = gold_links(g);
      if (!matched) {
        count_sets(f.links, gl, {}, false);
        count_sets(f.fines, gf, {}, false);
        count_sets(f.measures, gm, {}, false);
        count_sets(f.authority, ga, {}, false);
        if (errors) errors->push_back("missed     " + where + " " + key);
        continue;
      }
      used.insert(best);
      ++f.clauses.true_positive;
      const Sanction& s = extracted[best];
      std::set<std::string> ef, ea;
      extracted_fine_facts(s.fine, "fine", ef);
      extracted_fine_facts(s.fine_responsible_persons, "fine_responsible_persons", ef);
      if (!s.authority.empty()) ea.insert(s.authority);
      const std::set<std::string> el = extracted_links(s), em = measure_set(s);
      count_sets(f.links, gl, el, true);
      count_sets(f.fines, gf, ef, true);
      count_sets(f.measures, gm, em, true);
      count_sets(f.authority, ga, ea, true);
      if (s.condition == g["condition"].GetString()) ++f.conditions_right;
      if (!errors) continue;
      auto diff = [&](const char* what, const std::set<std::string>& gs,
                      const std::set<std::string>& es) {
        if (gs == es) return;
        std::string line = std::string(what) + " " + where + " " + key + ": gold {";
        for (const auto& x : gs) line += x + " ";
        line += "} extracted {";
        for (const auto& x : es) line += x + " ";
        errors->push_back(line + "}");
      };
      diff("links     ", gl, el);
      diff("fines     ", gf, ef);
      diff("measures  ", gm, em);
      diff("authority ", ga, ea);
      if (s.condition != g["condition"].GetString())
        errors->push_back("condition  " + where + " " + key + ": gold '" +
                          g["condition"].GetString() + "' extracted '" + s.condition + "'");
    }
    // Extracted clauses that match no gold clause count against precision.
    for (size_t i = 0; i < extracted.size(); ++i) {
      ++f.clauses.extracted;
      if (used.count(i)) continue;
      const Sanction& s = extracted[i];
      std::set<std::string> ef, ea;
      extracted_fine_facts(s.fine, "fine", ef);
      extracted_fine_facts(s.fine_responsible_persons, "fine_responsible_persons", ef);
      if (!s.authority.empty()) ea.insert(s.authority);
      count_sets(f.links, {}, extracted_links(s), false);
      count_sets(f.fines, {}, ef, false);
      count_sets(f.measures, {}, measure_set(s), false);
      count_sets(f.authority, {}, ea, false);
      if (errors)
        errors->push_back("invented   " + where + " " +
                          text.substr(s.begin, std::min<size_t>(90, s.end - s.begin)));
    }
  }
  return f;
}

// The rows of one set's figures, each label after `prefix`.
void print_figures(const std::string& prefix, const SanctionGoldFigures& f) {
  print_pr((prefix + "sanction clauses").c_str(), f.clauses);
  print_pr((prefix + "(a) enforced-provision links").c_str(), f.links);
  print_pr((prefix + "(b) fine amounts").c_str(), f.fines);
  print_pr((prefix + "(c) measures").c_str(), f.measures);
  print_pr((prefix + "(d) authority").c_str(), f.authority);
  std::printf("%scondition right on found clauses   %d / %d\n", prefix.c_str(), f.conditions_right,
              f.clauses.true_positive);
}

}  // namespace

TEST_CASE("sanction extractor: the blind gold set") {
  std::vector<std::string> errors;
  const SanctionGoldFigures f = evaluate_sanction_gold("sanctions.json", &errors);
  print_figures("", f);
  if (std::getenv("REGKG_GOLD_ERRORS"))
    for (const auto& e : errors) std::cout << e << '\n';
  // Held out (annotated 2026-12-07 on five other laws, committed before the extractor first ran
  // on it): figures only, its errors are never printed and no rule is written from it. Two of its
  // laws are not in the embedded corpus a fresh clone has: measured with the full corpus only.
  if (regkg::test::full_corpus_available()) {
    const SanctionGoldFigures h = evaluate_sanction_gold("sanctions_heldout.json", nullptr);
    print_figures("held out: ", h);
    CHECK(h.clauses.gold == 120);
    // Floors, rounded down, so that a change made for the tuned set cannot silently cost the
    // unseen laws. First figures: clauses P 0.870 R 0.833, links P 0.741 R 0.811; after the
    // conventions settled in CONVENTIONS-blind.md part B: clauses P 0.955 R 0.875, links P 0.797
    // R 0.887 (fine amounts fell, 0.829/0.741 -> 0.792/0.718).
    CHECK(h.clauses.recall() >= 0.87);
    CHECK(h.clauses.precision() >= 0.95);
    CHECK(h.links.recall() >= 0.88);
    CHECK(h.links.precision() >= 0.79);
  } else {
    std::printf("held-out sanction set: not measured (needs the full corpus)\n");
  }
  CHECK(f.clauses.gold == 146);
  // Floors: this commit's figures, rounded down (BENCHMARKS.md, "Extraction quality"). The rules
  // were written after reading this set, so these are training-set figures.
  CHECK(f.clauses.recall() >= 0.99);
  CHECK(f.clauses.precision() >= 0.99);
  CHECK(f.links.recall() >= 0.99);
  CHECK(f.links.precision() >= 0.99);
  CHECK(f.fines.recall() >= 0.99);
  CHECK(f.fines.precision() >= 0.99);
  CHECK(f.measures.recall() >= 0.99);
  CHECK(f.measures.precision() >= 0.99);
  CHECK(f.authority.recall() >= 0.99);
  CHECK(f.authority.precision() >= 0.99);
}
