// Tests the CJK query helpers: the bigram condition of Chinese phrases, on parsed queries and on a
// small real database (a phrase no longer matches across a full stop).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/cjk_query.h"
#include "index/index_writer.h"
#include "index/searcher.h"
#include "tests/test_support.h"

using namespace regkg::index;
using Q = Xapian::Query;

namespace {

Q phrase(const std::vector<std::string>& terms) {
  return Q(Q::OP_PHRASE, terms.begin(), terms.end(), terms.size());
}

SearchDocument article(std::string id, std::string zh) {
  SearchDocument d;
  d.id = std::move(id);
  d.kind = "article";
  d.instrument_id = "cn/test-law";
  d.instrument_title = "测试法";
  d.version_id = "cn/test-law@2020-01-01";
  d.date = "2020-01-01";
  d.jurisdiction = "cn";
  d.title = "第一条";
  d.text_zh = std::move(zh);
  return d;
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("cjk_bigram_condition: the bigrams each phrase needs with alternatives kept apart") {
    // One phrase: its three bigrams, the field prefix kept.
    CHECK(cjk_bigram_condition(phrase({"劳", "动", "合", "同"})).get_description() ==
          "Query((劳动 AND 动合 AND 合同))");
    CHECK(cjk_bigram_condition(phrase({"S安", "S全"})).get_description() == "Query(S安全)");
    // An OR of two phrases: either phrase's bigrams.
    const Q either(Q::OP_OR, phrase({"劳", "动", "合", "同"}), phrase({"劳", "动", "争", "议"}));
    CHECK(cjk_bigram_condition(either).get_description() ==
          "Query(((劳动 AND 动合 AND 合同) OR (劳动 AND 动争 AND 争议)))");
    // An alternative with a plain term keeps the term as its condition.
    const Q mixed(Q::OP_OR, phrase({"算", "法"}), Q("Zalgorithm"));
    CHECK(cjk_bigram_condition(mixed).get_description() == "Query((算法 OR Zalgorithm))");
    // An alternative with no condition known (a wildcard, a NEAR) leaves the OR unconstrained.
    const Q open(Q::OP_OR, phrase({"算", "法"}), Q(Q::OP_WILDCARD, "Zalgo"));
    CHECK(cjk_bigram_condition(open).empty());
    // AND keeps only the parts with bigrams; AND_NOT and AND_MAYBE what their first part needs.
    const Q both(Q::OP_AND, phrase({"个", "人"}), Q("Zdata"));
    CHECK(cjk_bigram_condition(both).get_description() == "Query(个人)");
    CHECK(cjk_bigram_condition(Q(Q::OP_AND_NOT, phrase({"个", "人"}), phrase({"信", "息"})))
              .get_description() == "Query(个人)");
    // Words and a mixed phrase: bigrams only between neighbouring one-character terms.
    CHECK(cjk_bigram_condition(Q("Zdata")).empty());
    CHECK(cjk_bigram_condition(phrase({"第", "17", "条"})).empty());
    CHECK(cjk_bigram_condition(phrase({"gdpr", "第", "十", "七"})).get_description() ==
          "Query((第十 AND 十七))");
    // Terms of different fields are never joined.
    CHECK(cjk_bigram_condition(phrase({"S安", "全"})).empty());
  }

  TEST_CASE("a Chinese phrase matches its characters written together and not across a full stop") {
    regkg::test::TempDir dir;
    const auto path = dir.path() / "index";
    {
      IndexWriter writer(path, "snap-cjk");
      // 计算。法律: 算 and 法 are neighbouring positions, but no bigram 算法 is written.
      writer.add(
          article("cn/test-law@2020-01-01/art-1",
                  "诉讼时效期间自权利人知道权利受到损害之日起计算。法律另有规定的，依照其规定。"));
      writer.add(article("cn/test-law@2020-01-01/art-2", "提供者应当按照规定履行算法备案手续。"));
      writer.add(article("cn/test-law@2020-01-01/art-3", "用人单位应当与劳动者订立劳动合同。"));
      writer.add(article("cn/test-law@2020-01-01/art-4", "发生劳动争议的，当事人可以申请调解。"));
      writer.commit();
    }
    Searcher s(path, 1);
    SearchRequest r;
    r.query = "算法";
    SearchResult found = s.search(r);
    REQUIRE(found.hits.size() == 1);
    CHECK(found.hits[0].id == "cn/test-law@2020-01-01/art-2");
    // 算法 is a concept with its traditional form 演算法: either form's bigrams.
    CHECK(s.describe(r).find("FILTER (算法 OR (演算 AND 算法))") != std::string::npos);
    // The slow shape of bench/queries.txt: two phrases ORed under a kind and a date filter.
    r.query = "劳动合同 OR 劳动争议";
    r.kind = "article";
    r.from = "2008-01-01";
    found = s.search(r);
    CHECK(found.total == 2);
    std::vector<std::string> hit_ids;
    for (const auto& h : found.hits) hit_ids.push_back(h.id);
    std::sort(hit_ids.begin(), hit_ids.end());
    CHECK(hit_ids ==
          std::vector<std::string>{"cn/test-law@2020-01-01/art-3", "cn/test-law@2020-01-01/art-4"});
  }
}
