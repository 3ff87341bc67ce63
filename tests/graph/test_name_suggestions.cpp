// Tests suggest_names: which names match, the exact > prefix > contained order, kinds and limit.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "graph/name_suggestions.h"

using namespace regkg::graph;

namespace {

KnowledgeGraph::Vertex add(KnowledgeGraph& g, const std::string& id, NodeKind kind,
                           const std::string& label,
                           std::vector<std::pair<std::string, std::string>> attrs = {}) {
  NodeData n;
  n.id = id;
  n.kind = kind;
  n.label = label;
  for (auto& [k, v] : attrs) n.set_attr(k, v);
  return g.upsert_node(std::move(n));
}

std::vector<std::string> ids(const KnowledgeGraph& g, const std::vector<NameSuggestion>& found) {
  std::vector<std::string> out;
  for (const auto& s : found) out.push_back(g.node(s.vertex).id);
  return out;
}

struct Graph {
  KnowledgeGraph g;
  Graph() {
    add(g, "actor/cac", NodeKind::actor, "国家互联网信息办公室",
        {{"name_en", "Cyberspace Administration of China"},
         {"aliases", "网信办; CAC; 国家网信办"}});
    add(g, "actor/jd-com", NodeKind::actor, "京东", {{"name_en", "JD.com"}});
    add(g, "cn/generative-ai-measures", NodeKind::instrument, "生成式人工智能服务管理暂行办法",
        {{"title_en", "Interim Measures for the Management of Generative AI Services"}});
    add(g, "cn/algorithmic-recommendation", NodeKind::instrument, "互联网信息服务算法推荐管理规定");
    add(g, "cn/generative-ai-measures@2023-07-10/art-1", NodeKind::article, "第一条");
    add(g, "cn/x", NodeKind::instrument, "办法");
  }
};

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("suggest_names matches labels / aliases / English names and ids / ASCII case-folded") {
    Graph t;
    CHECK(ids(t.g, suggest_names(t.g, "cac", {}, 10)) == std::vector<std::string>{"actor/cac"});
    auto by_alias = suggest_names(t.g, "网信办", {}, 10);
    REQUIRE(by_alias.size() == 1);
    CHECK(by_alias[0].matched == "网信办");
    CHECK(by_alias[0].rank == 0);
    CHECK(ids(t.g, suggest_names(t.g, "jd.c", {}, 10)) == std::vector<std::string>{"actor/jd-com"});
    CHECK(ids(t.g, suggest_names(t.g, "GENERATIVE ai", {NodeKind::instrument}, 10)) ==
          std::vector<std::string>{"cn/generative-ai-measures"});
    CHECK(suggest_names(t.g, "nothing like this", {}, 10).empty());
    CHECK(suggest_names(t.g, "", {}, 10).empty());
  }

  TEST_CASE("suggest_names ranks exact / then prefix / then contained / filters kinds / caps") {
    Graph t;
    // "办法" is the whole label of cn/x (exact) and inside the Generative AI Measures' title.
    auto found = suggest_names(t.g, "办法", {NodeKind::instrument}, 10);
    CHECK(ids(t.g, found) == std::vector<std::string>{"cn/x", "cn/generative-ai-measures"});
    CHECK(found[0].rank == 0);
    CHECK(found[1].rank == 2);
    // The article's id contains the text too, but only instruments were asked for.
    CHECK(ids(t.g, suggest_names(t.g, "generative-ai", {NodeKind::instrument}, 10)) ==
          std::vector<std::string>{"cn/generative-ai-measures"});
    CHECK(suggest_names(t.g, "generative-ai", {}, 10).size() == 2);
    CHECK(suggest_names(t.g, "generative-ai", {}, 1).size() == 1);
  }
}
