// Obligation-level change: pairing, modality direction (softening / hardening), bearer, condition.
#include <doctest/doctest.h>

#include "diff/obligation_diff.h"
#include "diff/version_diff.h"
#include "tests/diff/diff_test_support.h"

using namespace regkg::diff;

namespace {

VersionText one_article(const std::string& text, std::vector<ObligationText> obligations) {
  VersionText v;
  ArticleText a;
  a.number = "art-4";
  a.id = "v/art-4";
  a.label = "第四条";
  a.text = text;
  a.obligations = std::move(obligations);
  v.articles.push_back(std::move(a));
  return v;
}

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE(
      "modality direction: 应当 -> 鼓励 softens, 可以 -> 应当 hardens, 应当 -> 不得 reverses") {
    CHECK(modality_direction("obligation", "encouragement") == "softening");
    CHECK(modality_direction("obligation", "permission") == "softening");
    CHECK(modality_direction("permission", "obligation") == "hardening");
    CHECK(modality_direction("encouragement", "prohibition") == "hardening");
    CHECK(modality_direction("obligation", "prohibition") == "reversal");
    CHECK(modality_direction("obligation", "obligation") == "");
    CHECK(modality_direction("obligation", "unknown") == "");
  }

  TEST_CASE("the seed's story in miniature: a guarantee duty softened / a scope condition added") {
    // Hand-written stand-ins for a draft and a final text (the real draft is not in the corpus).
    VersionText draft = one_article("提供者应当保证生成内容的真实性和准确性。",
                                    {{"d1", "obligation", "提供者", "保证生成内容的真实性和准确性",
                                      "", "提供者应当保证生成内容的真实性和准确性"}});
    VersionText final_text =
        one_article("提供者面向公众提供服务的，鼓励采取有效措施提高生成内容的准确性和可靠性。",
                    {{"f1", "encouragement", "提供者", "采取有效措施提高生成内容的准确性和可靠性",
                      "提供者面向公众提供服务的",
                      "提供者面向公众提供服务的，鼓励采取有效措施提高生成内容的准确性和可靠性"}});
    VersionDiff d = diff_versions(draft, final_text);
    REQUIRE(d.articles.size() == 1);
    REQUIRE(d.obligations.size() == 1);
    const ObligationDelta& o = d.obligations[0];
    CHECK(o.change == ObligationChange::changed);
    CHECK(o.direction == "softening");
    CHECK(o.fields == std::vector<std::string>{"modality", "condition", "action"});
    CHECK(d.obligation_counts.at("softening") == 1);
    CHECK(d.obligation_counts.at("changed") == 1);
  }

  TEST_CASE("unrelated obligations are added and removed / equal ones are not listed") {
    VersionText a = one_article(
        "同一条", {{"a1", "obligation", "国家安全机关", "依法进行", "", "国家安全机关应当依法进行"},
                   {"a2", "prohibition", "任何个人", "非法持有专用间谍器材", "",
                    "任何个人不得非法持有专用间谍器材"}});
    VersionText b = one_article(
        "同一条", {{"b1", "obligation", "国家安全机关", "依法进行", "", "国家安全机关应当依法进行"},
                   {"b2", "permission", "申请人", "口头申请", "", "申请人可以口头申请"}});
    auto deltas = diff_obligations(a, b, align_articles(a.articles, b.articles));
    REQUIRE(deltas.size() == 2);
    CHECK(deltas[0].change == ObligationChange::removed);
    CHECK(deltas[0].from.index == 1);
    CHECK(deltas[1].change == ObligationChange::added);
    CHECK(deltas[1].to.index == 1);
  }

  TEST_CASE(
      "real data: 反间谍法 2014 第十九条's education duty became the units' main responsibility") {
    VersionDiff d =
        diff_versions(regkg::test::statute_version("statutes-zh/行政法/反间谍法(2014-11-01).md"),
                      regkg::test::statute_version("statutes-zh/行政法/反间谍法(2023-04-26).md"));
    bool found_changed_bearer = false;
    for (const ObligationDelta& o : d.obligations) {
      if (!o.has_from || d.from.articles[o.from.article].number != "art-19") continue;
      // 机关、团体和其他组织应当… -> 国家机关、人民团体、企业事业组织和其他社会组织承担…
      if (o.has_to && d.to.articles[o.to.article].number == "art-12") found_changed_bearer = true;
    }
    CHECK(d.obligations.size() > 20);
    // The 2014 duty either changed (bearer, action) or was replaced; it must be reported.
    bool reported = found_changed_bearer;
    for (const ObligationDelta& o : d.obligations)
      if (o.has_from && d.from.articles[o.from.article].number == "art-19") reported = true;
    CHECK(reported);
  }
}
