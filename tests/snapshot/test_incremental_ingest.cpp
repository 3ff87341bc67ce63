// Incremental ingest on a small real corpus: after adding, changing and removing sources, the
// incrementally built snapshot serves exactly what a full rebuild of the same corpus serves; the
// history says what changed; old snapshots are collected; a broken previous index forces a full
// write instead of being trusted.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index/index_layers.h"
#include "ingest/ingest_pipeline.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshot_history.h"
#include "snapshot/snapshot_store.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

namespace {

using test::kAdded;
using test::kDsl;
using test::kRemoved;

ingest::IngestOptions options_for(const fs::path& corpus, const fs::path& data) {
  return test::small_ingest_options(corpus, data);
}

// The small corpus with the Data Security Law as a real (editable) file and one law left out.
void make_corpus(const fs::path& root) {
  test::make_small_corpus(root, /*with_bad_files=*/false);
  fs::remove(root / fs::u8path(kAdded));
  fs::remove(root / fs::u8path(kDsl));
  test::write_file(root / fs::u8path(kDsl), test::read_file(test::corpus_file(kDsl)));
}

std::set<std::string> node_ids(const snapshot::Snapshot& s) {
  std::set<std::string> ids;
  const auto& g = s.graph->boost_graph();
  for (auto [it, end] = boost::vertices(g); it != end; ++it) ids.insert(s.graph->node(*it).id);
  return ids;
}

std::set<std::string> hit_ids(const snapshot::Snapshot& s, const std::string& q,
                              const std::string& kind = "") {
  index::SearchRequest r;
  // Quoted: the exact text, never a relaxed plan's near matches (these tests ask "is it there").
  r.query = "\"" + q + "\"";
  r.kind = kind;
  r.limit = 100;
  std::set<std::string> ids;
  for (const auto& h : s.searcher->search(r).hits) ids.insert(h.id);
  return ids;
}

size_t total(const snapshot::Snapshot& s, const std::string& q) {
  index::SearchRequest r;
  r.query = q;
  r.limit = 1;
  return s.searcher->search(r).total;
}

}  // namespace

TEST_CASE(
    "incremental ingest equals a full rebuild after files are added and changed and removed") {
  test::TempDir corpus, data, full_data;
  make_corpus(corpus.path());
  std::ostringstream log;
  auto first = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
  CHECK_FALSE(first.incremental);
  CHECK(first.full_reason == "no previous snapshot");
  auto before = snapshot::open_current_snapshot(data.path(), 1);
  CHECK(hit_ids(*before, "科学技术第一生产力").empty());

  // Add a law, amend an article of another, remove a third.
  fs::create_symlink(test::corpus_file(kAdded), corpus.path() / fs::u8path(kAdded));
  std::string dsl = test::read_file(corpus.path() / fs::u8path(kDsl));
  const std::string old_phrase = "国家建立数据分类分级保护制度";
  REQUIRE(dsl.find(old_phrase) != std::string::npos);
  dsl.replace(dsl.find(old_phrase), old_phrase.size(), "国家建立数据分类分级和量子目录保护制度");
  test::write_file(corpus.path() / fs::u8path(kDsl), dsl);
  fs::remove(corpus.path() / fs::u8path(kRemoved));

  auto second = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
  INFO(log.str());
  REQUIRE(second.incremental);
  CHECK(second.documents_added > 20);    // the science and technology law's articles
  CHECK(second.documents_changed >= 1);  // at least Article 21 of the Data Security Law
  CHECK(second.documents_removed > 20);  // the 2014 Counter-espionage Law's articles
  CHECK(second.documents_written == second.documents_added + second.documents_changed);
  const fs::path index_dir = fs::path(data.path()) / "snapshots" / second.snapshot_id / "index";
  index::IndexLayers layers = index::read_layers(index_dir);
  CHECK(layers.layers.back() == "delta-" + second.snapshot_id);
  CHECK(layers.hidden_count() == second.documents_changed + second.documents_removed);

  auto full_options = options_for(corpus.path(), full_data.path());
  full_options.full = true;
  auto full = ingest::run_ingest(full_options, log);
  CHECK_FALSE(full.incremental);
  auto inc = snapshot::open_current_snapshot(data.path(), 1);
  auto reb = snapshot::open_current_snapshot(full_data.path(), 1);

  SUBCASE("same graph, same documents") {
    CHECK(inc->graph->node_count() == reb->graph->node_count());
    CHECK(inc->graph->edge_count() == reb->graph->edge_count());
    CHECK(node_ids(*inc) == node_ids(*reb));
    CHECK(second.documents == full.documents);
    CHECK(inc->searcher->document_count() == reb->searcher->document_count());
    std::set<std::string> inc_docs, reb_docs;
    for (const auto& r : index::read_document_records(index_dir)) inc_docs.insert(r.id);
    for (const auto& r : index::read_document_records(fs::path(full_data.path()) / "snapshots" /
                                                      full.snapshot_id / "index"))
      reb_docs.insert(r.id);
    CHECK(inc_docs == reb_docs);
  }
  SUBCASE("same answers: new text found, replaced and removed text gone") {
    CHECK(hit_ids(*inc, "量子目录保护制度") ==
          std::set<std::string>{"cn/data-security-law@2021-06-10/art-21"});
    CHECK(hit_ids(*inc, "国家建立数据分类分级保护制度").empty());
    CHECK(hit_ids(*before, "国家建立数据分类分级保护制度").size() == 1);
    CHECK(total(*before, "反间谍") > total(*inc, "反间谍"));
    CHECK(hit_ids(*inc, "科学技术第一生产力")
              .count("cn/science-technology-progress-law@2021-12-24/art-1") == 1);
    for (const std::string q : {"科学技术第一生产力", "数据", "反间谍 工作", "个人信息 处理者",
                                "量子", "安全评估", "instrument:cn/data-security-law"}) {
      INFO("query: " << q);
      CHECK(hit_ids(*inc, q) == hit_ids(*reb, q));
      CHECK(total(*inc, q) == total(*reb, q));
    }
    CHECK(hit_ids(*inc, "", "version") == hit_ids(*reb, "", "version"));
  }
  SUBCASE("history: first seen and changed") {
    auto h = snapshot::read_history(fs::path(data.path()) / "snapshots" / second.snapshot_id /
                                    snapshot::kHistoryFile);
    const auto& dsl_version = h.versions.at("cn/data-security-law@2021-06-10");
    CHECK(dsl_version.snapshot_id == second.snapshot_id);  // changed in the second ingest
    CHECK(dsl_version.first_seen <= dsl_version.changed);
    const auto& pipl = h.versions.at("cn/pipl@2021-08-20");
    CHECK(pipl.snapshot_id == first.snapshot_id);  // untouched since the first
    CHECK(pipl.first_seen == pipl.changed);
    CHECK(h.versions.count("cn/counter-espionage-law@2014-11-01") == 0);
  }
}

