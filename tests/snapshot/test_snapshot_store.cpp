// Tests SnapshotStore (staging, commit, CURRENT, lock), manifests, and open_snapshot validation.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "graph/graph_store.h"
#include "graph/knowledge_graph.h"
#include "index/index_writer.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshot_manifest.h"
#include "snapshot/snapshot_store.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg::snapshot;
using regkg::test::read_file;
using regkg::test::TempDir;
using regkg::test::write_file;

namespace {

std::string current_file(const fs::path& data) {
  std::string s = read_file(data / "CURRENT");
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// Fills a staged directory with a minimal but complete snapshot: graph, index, manifest.
void fill_snapshot(const StagedSnapshot& staged, const std::string& index_snapshot_id) {
  regkg::graph::KnowledgeGraph g;
  regkg::graph::NodeData n;
  n.id = "cn/test@2020-01-01/art-1";
  n.text_zh = "安全评估";
  g.upsert_node(n);
  regkg::graph::save_graph(g, staged.dir / kGraphFile);
  {
    regkg::index::IndexWriter w(staged.dir / kIndexDir, index_snapshot_id);
    regkg::index::SearchDocument d;
    d.id = n.id;
    d.kind = "article";
    d.text_zh = n.text_zh;
    w.add(d);
    w.commit();
  }
  SnapshotManifest m;
  m.id = staged.id;
  m.created = utc_now_iso8601();
  m.index_schema_version = 1;
  m.graph_format_version = 1;
  m.counts["nodes"] = 1;
  write_manifest(m, staged.dir / kManifestFile);
}

}  // namespace

TEST_SUITE("snapshot") {
  TEST_CASE("begin then commit makes CURRENT name the new snapshot") {
    TempDir tmp;
    SnapshotStore store(tmp.path(), /*writable=*/true);
    CHECK_FALSE(store.current_id().has_value());
    CHECK(store.list().empty());

    StagedSnapshot staged = store.begin();
    CHECK(fs::is_directory(staged.dir));
    CHECK(staged.dir.parent_path() == tmp.path() / "snapshots");
    CHECK(staged.dir.filename().string().rfind(".staging-", 0) == 0);
    fill_snapshot(staged, staged.id);
    // Not visible before commit.
    CHECK_FALSE(store.current_id().has_value());
    CHECK(store.list().empty());

    store.commit(staged);
    REQUIRE(store.current_id().has_value());
    CHECK(*store.current_id() == staged.id);
    CHECK(current_file(tmp.path()) == staged.id);
    CHECK_FALSE(fs::exists(staged.dir));
    CHECK(fs::exists(store.snapshot_dir(staged.id) / kGraphFile));
    CHECK(fs::exists(store.snapshot_dir(staged.id) / kManifestFile));
    CHECK_FALSE(fs::exists(tmp.path() / "CURRENT.tmp"));
    CHECK(store.list() == std::vector<std::string>{staged.id});

    // A second snapshot becomes current; the first stays on disk.
    StagedSnapshot second = store.begin();
    CHECK(second.id != staged.id);
    fill_snapshot(second, second.id);
    store.commit(second);
    CHECK(*store.current_id() == second.id);
    CHECK(store.list().size() == 2);
    CHECK(fs::is_directory(store.snapshot_dir(staged.id)));

    // The committed snapshot opens.
    auto snap = open_current_snapshot(tmp.path(), 1);
    CHECK(snap->id == second.id);
    CHECK(snap->graph->node_count() == 1);
    CHECK(snap->searcher->document_count() == 1);
  }

  TEST_CASE("abandon removes the staging directory and leaves CURRENT unchanged") {
    TempDir tmp;
    SnapshotStore store(tmp.path(), true);
    StagedSnapshot first = store.begin();
    fill_snapshot(first, first.id);
    store.commit(first);
    const std::string before = read_file(tmp.path() / "CURRENT");

    StagedSnapshot failed = store.begin();
    fill_snapshot(failed, failed.id);
    store.abandon(failed);
    CHECK_FALSE(fs::exists(failed.dir));
    CHECK(read_file(tmp.path() / "CURRENT") == before);
    CHECK(*store.current_id() == first.id);
    CHECK(store.list() == std::vector<std::string>{first.id});
  }

  TEST_CASE("a second store cannot begin while the first holds the ingest lock") {
    TempDir tmp;
    SnapshotStore first(tmp.path(), true);
    StagedSnapshot staged = first.begin();
    {
      SnapshotStore second(tmp.path(), true);
      try {
        second.begin();
        FAIL("expected SnapshotStoreError");
      } catch (const SnapshotStoreError& e) {
        const std::string what = e.what();
        CHECK(what.find("ingest.lock") != std::string::npos);
        CHECK(what.find("another ingest") != std::string::npos);
      }
      // The failed begin() must not have removed the first store's live staging directory.
      CHECK(fs::is_directory(staged.dir));
    }
    // The first store still works and can commit.
    fill_snapshot(staged, staged.id);
    first.commit(staged);
    CHECK(*first.current_id() == staged.id);
  }

  TEST_CASE("the lock is released when the holding store is destroyed") {
    TempDir tmp;
    {
      SnapshotStore first(tmp.path(), true);
      first.begin();
    }
    SnapshotStore second(tmp.path(), true);
    CHECK_NOTHROW(second.begin());
  }

  TEST_CASE("begin removes stale staging directories left by a crashed ingest") {
    TempDir tmp;
    SnapshotStore store(tmp.path(), true);
    fs::create_directories(tmp.path() / "snapshots");
    const fs::path stale1 = tmp.path() / "snapshots" / ".staging-20200101T000000Z-abcdef";
    const fs::path stale2 = tmp.path() / "snapshots" / ".staging-x";
    write_file(stale1 / "index" / "junk", "partial");
    fs::create_directories(stale2);
    const fs::path keep = tmp.path() / "snapshots" / "20200101T000000Z-123456";
    fs::create_directories(keep);
    StagedSnapshot staged = store.begin();
    CHECK_FALSE(fs::exists(stale1));
    CHECK_FALSE(fs::exists(stale2));
    CHECK(fs::exists(keep));  // completed snapshots are never touched
    CHECK(fs::is_directory(staged.dir));
  }

  TEST_CASE("current_id ignores a CURRENT file that does not hold a valid id") {
    TempDir tmp;
    SnapshotStore store(tmp.path(), true);
    for (const std::string& bad :
         std::vector<std::string>{"", "../../etc", "a/b", "id with space", std::string(65, 'a')}) {
      CAPTURE(bad);
      write_file(tmp.path() / "CURRENT", bad + "\n");
      CHECK_FALSE(store.current_id().has_value());
    }
    write_file(tmp.path() / "CURRENT", "20240101T000000Z-abc123\n");
    CHECK(store.current_id() == std::optional<std::string>("20240101T000000Z-abc123"));
  }

  TEST_CASE("snapshot ids sort by time and are unique") {
    const std::string a = make_snapshot_id();
    const std::string b = make_snapshot_id();
    CHECK(a != b);
    CHECK(a.size() == std::string("20240101T000000000Z-abcdef").size());
    CHECK(a[8] == 'T');
    CHECK(a[18] == 'Z');
    const std::string now = utc_now_iso8601();
    CHECK(now.size() == 20);
    CHECK(now.back() == 'Z');
  }

  TEST_CASE("manifest write/read round trip keeps every field") {
    TempDir tmp;
    SnapshotManifest m;
    m.id = "20240101T000000Z-abc123";
    m.created = "2024-01-01T00:00:00Z";
    m.index_schema_version = 1;
    m.graph_format_version = 1;
    m.regkg_version = "0.1.0";
    m.corpora = {"/data/corpus", "/data/其他"};
    m.counts = {{"nodes", 12345678901ULL}, {"edges", 2}, {"kind.article", 0}};
    m.sources = {{"statutes-zh/行政法/数据安全法(2021-06-10).md", "/data/corpus",
                  "statute-markdown", "ab12", 1234, "ingested"},
                 {"compass/bad.json", "/data/corpus", "compass-json", "", 7, "skipped"}};
    m.diagnostics = {{"error", "compass/bad.json", 3, "JSON parse error: \"quoted\" \\ text"},
                     {"warning", "news/x.md", 0, "警告"}};
    m.ingest_seconds = 3.25;
    const auto path = tmp.path() / "manifest.json";
    write_manifest(m, path);
    SnapshotManifest r = read_manifest(path);
    CHECK(r.id == m.id);
    CHECK(r.created == m.created);
    CHECK(r.index_schema_version == 1);
    CHECK(r.graph_format_version == 1);
    CHECK(r.regkg_version == "0.1.0");
    CHECK(r.corpora == m.corpora);
    CHECK(r.counts == m.counts);
    REQUIRE(r.sources.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
      CHECK(r.sources[i].path == m.sources[i].path);
      CHECK(r.sources[i].corpus == m.sources[i].corpus);
      CHECK(r.sources[i].format == m.sources[i].format);
      CHECK(r.sources[i].sha256 == m.sources[i].sha256);
      CHECK(r.sources[i].bytes == m.sources[i].bytes);
      CHECK(r.sources[i].status == m.sources[i].status);
    }
    REQUIRE(r.diagnostics.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
      CHECK(r.diagnostics[i].severity == m.diagnostics[i].severity);
      CHECK(r.diagnostics[i].path == m.diagnostics[i].path);
      CHECK(r.diagnostics[i].line == m.diagnostics[i].line);
      CHECK(r.diagnostics[i].message == m.diagnostics[i].message);
    }
    CHECK(r.ingest_seconds == doctest::Approx(3.25));
  }

  TEST_CASE("read_manifest of malformed or missing files throws ManifestError naming the file") {
    TempDir tmp;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"truncated.json", "{\"id\": \"abc\", \"counts\": {"},
        {"not-json.json", "this is not json"},
        {"empty.json", ""},
        {"trailing-comma.json", "{\"id\": \"abc\",}"},
    };
    for (const auto& [name, content] : cases) {
      CAPTURE(name);
      const auto path = tmp.path() / name;
      write_file(path, content);
      try {
        read_manifest(path);
        FAIL("expected ManifestError");
      } catch (const ManifestError& e) {
        CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
      }
    }
    const auto missing = tmp.path() / "missing.json";
    try {
      read_manifest(missing);
      FAIL("expected ManifestError");
    } catch (const ManifestError& e) {
      CHECK(std::string(e.what()).find(missing.string()) != std::string::npos);
    }
  }

  TEST_CASE("open_snapshot refuses a corrupt graph / a mismatched index and a missing manifest") {
    TempDir tmp;
    SnapshotStore store(tmp.path(), true);

    SUBCASE("a good snapshot opens") {
      StagedSnapshot s = store.begin();
      fill_snapshot(s, s.id);
      store.commit(s);
      auto snap = open_snapshot(store.snapshot_dir(s.id), 1);
      CHECK(snap->id == s.id);
      CHECK(snap->manifest.counts.at("nodes") == 1);
    }
    SUBCASE("corrupt graph") {
      StagedSnapshot s = store.begin();
      fill_snapshot(s, s.id);
      std::string bytes = read_file(s.dir / kGraphFile);
      bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0xff);
      write_file(s.dir / kGraphFile, bytes);
      store.commit(s);
      try {
        open_snapshot(store.snapshot_dir(s.id), 1);
        FAIL("expected SnapshotOpenError");
      } catch (const SnapshotOpenError& e) {
        const std::string what = e.what();
        CHECK(what.find(kGraphFile) != std::string::npos);
        CHECK(what.find("checksum") != std::string::npos);
      }
    }
    SUBCASE("index of another snapshot") {
      StagedSnapshot s = store.begin();
      fill_snapshot(s, "some-other-snapshot");
      store.commit(s);
      try {
        open_snapshot(store.snapshot_dir(s.id), 1);
        FAIL("expected SnapshotOpenError");
      } catch (const SnapshotOpenError& e) {
        const std::string what = e.what();
        CHECK(what.find("some-other-snapshot") != std::string::npos);
        CHECK(what.find(s.id) != std::string::npos);
      }
    }
    SUBCASE("missing index") {
      StagedSnapshot s = store.begin();
      fill_snapshot(s, s.id);
      fs::remove_all(s.dir / kIndexDir);
      store.commit(s);
      CHECK_THROWS_AS(open_snapshot(store.snapshot_dir(s.id), 1), SnapshotOpenError);
    }
    SUBCASE("malformed manifest") {
      StagedSnapshot s = store.begin();
      fill_snapshot(s, s.id);
      write_file(s.dir / kManifestFile, "{");
      store.commit(s);
      try {
        open_snapshot(store.snapshot_dir(s.id), 1);
        FAIL("expected SnapshotOpenError");
      } catch (const SnapshotOpenError& e) {
        CHECK(std::string(e.what()).find(kManifestFile) != std::string::npos);
      }
    }
    SUBCASE("no current snapshot") {
      CHECK_THROWS_AS(open_current_snapshot(tmp.path(), 1), SnapshotOpenError);
    }
  }

}  // TEST_SUITE
