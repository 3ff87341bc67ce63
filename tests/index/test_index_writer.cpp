// Golden index test (Omega omindexcheck style): exact terms and value slots of one document.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <xapian.h>

#include "index/index_schema.h"
#include "index/index_writer.h"
#include "index/search_document.h"
#include "tests/test_support.h"

using namespace regkg::index;

namespace {

SearchDocument genai_article() {
  SearchDocument d;
  d.id = "cn/generative-ai-measures@2023-07-10/art-17";
  d.kind = "article";
  d.title = "第十七条 Interim Measures Article 17";
  d.instrument_id = "cn/generative-ai-measures";
  d.instrument_title = "生成式人工智能服务管理暂行办法";
  d.version_id = "cn/generative-ai-measures@2023-07-10";
  d.article_label = "第十七条";
  d.date = "2023-07-10";
  d.jurisdiction = "cn";
  d.issuers = {"cac"};
  d.text_zh = "提供者应当开展安全评估";
  d.text_en = "Providers shall carry out a security assessment";
  return d;
}

std::set<std::string> all_terms(const Xapian::Document& doc) {
  std::set<std::string> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) terms.insert(*t);
  return terms;
}

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

// Boolean (filter) terms: those starting with Q or X (our capital prefixes other than S and Z).
std::set<std::string> boolean_terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (const auto& t : all_terms(doc))
    if (!t.empty() && (t[0] == 'Q' || t[0] == 'X')) out.insert(t);
  return out;
}

bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("golden: boolean terms of a bilingual article are exactly the expected ones") {
    auto gen = IndexWriter::make_term_generator();
    Xapian::Document doc = IndexWriter::make_document(genai_article(), gen);
    const std::set<std::string> expected = {
        "Qcn/generative-ai-measures@2023-07-10/art-17",
        "XKarticle",
        "XIcn/generative-ai-measures",
        "XVcn/generative-ai-measures@2023-07-10",
        "XJcn",
        "XLzh",
        "XLen",
        "XScac",
        "XY2023",
    };
    CHECK(boolean_terms(doc) == expected);
    // Boolean terms carry no within-document frequency (they must not affect ranking).
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      if (expected.count(*t)) CHECK_MESSAGE(t.get_wdf() == 0, *t);
  }

  TEST_CASE("golden: CJK text is indexed as unigrams and bigrams / never stemmed") {
    auto gen = IndexWriter::make_term_generator();
    const auto terms = all_terms(IndexWriter::make_document(genai_article(), gen));
    for (const char* t : {"安全", "评估", "安", "全", "评", "估", "提供", "应当", "开展", "全评"}) {
      CAPTURE(t);
      CHECK(terms.count(t) == 1);
    }
    // No trigrams or whole words beyond bigrams.
    CHECK(terms.count("安全评") == 0);
    CHECK(terms.count("安全评估") == 0);
    CHECK(terms.count("提供者") == 0);
    // Nothing in the Z (stemmed) space comes from CJK text.
    CHECK(terms.count("Z安全") == 0);
    CHECK(terms.count("Z安") == 0);
    CHECK(terms.count("Z评估") == 0);
    for (const auto& t : terms)
      if (!t.empty() && t[0] == 'Z')
        for (char c : t)
          CHECK_MESSAGE(static_cast<unsigned char>(c) < 0x80, "non-ASCII Z term: " << t);
  }

  TEST_CASE("golden: English text gives stemmed Z terms and unstemmed words") {
    auto gen = IndexWriter::make_term_generator();
    const auto terms = all_terms(IndexWriter::make_document(genai_article(), gen));
    for (const char* t : {"Zsecur", "Zassess", "Zprovid", "Zcarri", "security", "assessment",
                          "providers", "carry"}) {
      CAPTURE(t);
      CHECK(terms.count(t) == 1);
    }
    // Case is folded; unstemmed capitalised forms are never stored.
    CHECK(terms.count("Providers") == 0);
    CHECK(terms.count("Zsecurity") == 0);
  }

  TEST_CASE("golden: title words get the S prefix / English title words are also stemmed") {
    auto gen = IndexWriter::make_term_generator();
    Xapian::Document doc = IndexWriter::make_document(genai_article(), gen);
    const auto terms = all_terms(doc);
    for (const char* t : {"Sinterim", "Smeasures", "Sarticle", "S17", "S第", "S第十", "S十七",
                          "S七条", "ZSinterim", "ZSmeasur"}) {
      CAPTURE(t);
      CHECK(terms.count(t) == 1);
    }
    // Title words are also searchable without prefix, with a higher weight (wdf 2).
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if (*t == "interim" || *t == "第十") CHECK_MESSAGE(t.get_wdf() == 2, *t);
    }
    CHECK(terms.count("interim") == 1);
    CHECK(terms.count("Zinterim") == 1);
    // CJK title n-grams are never stemmed (regression: titles were once indexed unstemmed, so
    // title:management found nothing; the fix must not store CJK twice).
    CHECK(terms.count("ZS第十") == 0);
    CHECK(terms.count("Z第十") == 0);
    // Body text is not title text.
    CHECK(terms.count("Ssecurity") == 0);
    CHECK(terms.count("S安全") == 0);
  }

  TEST_CASE(
      "golden: value slots are exactly date / kind / instrument / jurisdiction / year / node id / "
      "collapse key / in force / specific") {
    auto gen = IndexWriter::make_term_generator();
    Xapian::Document doc = IndexWriter::make_document(genai_article(), gen);
    CHECK(doc.get_value(slot::kDate) == "20230710");
    CHECK(doc.get_value(slot::kKind) == "article");
    CHECK(doc.get_value(slot::kInstrument) == "cn/generative-ai-measures");
    CHECK(doc.get_value(slot::kJurisdiction) == "cn");
    CHECK(doc.get_value(slot::kYear) == "2023");
    // The schema's slot numbers themselves are part of the on-disk format.
    CHECK(slot::kDate == 0);
    CHECK(slot::kKind == 1);
    CHECK(slot::kInstrument == 2);
    CHECK(slot::kJurisdiction == 3);
    CHECK(slot::kYear == 4);
    CHECK(slot::kNodeId == 8);
    CHECK(slot::kCollapse == 9);
    CHECK(slot::kInForce == 10);
    CHECK(slot::kSpecific == 12);
    CHECK(doc.get_value(slot::kNodeId) == "cn/generative-ai-measures@2023-07-10/art-17");
    // The collapse key: the instrument, a unit separator and 16 hex digits of the texts' hash.
    const std::string key = doc.get_value(slot::kCollapse);
    CHECK(key.rfind("cn/generative-ai-measures\x1f", 0) == 0);
    CHECK(key.size() == std::string("cn/generative-ai-measures").size() + 1 + 16);
    // Ranking signals: in force and not a definitions article (1 each).
    CHECK(Xapian::sortable_unserialise(doc.get_value(slot::kInForce)) == 1.0);
    CHECK(Xapian::sortable_unserialise(doc.get_value(slot::kSpecific)) == 1.0);
    CHECK(doc.get_value(11).empty());  // unused
    CHECK(doc.values_count() == 9);
  }

  TEST_CASE("golden: the collapse key is the same for the same text in another version only") {
    auto gen = IndexWriter::make_term_generator();
    SearchDocument a = genai_article();
    SearchDocument b = genai_article();
    b.id = "cn/generative-ai-measures@2025-01-01/art-17";
    b.version_id = "cn/generative-ai-measures@2025-01-01";
    b.text_zh = "提供者应当开展安全评估。";  // punctuation and spacing do not count
    b.text_en = "Providers shall carry out a  security assessment.";
    b.in_force = false;
    SearchDocument c = genai_article();
    c.text_zh = "提供者应当开展安全评估和备案";
    SearchDocument other_law = genai_article();
    other_law.instrument_id = "cn/pipl";
    const auto key = [&gen](const SearchDocument& d) {
      return IndexWriter::make_document(d, gen).get_value(slot::kCollapse);
    };
    CHECK(key(a) == key(b));
    CHECK(key(a) != key(c));
    CHECK(key(a) != key(other_law));
    // A superseded version has no in-force value; a definitions article no "specific" value.
    SearchDocument defs = genai_article();
    defs.definitions = true;
    CHECK(IndexWriter::make_document(b, gen).get_value(slot::kInForce).empty());
    const Xapian::Document d = IndexWriter::make_document(defs, gen);
    CHECK(d.get_value(slot::kSpecific).empty());
  }

  TEST_CASE("golden: aligned English is searchable but not stored in the document data") {
    auto gen = IndexWriter::make_term_generator();
    SearchDocument d = genai_article();
    d.text_en.clear();
    d.text_en_aligned = "Network operators shall require users to provide real identity";
    const Xapian::Document doc = IndexWriter::make_document(d, gen);
    const auto terms = all_terms(doc);
    CHECK(terms.count("Zrequir") == 1);
    CHECK(terms.count("identity") == 1);
    CHECK(terms.count("operators") == 1);
    CHECK(doc.get_data().find("identity") == std::string::npos);
  }

  TEST_CASE("golden: document data is JSON holding the fields the Searcher shows") {
    auto gen = IndexWriter::make_term_generator();
    Xapian::Document doc = IndexWriter::make_document(genai_article(), gen);
    const std::string data = doc.get_data();
    rapidjson::Document json;
    json.Parse(data.data(), data.size());
    REQUIRE_FALSE(json.HasParseError());
    REQUIRE(json.IsObject());
    auto str = [&json](const char* key) {
      REQUIRE(json.HasMember(key));
      return std::string(json[key].GetString(), json[key].GetStringLength());
    };
    CHECK(str("id") == "cn/generative-ai-measures@2023-07-10/art-17");
    CHECK(str("kind") == "article");
    CHECK(str("instrument") == "cn/generative-ai-measures");
    CHECK(str("instrument_title") == "生成式人工智能服务管理暂行办法");
    CHECK(str("version") == "cn/generative-ai-measures@2023-07-10");
    CHECK(str("article_label") == "第十七条");
    CHECK(str("date") == "2023-07-10");
    CHECK(str("zh") == "提供者应当开展安全评估");
    CHECK(str("en") == "Providers shall carry out a security assessment");
  }

  TEST_CASE("golden: a news item without instrument / Chinese or date has no such terms or slots") {
    SearchDocument d;
    d.id = "news/china-generative-ai-rules";
    d.kind = "news";
    d.title = "China's Generative AI Rules";
    d.text_en = "The interim rules require security assessments.";
    auto gen = IndexWriter::make_term_generator();
    Xapian::Document doc = IndexWriter::make_document(d, gen);
    CHECK(boolean_terms(doc) ==
          std::set<std::string>{"Qnews/china-generative-ai-rules", "XKnews", "XLen"});
    CHECK(doc.get_value(slot::kKind) == "news");
    CHECK(doc.get_value(slot::kDate).empty());
    CHECK(doc.get_value(slot::kYear).empty());
    CHECK(doc.get_value(slot::kInstrument).empty());
    CHECK(doc.get_value(slot::kNodeId) == "news/china-generative-ai-rules");
    // No collapse key (not an article); in force and specific as every news item.
    CHECK(doc.get_value(slot::kCollapse).empty());
    CHECK(doc.values_count() == 4);
    const auto terms = all_terms(doc);
    CHECK(terms.count("Zassess") == 1);
    CHECK(terms.count("Sgenerative") == 1);
  }

  TEST_CASE("make_document resets the generator: a Chinese-only document after an English one") {
    // The writer reuses one generator; the English stemmer of a previous document must not leak.
    auto gen = IndexWriter::make_term_generator();
    SearchDocument en;
    en.id = "a";
    en.kind = "article";
    en.text_en = "security assessments";
    IndexWriter::make_document(en, gen);
    SearchDocument zh;
    zh.id = "b";
    zh.kind = "article";
    zh.title = "数据安全";
    zh.text_zh = "安全评估";
    const auto terms = all_terms(IndexWriter::make_document(zh, gen));
    CHECK(terms.count("安全") == 1);
    for (const auto& t : terms) CHECK_MESSAGE(t[0] != 'Z', "unexpected stemmed term " << t);
    CHECK(boolean_terms(IndexWriter::make_document(zh, gen)) ==
          std::set<std::string>{"Qb", "XKarticle", "XLzh"});
  }

  TEST_CASE("boolean_term keeps short values whole") {
    CHECK(boolean_term("XI", "cn/pipl") == "XIcn/pipl");
    CHECK(boolean_term("Q", "") == "Q");
    const std::string exact(238, 'a');  // 2 + 238 == 240: still whole
    CHECK(boolean_term("XI", exact) == "XI" + exact);
  }

  TEST_CASE("boolean_term shortens values over 240 bytes stably and within Xapian's limit") {
    const std::string long_value(239, 'a');  // 2 + 239 > 240
    const std::string t1 = boolean_term("XI", long_value);
    const std::string t2 = boolean_term("XI", long_value);
    CHECK(t1 == t2);
    CHECK(t1 != "XI" + long_value);
    CHECK(t1.size() <= 240);
    CHECK(t1.rfind("XI", 0) == 0);
    CHECK(t1.find('#') != std::string::npos);
    // Two values differing only after the cut point give different terms.
    const std::string other = std::string(238, 'a') + "b";
    CHECK(boolean_term("XI", other) != t1);
    CHECK(boolean_term("XI", other).size() <= 240);
    // Very long values too.
    const std::string huge(10000, 'x');
    CHECK(boolean_term("Q", huge).size() <= 240);
    CHECK(boolean_term("Q", huge) == boolean_term("Q", huge));
  }

  TEST_CASE("boolean_term never cuts a UTF-8 sequence") {
    // Every alignment of 3- and 4-byte characters against the cut point, for several prefixes.
    for (const std::string pfx : {"Q", "XI", "XV"}) {
      for (size_t pad = 0; pad < 4; ++pad) {
        for (const std::string ch : {"安", "𠀋", "é"}) {
          std::string value(pad, 'p');
          while (value.size() < 400) value += ch;
          CAPTURE(pfx);
          CAPTURE(pad);
          CAPTURE(ch);
          const std::string term = boolean_term(pfx, value);
          CHECK(term.size() <= 240);
          CHECK(valid_utf8(term));
          CHECK(term == boolean_term(pfx, value));
          // The kept part is a prefix of the value, cut on a character boundary.
          const size_t hash = term.rfind('#');
          REQUIRE(hash != std::string::npos);
          const std::string kept = term.substr(pfx.size(), hash - pfx.size());
          CHECK(value.compare(0, kept.size(), kept) == 0);
          CHECK(valid_utf8(kept));
          CHECK(kept.size() + ch.size() > 240 - pfx.size() - 17);  // no more cut than needed
        }
      }
    }
  }

  TEST_CASE("a long id can still be found through its shortened boolean term") {
    // Index-time and query-time shortening must agree: store with make_document, look up by term.
    SearchDocument d;
    d.id = "cn/" + std::string(300, 'z') + "@2020-01-01/art-1";
    d.kind = "article";
    d.text_zh = "安全";
    auto gen = IndexWriter::make_term_generator();
    Xapian::Document doc = IndexWriter::make_document(d, gen);
    const auto terms = all_terms(doc);
    CHECK(terms.count(boolean_term(prefix::kId, d.id)) == 1);
    for (const auto& t : terms) CHECK(t.size() <= 245);
    CHECK(is_ascii_upper(boolean_term(prefix::kId, d.id)[0]));
  }

  // Regression test (fixed): index/index_writer.cpp:105 (open_path) calls
  // create_directories(dir.parent_path()); for a bare relative name such as "index" the parent is
  // "" and std::filesystem throws filesystem_…
  TEST_CASE("IndexWriter accepts a bare relative directory name") {
    regkg::test::TempDir tmp;
    const auto old = std::filesystem::current_path();
    std::filesystem::current_path(tmp.path());
    bool ok = false;
    try {
      IndexWriter w("index", "snap-rel");
      w.commit();
      ok = true;
    } catch (...) {
    }
    std::filesystem::current_path(old);
    CHECK(ok);
    CHECK(std::filesystem::is_directory(tmp.path() / "index"));
  }

}  // TEST_SUITE
