// Plain-word queries (index/plain_query.h), the concept table they expand with
// (index/concept_table.h), the stop words (index/stop_words.h) and Chinese script folding
// (index/script_folding.h): what a query becomes, and what it finds in a real Xapian database.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/concept_table.h"
#include "index/index_schema.h"
#include "index/index_writer.h"
#include "index/lexicon.h"
#include "index/plain_query.h"
#include "index/script_folding.h"
#include "index/searcher.h"
#include "index/stop_words.h"
#include "tests/test_support.h"

using namespace regkg::index;

namespace {

const char* kConcepts = R"({"concepts": [
  {"id": "jurisdiction/in", "en": ["India", "Indian"], "zh": ["印度"]},
  {"id": "cross-border-transfer", "en": ["cross-border transfer", "provide outside the territory"],
   "zh": ["出境", "向境外提供", "向中华人民共和国境外提供"]},
  {"id": "artificial-intelligence", "en": ["artificial intelligence", "AI"], "zh": ["人工智能", "人工智慧"]},
  {"id": "personal-information", "en": ["personal information", "personal data"],
   "zh": ["个人信息", "個人資料"]},
  {"id": "instrument/cn/pipl", "en": ["Personal Information Protection Law", "PIPL"],
   "zh": ["个人信息保护法"]},
  {"id": "too-short", "en": ["x"], "zh": ["人"]}
]})";

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

SearchDocument doc(const std::string& id, const std::string& kind, const std::string& jurisdiction,
                   const std::string& title, const std::string& zh, const std::string& en) {
  SearchDocument d;
  d.id = id;
  d.kind = kind;
  d.jurisdiction = jurisdiction;
  d.title = title;
  d.text_zh = zh;
  d.text_en = en;
  return d;
}

// A small real index with the concept table beside it, as a snapshot's index folder holds them.
std::filesystem::path plain_db() {
  static regkg::test::TempDir dir;
  static bool built = false;
  const auto path = dir.path() / "index";
  if (built) return path;
  {
    IndexWriter w(path, "plain-query-test");
    w.add(doc("cn/pipl@2021-08-20/art-38", "article", "cn", "个人信息保护法 第三十八条",
              "个人信息处理者因业务等需要，确需向中华人民共和国境外提供个人信息的，应当具备下列条件"
              "之一。",
              ""));
    w.add(doc("tw/pdpa@2023-05-31/art-21", "article", "tw", "個人資料保護法 第二十一條",
              "非公務機關為國際傳輸個人資料，而有下列情形之一者，中央目的事業主管機關得限制之。",
              ""));
    w.add(doc("tw/ai-act@2025-01-01/art-3", "article", "tw", "人工智慧基本法 第三條",
              "政府應推動人工智慧之研發與應用。", ""));
    w.add(doc("cn/genai@2023-07-10/art-1", "article", "cn", "生成式人工智能服务管理暂行办法 第一条",
              "为了促进生成式人工智能健康发展和规范应用，制定本办法。", ""));
    w.add(doc("in/dpdp@2023-08-11/sec-16", "article", "in",
              "Digital Personal Data Protection Act s16", "",
              "The Central Government may restrict the transfer of personal data outside India."));
    w.add(doc("eu/gdpr@2016-04-27/art-44", "article", "eu", "GDPR Article 44", "",
              "Any transfer of personal data to a third country shall take place only if ..."));
    w.add(doc("cn/pipl", "instrument", "cn", "中华人民共和国个人信息保护法",
              "中华人民共和国个人信息保护法", "Personal Information Protection Law"));
    w.commit();
  }
  std::ofstream(path / kConceptsFile) << kConcepts;
  built = true;
  return path;
}

