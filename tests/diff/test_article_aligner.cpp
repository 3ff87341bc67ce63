// The article aligner on small hand-made versions: renumbering, moves, splits, merges.
#include <doctest/doctest.h>

#include "diff/article_aligner.h"

using namespace regkg::diff;

namespace {

ArticleText art(const std::string& number, const std::string& text) {
  ArticleText a;
  a.number = "art-" + number;
  a.id = a.number;
  a.label = a.number;
  a.text = text;
  return a;
}

const ArticleAlignment* entry_of_from(const std::vector<ArticleAlignment>& al, std::size_t i) {
  for (const auto& e : al)
    for (std::size_t f : e.from)
      if (f == i) return &e;
  return nullptr;
}

const std::string kA =
    "国家安全机关是反间谍工作的主管机关，公安、保密等有关部门按照职责分工密切配合。";
const std::string kB = "任何个人和组织都不得非法获取、持有属于国家秘密的文件、数据、资料、物品。";
const std::string kC =
    "国家对支持、协助反间谍工作的个人和组织给予保护，对有重大贡献的给予表彰和奖励。";
const std::string kD =
    "境外人员违反本法的，国务院国家安全主管部门可以决定限期出境并决定其不准入境的期限。";

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("an inserted article renumbers the rest: unchanged / added / renumbered") {
    std::vector<ArticleText> from = {art("1", kA), art("2", kB), art("3", kC)};
    std::vector<ArticleText> to = {art("1", kA), art("2", kD), art("3", kB), art("4", kC)};
    auto al = align_articles(from, to);
    REQUIRE(al.size() == 4);
    CHECK(al[0].status == AlignStatus::unchanged);
    CHECK(al[1].status == AlignStatus::added);
    CHECK(al[1].to == std::vector<std::size_t>{1});
    CHECK(al[2].status == AlignStatus::renumbered);
    CHECK(al[2].renumbered);
    CHECK_FALSE(al[2].moved);
    CHECK(al[3].status == AlignStatus::renumbered);
  }

  TEST_CASE("a moved article is matched and marked moved / a dropped one is removed") {
    std::vector<ArticleText> from = {art("1", kA), art("2", kB), art("3", kC), art("4", kD)};
    std::vector<ArticleText> to = {art("1", kC), art("2", kA), art("3", kB)};
    auto al = align_articles(from, to);
    const ArticleAlignment* c = entry_of_from(al, 2);
    REQUIRE(c != nullptr);
    CHECK(c->to == std::vector<std::size_t>{0});
    CHECK(c->moved);
    CHECK_FALSE(entry_of_from(al, 0)->moved);
    const ArticleAlignment* d = entry_of_from(al, 3);
    REQUIRE(d != nullptr);
    CHECK(d->status == AlignStatus::removed);
    // The removed article is listed right after its old predecessor's entry (kC's, first now).
    REQUIRE(al.size() == 4);
    CHECK(&al[1] == d);
  }

  TEST_CASE("one article split in two / and two merged into one") {
    std::vector<ArticleText> from = {art("1", kA + "\n" + kB), art("2", kC), art("3", kD)};
    std::vector<ArticleText> to = {art("1", kA), art("2", kB), art("3", kC + kD)};
    auto al = align_articles(from, to);
    const ArticleAlignment* split = entry_of_from(al, 0);
    REQUIRE(split != nullptr);
    CHECK(split->status == AlignStatus::split);
    CHECK(split->to == std::vector<std::size_t>{0, 1});
    const ArticleAlignment* merged = entry_of_from(al, 1);
    REQUIRE(merged != nullptr);
    CHECK(merged->status == AlignStatus::merged);
    CHECK(merged->from == std::vector<std::size_t>{1, 2});
    CHECK(entry_of_from(al, 2) == merged);
  }

  TEST_CASE("punctuation-only differences are unchanged / every article appears exactly once") {
    std::vector<ArticleText> from = {art("1", "处理个人信息；应当取得同意。"), art("2", kB)};
    std::vector<ArticleText> to = {art("1", "处理个人信息;应当取得同意。"), art("2", kB)};
    auto al = align_articles(from, to);
    REQUIRE(al.size() == 2);
    CHECK(al[0].status == AlignStatus::unchanged);
    CHECK(al[0].similarity == 1.0);
    CHECK(align_articles({}, {}).empty());
    auto only_new = align_articles({}, to);
    REQUIRE(only_new.size() == 2);
    CHECK(only_new[0].status == AlignStatus::added);
  }

  TEST_CASE("the commencement clause is matched even when its date and repeal note change") {
    std::vector<ArticleText> from = {art("1", kA),
                                     art("40",
                                         "本法自公布之日起施行。1993年2月22日通过的《中华人民"
                                         "共和国国家安全法》同时废止。")};
    std::vector<ArticleText> to = {art("1", kA), art("71", "本法自2023年7月1日起施行。")};
    auto al = align_articles(from, to);
    const ArticleAlignment* c = entry_of_from(al, 1);
    REQUIRE(c != nullptr);
    CHECK(c->status == AlignStatus::modified);
    CHECK(c->to == std::vector<std::size_t>{1});
  }
}
