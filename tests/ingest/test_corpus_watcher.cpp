// The corpus watcher: the signature changes with the files, and run_watch ingests at start and
// again once a change has settled, until stopped.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "ingest/corpus_watcher.h"
#include "snapshot/snapshot_store.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;

TEST_CASE("corpus_signature follows additions / removals and edits") {
  test::TempDir dir;
  test::write_file(dir.path() / "a.md", "# A\n");
  const auto empty = ingest::corpus_signature({dir.path()});
  CHECK(ingest::corpus_signature({dir.path()}) == empty);
  test::write_file(dir.path() / "b.md", "# B\n");
  const auto with_b = ingest::corpus_signature({dir.path()});
  CHECK(with_b != empty);
  test::write_file(dir.path() / "b.md", "# B, longer\n");
  CHECK(ingest::corpus_signature({dir.path()}) != with_b);
  fs::remove(dir.path() / "b.md");
  CHECK(ingest::corpus_signature({dir.path()}) == empty);
}

TEST_CASE("corpus_state: the last change is that of the newest file or directory entry") {
  using std::chrono::system_clock;
  test::TempDir dir;
  fs::create_directories(dir.path() / "statutes-zh");
  test::write_file(dir.path() / "statutes-zh" / "a.md", "# A\n");
  // An old file linked in: its own times are old, its directory's are new.
  const fs::path old_file = test::corpus_file("statutes-zh/行政法/数据安全法(2021-06-10).md");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto before_link = system_clock::now();
  fs::create_symlink(old_file, dir.path() / "statutes-zh" / "b.md");
  const auto linked = ingest::corpus_state({dir.path()});
  CHECK(linked.last_change >= before_link - std::chrono::milliseconds(30));
  CHECK(linked.last_change <= system_clock::now() + std::chrono::seconds(1));
  CHECK(linked.signature == ingest::corpus_signature({dir.path()}));

  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto before_remove = system_clock::now();
  fs::remove(dir.path() / "statutes-zh" / "a.md");
  const auto removed = ingest::corpus_state({dir.path()});
  CHECK(removed.last_change >= before_remove - std::chrono::milliseconds(30));
  CHECK(removed.signature != linked.signature);

  // Nothing touched: the same state twice.
  const auto again = ingest::corpus_state({dir.path()});
  CHECK(again.signature == removed.signature);
  CHECK(again.last_change == removed.last_change);
}

TEST_CASE("run_watch ingests at start and after a change has settled") {
  test::TempDir corpus, data;
  test::make_small_corpus(corpus.path(), false);
  const char* added = "statutes-zh/行政法/科学技术进步法(2021-12-24).md";
  fs::remove(corpus.path() / fs::u8path(added));
  ingest::IngestOptions o;
  o.corpora = {corpus.path()};
  o.data_dir = data.path();
  o.dictionaries_dir = fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
  o.threads = 2;
  ingest::WatchOptions w;
  w.interval = std::chrono::milliseconds(100);
  w.debounce = std::chrono::milliseconds(200);
  std::atomic<bool> stop{false};
  std::ostringstream log;
  size_t ingests = 0;
  std::thread watcher([&] { ingests = ingest::run_watch(o, w, log, stop); });
  snapshot::SnapshotStore store(data.path());
  auto wait_for_snapshots = [&](size_t n) {
    for (int i = 0; i < 600 && store.list().size() < n; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return store.list().size();
  };
  CHECK(wait_for_snapshots(1) == 1);
  fs::create_symlink(test::corpus_file(added), corpus.path() / fs::u8path(added));
  CHECK(wait_for_snapshots(2) == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // quiet: no third ingest
  stop = true;
  watcher.join();
  INFO(log.str());
  CHECK(ingests == 2);
  CHECK(store.list().size() == 2);
  CHECK(log.str().find("incremental") != std::string::npos);
}