SearchRequest q(const std::string& text) {
  SearchRequest r;
  r.query = text;
  r.facets = false;
  return r;
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("is_plain_query: words are plain / query syntax is not") {
    CHECK(is_plain_query("cross-border data security assessment"));
    CHECK(is_plain_query("个人信息出境需要满足什么条件"));
    CHECK(is_plain_query("what is the GDPR's lawful basis?"));
    CHECK_FALSE(is_plain_query("\"security assessment\""));
    CHECK_FALSE(is_plain_query("security AND assessment"));
    CHECK_FALSE(is_plain_query("title:privacy"));
    CHECK_FALSE(is_plain_query("(a b)"));
    CHECK_FALSE(is_plain_query("privacy -gdpr"));
    CHECK_FALSE(is_plain_query("foo..bar"));
    CHECK_FALSE(is_plain_query("assess*"));
  }

  TEST_CASE("stop words and Chinese question words are dropped") {
    CHECK(english_stopper()("what"));
    CHECK(english_stopper()("must"));
    CHECK_FALSE(english_stopper()("erasure"));
    CHECK(split_chinese_question("个人信息出境需要满足什么条件") ==
          std::vector<std::string>{"个人信息出境", "满足", "条件"});
    CHECK(split_chinese_question("什么是间谍行为") == std::vector<std::string>{"间谍行为"});
    CHECK(split_chinese_question("的吗").empty());
  }

  TEST_CASE("concept table: longest form first / word boundaries / case / short forms refused") {
    const ConceptTable t = ConceptTable::parse(kConcepts, "test.json");
    CHECK(t.concepts().size() == 5);  // too-short has no form of two characters or more
    auto found = t.find("Cross-Border Transfer of AI data to India");
    REQUIRE(found.size() == 3);
    CHECK(t.concepts()[found[0].concept_index].id == "cross-border-transfer");
    CHECK(t.concepts()[found[1].concept_index].id == "artificial-intelligence");
    CHECK(t.concepts()[found[2].concept_index].id == "jurisdiction/in");
    CHECK(t.find("PAID wages").empty());  // "AI" inside a word is no match
    auto zh = t.find("个人信息出境");
    REQUIRE(zh.size() == 2);
    CHECK(zh[0].begin == 0);
    // Traditional forms are keyed in simplified characters (the query is folded first).
    CHECK(t.find(fold_chinese("個人資料")).size() == 1);
    CHECK_THROWS_WITH_AS(ConceptTable::parse("{\"concepts\": [{\"en\": []}]}", "bad.json"),
                         doctest::Contains("bad.json: error: concept 1 has no string id"),
                         ConceptTableError);
    CHECK_THROWS_WITH_AS(ConceptTable::parse("{\"concepts\": [", "broken.json"),
                         doctest::Contains("broken.json: error: offset"), ConceptTableError);
  }

  TEST_CASE("concept table: English forms also match on stems word by word") {
    const ConceptTable t = ConceptTable::parse(kConcepts, "test.json");
    // Plural and inflected words, and other punctuation between the words.
    auto found = t.find("cross border transfers of personal-data");
    REQUIRE(found.size() == 2);
    CHECK(t.concepts()[found[0].concept_index].id == "cross-border-transfer");
    CHECK(found[0].begin == 0);
    CHECK(found[0].end == std::string("cross border transfers").size());
    CHECK(t.concepts()[found[1].concept_index].id == "personal-information");
    CHECK(t.find("providing outside the territories").size() == 1);
    // Still the whole form, word for word: a part of it, or a word inside another, is nothing.
    CHECK(t.find("border transfers").empty());
    CHECK(t.find("crossing").empty());
    CHECK(t.find("paid wages").empty());
  }

  TEST_CASE("script folding: traditional indexed and searched as simplified / regional words") {
    CHECK(fold_chinese("個人資料保護法") == "个人资料保护法");
    CHECK(fold_chinese("no Chinese here") == "no Chinese here");
    const auto variants = regional_variants("人工智能");
    CHECK(variants.front() == "人工智能");
    CHECK(std::find(variants.begin(), variants.end(), "人工智慧") != variants.end());
    // A snippet made on folded text is shown in the original characters, marks kept.
    const std::string original = "政府應推動人工智慧之研發";
    const std::string folded = fold_chinese(original);
    const std::string shown = unfold_snippet("…推动<mark>人工智慧</mark>之研发", folded, original,
                                             "<mark>", "</mark>", "…");
    CHECK(shown == "…推動<mark>人工智慧</mark>之研發");
  }

  TEST_CASE("lexicon: learned Chinese terms beside an English word / never a piece of their own") {
    const Lexicon lexicon = Lexicon::parse(
        R"({"about": "test", "pairs": [{"en": "minor", "zh": ["未成年人", "未成年"]},
            {"en": "transmiss", "zh": ["傳輸"]}, {"en": "short", "zh": ["人"]}]})",
        "test");
    REQUIRE(lexicon.chinese("minor") != nullptr);
    CHECK(*lexicon.chinese("minor") == std::vector<std::string>{"未成年人", "未成年"});
    CHECK(*lexicon.chinese("transmiss") == std::vector<std::string>{"传输"});  // simplified
    CHECK(lexicon.chinese("short") == nullptr);  // one character would match everywhere
    CHECK_THROWS_AS(Lexicon::parse(R"({"pairs": [{"en": 1}]})", "bad"), LexiconError);
    CHECK_THROWS_AS(Lexicon::parse("{", "bad"), LexiconError);
    CHECK(Lexicon::load(regkg::test::TempDir().path() / kLexiconFile).empty());

    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    const ConceptTable no_concepts;
    const PlainQueryPlan plain = plan_plain_query("minors online", no_concepts, parser);
    const PlainQueryPlan plan =
        plan_plain_query("minors online", no_concepts, parser, "", &lexicon);
    // The same two pieces: "minors" OR its Chinese terms (scaled), AND "online".
    CHECK(plan.pieces == plain.pieces);
    CHECK(plan.pieces == 2);
    const std::string strict = plan.strict.get_description();
    INFO(strict);
    // (Xapian describes 未成年人 as a phrase of its characters.)
    const std::string minors = "未@1 PHRASE 4 成@1 PHRASE 4 年@1 PHRASE 4 人@1";
    CHECK(strict.find("(Zminor@1 OR 0.6999") != std::string::npos);  // kLexiconWeight
    CHECK(strict.find(minors) != std::string::npos);
    CHECK(strict.find(") AND Zonlin@1") != std::string::npos);
    CHECK(plain.strict.get_description().find(minors) == std::string::npos);
    // A word with no learned terms is left as it was.
    CHECK(plan_plain_query("online", no_concepts, parser, "", &lexicon).strict.get_description() ==
          plan_plain_query("online", no_concepts, parser).strict.get_description());
  }

  TEST_CASE("plain queries on a real index: concepts / both scripts / jurisdictions / relaxation") {
    Searcher s(plain_db(), 1);
    // English words find the Chinese article through the concepts (cross-lingual).
    auto r = s.search(q("personal information provide outside the territory"));
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits.front().id == "cn/pipl@2021-08-20/art-38");
    CHECK(r.concepts == std::vector<std::string>{"personal-information", "cross-border-transfer"});
    // One match of both pieces (fewer than Searcher::kRelaxBelow): relaxed, the full match first.
    CHECK(r.relaxed);
    // Simplified finds traditional and the other region's word.
    auto ai = ids(s.search(q("人工智能")));
    std::sort(ai.begin(), ai.end());
    CHECK(ai ==
          std::vector<std::string>{"cn/genai@2023-07-10/art-1", "tw/ai-act@2025-01-01/art-3"});
    auto trad = ids(s.search(q("人工智慧")));
    std::sort(trad.begin(), trad.end());
    CHECK(trad == ai);
    // A jurisdiction named with something else is searched within.
    CHECK(ids(s.search(q("personal data India"))) ==
          std::vector<std::string>{"in/dpdp@2023-08-11/sec-16"});
    // Nothing but stop words beside it: the jurisdiction's name is the query, not a filter.
    CHECK(ids(s.search(q("laws in India"))) ==
          std::vector<std::string>{"in/dpdp@2023-08-11/sec-16"});
    // Too little for every piece: relaxed, and the answer says so.
    auto relaxed = s.search(q("personal data transfer zebra"));
    CHECK(relaxed.relaxed);
    CHECK(relaxed.hits.size() >= 2);
    // Stop words only: nothing, not everything.
    CHECK(s.search(q("what is the")).hits.empty());
    // A law's name, or its abbreviation: the instrument first.
    auto name = s.search(q("PIPL"));
    REQUIRE_FALSE(name.hits.empty());
    CHECK(name.hits.front().id == "cn/pipl");
    // Query syntax is taken as written: no expansion.
    CHECK(s.search(q("\"provide outside the territory\"")).hits.empty());
  }
}

