// The concept table a snapshot is searched with (ingest/assemble/concept_table_builder.h): the
// curated concepts first, then actor names, then instrument titles, as index::ConceptTable reads
// it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/vocabulary.h"
#include "index/concept_table.h"
#include "ingest/assemble/concept_table_builder.h"
#include "ingest/extract/alias_dictionary.h"

using namespace regkg;

TEST_SUITE("ingest") {
  TEST_CASE(
      "concept table built at ingest: curated concepts / actors' names / instruments' titles") {
    const std::string curated =
        R"({"concepts": [{"id": "artificial-intelligence", "en": ["AI"], "zh": ["人工智能"]}]})";
    const auto actors = ingest::AliasDictionary::from_json(
        R"({"actors": [{"id": "jd-com", "type": "company", "jurisdiction": "cn",
                        "zh": ["京东", "京东集团"], "en": ["JD.com"]},
                       {"id": "lonely", "type": "company", "zh": [], "en": ["Lonely Inc"]}]})",
        "actors.json");
    graph::KnowledgeGraph g;
    graph::NodeData pipl;
    pipl.id = "cn/pipl";
    pipl.kind = graph::NodeKind::instrument;
    pipl.set_attr(graph::attr::kTitleZh, "中华人民共和国个人信息保护法");
    pipl.set_attr(graph::attr::kTitleEn, "Personal Information Protection Law");
    pipl.set_attr(graph::attr::kShortTitleEn, "PIPL");
    g.upsert_node(pipl);

    const std::string json = ingest::build_concept_table_json(curated, actors, g);
    const index::ConceptTable table = index::ConceptTable::parse(json, "built");
    REQUIRE(table.concepts().size() == 3);  // "lonely" has one name: nothing to expand to
    CHECK(table.concepts()[0].id == "artificial-intelligence");
    CHECK(table.concepts()[1].id == "actor/jd-com");
    CHECK(table.concepts()[2].id == "instrument/cn/pipl");
    // 京东 finds JD.com; the instrument's title without the 中华人民共和国 prefix and its short
    // title.
    auto jd = table.find("京东 news");
    REQUIRE(jd.size() == 1);
    CHECK(table.concepts()[jd[0].concept_index].forms ==
          std::vector<std::string>{"JD.com", "京东", "京东集团"});
    const auto& forms = table.concepts()[2].forms;
    CHECK(std::find(forms.begin(), forms.end(), "个人信息保护法") != forms.end());
    CHECK(std::find(forms.begin(), forms.end(), "PIPL") != forms.end());
    // Without a curated file the rest is still built.
    CHECK(index::ConceptTable::parse(ingest::build_concept_table_json("", actors, g), "b")
              .concepts()
              .size() == 2);
  }
}