TEST_CASE("ten refreshes in a row: deltas are consolidated and never force a full write") {
  test::TempDir corpus, data, full_data;
  make_corpus(corpus.path());
  std::ostringstream log;
  auto o = options_for(corpus.path(), data.path());
  o.keep = 2;
  ingest::run_ingest(o, log);
  // Article 21 takes a new word each time; each refresh adds one delta layer until there are
  // eight, then the ninth refresh writes their live documents into one (IndexBuildOptions).
  const std::string path = (corpus.path() / fs::u8path(kDsl)).string();
  const std::string base = test::read_file(path);
  const std::string phrase = "国家建立数据分类分级保护制度";
  REQUIRE(base.find(phrase) != std::string::npos);
  auto word = [](int i) { return "第" + std::to_string(i) + "号量子目录"; };
  size_t most_deltas = 0;
  ingest::IngestSummary last;
  for (int i = 1; i <= 10; ++i) {
    std::string text = base;
    text.replace(text.find(phrase), phrase.size(), phrase + "和" + word(i));
    // The 2014 Counter-espionage Law goes and comes back: its documents hidden in the base
    // layers, then living in a delta that the consolidation carries over.
    if (i == 2) fs::remove(corpus.path() / fs::u8path(kRemoved));
    if (i == 5)
      fs::create_symlink(test::corpus_file(kRemoved), corpus.path() / fs::u8path(kRemoved));
    test::write_file(path, text);
    last = ingest::run_ingest(o, log);
    INFO("refresh " << i << "\n" << log.str());
    REQUIRE(last.incremental);
    index::IndexLayers layers =
        index::read_layers(fs::path(data.path()) / "snapshots" / last.snapshot_id / "index");
    size_t deltas = std::count_if(layers.layers.begin(), layers.layers.end(),
                                  [](const std::string& l) { return l.rfind("delta-", 0) == 0; });
    most_deltas = std::max(most_deltas, deltas);
    CHECK(layers.layers.back() == "delta-" + last.snapshot_id);
    if (i == 9) CHECK(deltas == 1);  // eight deltas before it, consolidated into this one
  }
  CHECK(most_deltas == 8);

  auto full_options = options_for(corpus.path(), full_data.path());
  full_options.full = true;
  auto full = ingest::run_ingest(full_options, log);
  auto inc = snapshot::open_current_snapshot(data.path(), 1);
  auto reb = snapshot::open_current_snapshot(full_data.path(), 1);
  CHECK(inc->searcher->document_count() == reb->searcher->document_count());
  CHECK(hit_ids(*inc, word(10)) == std::set<std::string>{"cn/data-security-law@2021-06-10/art-21"});
  for (int i = 1; i <= 9; ++i) CHECK(hit_ids(*inc, word(i)).empty());
  for (const std::string q : {"数据", "反间谍 工作", "量子目录", "安全评估", "个人信息 处理者"}) {
    INFO("query: " << q);
    CHECK(hit_ids(*inc, q) == hit_ids(*reb, q));
    CHECK(total(*inc, q) == total(*reb, q));
  }
}