TEST_SUITE("index") {
  TEST_CASE("English-typed concepts: one synonym group of both languages / relaxed weight") {
    const ConceptTable concepts = ConceptTable::parse(kConcepts, "test");
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // English: the English and Chinese forms in one OP_SYNONYM (an article holding both counts
    // the concept once), scaled by kRelaxedConceptWeight among the relaxed pieces only.
    const PlainQueryPlan en = plan_plain_query("personal data zebra", concepts, parser);
    const std::string strict = en.strict.get_description(), relaxed = en.relaxed.get_description();
    INFO(strict);
    INFO(relaxed);
    CHECK(strict.find("(personal@1 PHRASE 2 information@2) SYNONYM") != std::string::npos);
    CHECK(strict.find("SYNONYM (个@1 PHRASE 4 人@1 PHRASE 4 信@1 PHRASE 4 息@1)") !=
          std::string::npos);
    CHECK(strict.find(" OR 1 * ") == std::string::npos);
    CHECK(strict.find("2 * ") == std::string::npos);
    CHECK(relaxed.find("2 * ((personal@1 PHRASE 2 information@2) SYNONYM") != std::string::npos);
    CHECK(relaxed.find("Zzebra@1") != std::string::npos);
    CHECK(relaxed.find("2 * (Zzebra") == std::string::npos);
    // Chinese: the Chinese forms, then the English forms as a second group, no extra weight.
    const PlainQueryPlan zh = plan_plain_query("个人信息 斑马", concepts, parser);
    const std::string zh_relaxed = zh.relaxed.get_description();
    INFO(zh_relaxed);
    CHECK(zh_relaxed.find(" OR 1 * ((personal@1 PHRASE 2 information@2) SYNONYM") !=
          std::string::npos);
    CHECK(zh_relaxed.find("2 * ") == std::string::npos);
  }

  TEST_CASE("relaxed plans weight recitals down: the article they explain comes first") {
    regkg::test::TempDir dir;
    const auto path = dir.path() / "index";
    {
      IndexWriter w(path, "recital-test");
      // The recital holds the words more often than the article; so does an article with the
      // recital's text, which shows what the recital's weight would be without the factor.
      const std::string often =
          "Penalties and administrative fines should be effective. Administrative fines should be "
          "proportionate and penalties dissuasive.";
      w.add(doc("eu/ai-act@2024-07-12/rec-168", "article", "eu", "Regulation 2024/1689 Recital 168",
                "", often));
      w.add(doc("eu/ai-act@2024-07-12/art-98", "article", "eu", "Regulation 2024/1689 Article 98",
                "", often));
      w.add(doc("eu/ai-act@2024-07-12/art-99", "article", "eu", "Regulation 2024/1689 Article 99",
                "",
                "Member States shall lay down rules on penalties, including administrative "
                "fines, applicable to infringements."));
      w.add(doc("eu/ai-act@2024-07-12/art-5", "article", "eu", "Regulation 2024/1689 Article 5", "",
                "The following practices shall be prohibited."));
      w.commit();
    }
    std::ofstream(path / kConceptsFile) << kConcepts;
    Searcher s(path, 1);
    // "zebra" matches nothing: the strict plan finds nothing and the relaxed one ranks.
    const auto relaxed = s.search(q("penalties administrative fines zebra"));
    CHECK(relaxed.relaxed);
    CHECK(ids(relaxed) == std::vector<std::string>{"eu/ai-act@2024-07-12/art-98",
                                                   "eu/ai-act@2024-07-12/art-99",
                                                   "eu/ai-act@2024-07-12/rec-168"});
  }
}
