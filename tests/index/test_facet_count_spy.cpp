// Tests FacetCountSpy (over FacetColumns) against Xapian's own ValueCountMatchSpy and a count by
// hand, on a database of three layers, for all documents and for a filtered query.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/facet_columns.h"
#include "index/facet_count_spy.h"
#include "index/index_schema.h"
#include "index/index_writer.h"
#include "index/search_document.h"
#include "tests/test_support.h"

using namespace regkg::index;
using regkg::test::TempDir;

namespace {

std::vector<SearchDocument> documents() {
  std::vector<SearchDocument> out;
  const char* kinds[] = {"article", "version", "instrument", "news"};
  const char* jurisdictions[] = {"cn", "eu", "", "gb"};
  const char* modalities[] = {"obligation", "prohibition", "permission"};
  for (int i = 0; i < 40; ++i) {
    SearchDocument d;
    d.id = "doc-" + std::to_string(i);
    d.kind = kinds[i % 4];
    d.instrument_id = i % 5 == 0 ? "" : "inst-" + std::to_string(i % 7);
    d.jurisdiction = jurisdictions[i % 4];
    d.date = i % 6 == 0 ? "" : std::to_string(2015 + i % 9) + "-01-01";
    d.title = "document " + std::to_string(i);
    d.text_en = i % 2 ? "odd text" : "even text";
    for (int m = 0; m < i % 4; ++m) d.modalities.push_back(modalities[m % 3]);
    for (int a = 0; a < i % 3; ++a) d.actors.push_back("actor-" + std::to_string((i + a) % 5));
    out.push_back(d);
  }
  return out;
}

using Counts = std::map<std::string, size_t>;

Counts spy_counts(const FacetCountSpy& spy, size_t i) {
  Counts out;
  for (const auto& [value, count] : spy.top_values(i, 1000)) out[value] = count;
  return out;
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("facet counts from the in-memory columns equal Xapian's ValueCountMatchSpy") {
    TempDir tmp;
    const auto docs = documents();
    const std::vector<std::string> layers = {"shard-0", "shard-1", "delta-1"};
    Xapian::Database db;
    for (size_t l = 0; l < layers.size(); ++l) {
      IndexWriter w(tmp.path() / layers[l], "snap");
      for (size_t i = l; i < docs.size(); i += layers.size()) w.add(docs[i]);
      w.commit();
      db.add_database(Xapian::Database((tmp.path() / layers[l]).string()));
    }
    const std::vector<FacetColumns::Slot> slots = {
        {slot::kKind, false}, {slot::kInstrument, false}, {slot::kJurisdiction, false},
        {slot::kYear, false}, {slot::kModality, true},    {slot::kActor, true}};
    FacetColumns columns(db, slots);
    CHECK(columns.row(1, "doc-0") == 1);
    CHECK(columns.row(1, "doc-1") == 2);
    CHECK(columns.row(2, "doc-5") == 6);  // layer 2's second document: (2 - 1) * 3 + 2 + 1
    CHECK(columns.row(1, "doc-5") == 0);
    CHECK(columns.row(1, "no-such-doc") == 0);

    for (const std::string& q : {std::string(), std::string("odd")}) {
      CAPTURE(q);
      Xapian::Enquire enquire(db);
      Xapian::QueryParser qp;
      enquire.set_query(q.empty() ? Xapian::Query(std::string()) : qp.parse_query(q));
      std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> theirs;
      for (const auto& s : slots) {
        theirs.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s.slot));
        enquire.add_matchspy(theirs.back().get());
      }
      FacetCountSpy ours(columns);
      enquire.add_matchspy(&ours);
      Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
      REQUIRE(mset.get_matches_estimated() == (q.empty() ? 40u : 20u));
      for (size_t i = 0; i < slots.size(); ++i) {
        CAPTURE(slots[i].slot);
        Counts expected;
        if (slots[i].multi) {
          // By hand: every '|'-separated value of every matching document.
          for (const auto& d : docs) {
            if (!q.empty() && d.text_en != "odd text") continue;
            const auto& values = slots[i].slot == slot::kModality ? d.modalities : d.actors;
            Counts seen;
            for (const auto& v : values) seen[v] = 1;
            for (const auto& [v, one] : seen) expected[v] += one;
          }
        } else {
          for (auto it = theirs[i]->values_begin(); it != theirs[i]->values_end(); ++it)
            expected[*it] = it.get_termfreq();
        }
        CHECK(spy_counts(ours, i) == expected);
        CHECK(!expected.empty());
      }
      // Top values: by count, then by value, as Xapian orders them.
      std::vector<std::pair<std::string, size_t>> xapian_top;
      for (auto it = theirs[1]->top_values_begin(3); it != theirs[1]->top_values_end(3); ++it)
        xapian_top.emplace_back(*it, it.get_termfreq());
      CHECK(ours.top_values(1, 3) == xapian_top);
    }
  }

  TEST_CASE("facet columns: a replaced document's node id names the copy that is served") {
    TempDir tmp;
    SearchDocument old_copy;
    old_copy.id = "cn/x@2020-01-01/art-1";
    old_copy.kind = "article";
    old_copy.jurisdiction = "cn";
    old_copy.text_zh = "旧文本";
    SearchDocument other = old_copy;
    other.id = "cn/x@2020-01-01/art-2";
    SearchDocument new_copy = old_copy;
    new_copy.jurisdiction = "eu";
    Xapian::Database db;
    {
      IndexWriter w(tmp.path() / "shard-0", "snap");
      w.add(old_copy);  // docid 1 in the layer, 1 combined
      w.add(other);     // docid 2 in the layer, 3 combined
      w.commit();
      IndexWriter d(tmp.path() / "delta-1", "snap");
      d.add(new_copy);  // docid 1 in the layer, 2 combined
      d.commit();
    }
    db.add_database(Xapian::Database((tmp.path() / "shard-0").string()));
    db.add_database(Xapian::Database((tmp.path() / "delta-1").string()));
    const std::vector<FacetColumns::Slot> slots = {{slot::kJurisdiction, false}};
    FacetColumns columns(db, slots, {{1}, {}});
    // The served copy is docid 1 of the second layer; docid 1 of the first is its hidden copy.
    REQUIRE(columns.row(1, new_copy.id) == 2);
    CHECK(columns.row(2, other.id) == 3);
    const auto& values = columns.values(0, 2);
    REQUIRE(values.size() == 1);
    CHECK(columns.value_name(0, values[0]) == "eu");
  }
}