TEST_CASE("old snapshots are collected and hard-linked layers outlive them") {
  test::TempDir corpus, data;
  make_corpus(corpus.path());
  std::ostringstream log;
  auto o = options_for(corpus.path(), data.path());
  o.keep = 2;
  auto a = ingest::run_ingest(o, log);
  fs::create_symlink(test::corpus_file(kAdded), corpus.path() / fs::u8path(kAdded));
  auto b = ingest::run_ingest(o, log);
  std::string dsl = test::read_file(corpus.path() / fs::u8path(kDsl));
  dsl.replace(dsl.find("国家建立数据分类分级保护制度"), std::string("国家建立").size(), "国家设立");
  test::write_file(corpus.path() / fs::u8path(kDsl), dsl);
  auto c = ingest::run_ingest(o, log);
  CHECK_MESSAGE(b.incremental, b.full_reason);
  CHECK_MESSAGE(c.incremental, c.full_reason);
  CHECK(c.snapshots_removed == 1);
  snapshot::SnapshotStore store(data.path());
  CHECK(store.list() == std::vector<std::string>{b.snapshot_id, c.snapshot_id});
  // The first snapshot's shards are gone from its directory but still served through c's links.
  auto snap = snapshot::open_current_snapshot(data.path(), 1);
  CHECK(snap->id == c.snapshot_id);
  CHECK(total(*snap, "个人信息") > 0);
  CHECK(hit_ids(*snap, "科学技术第一生产力").size() == 1);
  CHECK(hit_ids(*snap, "国家设立数据分类分级保护制度").size() == 1);
}

TEST_CASE(
    "a broken previous snapshot is not trusted: index written in full and size hints ignored") {
  test::TempDir corpus, data;
  make_corpus(corpus.path());
  std::ostringstream log;
  auto a = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
  const fs::path layers_file =
      fs::path(data.path()) / "snapshots" / a.snapshot_id / "index" / index::kLayersFile;
  SUBCASE("documents.tsv truncated") {
    const fs::path docs = layers_file.parent_path() / index::kDocumentsFile;
    std::string text = test::read_file(docs);
    test::write_file(docs, text.substr(0, text.size() / 2));
    auto b = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
    CHECK_FALSE(b.incremental);
    CHECK(b.full_reason.find("documents.tsv") != std::string::npos);
    CHECK(b.full_reason.find("truncated") != std::string::npos);
  }
  SUBCASE("layers.json names a directory outside the index") {
    test::write_file(layers_file,
                     R"({"snapshot_id": "x", "schema_version": 3, "layers": ["../../x"]})");
    auto b = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
    CHECK_FALSE(b.incremental);
    CHECK(b.full_reason.find("bad layer name") != std::string::npos);
  }
  SUBCASE("manifest.json claims absurd counts or is not JSON: only a size hint, ignored") {
    const fs::path manifest =
        fs::path(data.path()) / "snapshots" / a.snapshot_id / snapshot::kManifestFile;
    std::string text = test::read_file(manifest);
    for (const std::string key : {"\"nodes\": ", "\"edges\": "}) {
      size_t at = text.find(key);
      REQUIRE(at != std::string::npos);
      size_t digits = text.find_first_not_of("0123456789", at + key.size());
      text.replace(at + key.size(), digits - at - key.size(), "18000000000000000000");
    }
    test::write_file(manifest, text);
    auto b = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
    CHECK(b.incremental);
    CHECK(b.nodes == a.nodes);
    CHECK(b.edges == a.edges);
    test::write_file(fs::path(data.path()) / "snapshots" / b.snapshot_id / snapshot::kManifestFile,
                     "{\"counts\": [");
    auto c = ingest::run_ingest(options_for(corpus.path(), data.path()), log);
    CHECK(c.nodes == a.nodes);
    CHECK(c.edges == a.edges);
  }
  auto snap = snapshot::open_current_snapshot(data.path(), 1);
  CHECK(total(*snap, "数据分类分级保护制度") > 0);
}
