// Opening and validating a snapshot directory.
#include "snapshot/snapshot.h"

#include <cstdint>

#include <malloc.h>

#include "graph/adjacency_index.h"
#include "graph/graph_store.h"
#include "graph/validity_index.h"
#include "index/index_check.h"
#include "snapshot/snapshot_store.h"

namespace regkg::snapshot {

namespace {

// Opens everything but the graph into `snap`, gives it `graph`, and checks the ids agree.
void finish_open(Snapshot& snap, std::shared_ptr<const graph::KnowledgeGraph> graph,
                 size_t searcher_pool_size, bool build_graph_indexes = true,
                 const index::RemoteShards& remote = {}) {
  // The indexes graph queries use, built now rather than by the first request (~0.2 s).
  if (build_graph_indexes) {
    graph->adjacency();
    graph->validity();
  }
  snap.graph = std::move(graph);
  snap.searcher =
      std::make_unique<index::Searcher>(snap.dir / kIndexDir, searcher_pool_size, remote);
}

// A snapshot with its directory, manifest (and id) and history read; no graph or index yet.
std::shared_ptr<Snapshot> read_metadata(const std::filesystem::path& dir) {
  auto snap = std::make_shared<Snapshot>();
  snap->dir = dir;
  snap->manifest = read_manifest(dir / kManifestFile);
  snap->id = snap->manifest.id;
  snap->history = read_history(dir / kHistoryFile);
  return snap;
}

void check_ids(const Snapshot& snap) {
  if (snap.searcher->snapshot_id() != snap.id)
    throw SnapshotOpenError(snap.dir.string() + ": error: index belongs to snapshot '" +
                            snap.searcher->snapshot_id() + "', manifest says '" + snap.id + "'");
}

}  // namespace

std::shared_ptr<const Snapshot> open_snapshot(const std::filesystem::path& dir,
                                              size_t searcher_pool_size, bool trim_heap) {
  return open_snapshot(dir, searcher_pool_size, index::RemoteShards{}, trim_heap);
}

std::shared_ptr<const Snapshot> open_snapshot(const std::filesystem::path& dir,
                                              size_t searcher_pool_size,
                                              const index::RemoteShards& remote, bool trim_heap) {
  std::shared_ptr<Snapshot> snap;
  try {
    snap = read_metadata(dir);
    // Loaded in place: moving a returned graph would deep-copy it (see graph_store.h).
    auto g = std::make_shared<graph::KnowledgeGraph>();
    graph::load_graph(dir / kGraphFile, *g);
    finish_open(*snap, std::move(g), searcher_pool_size, true, remote);
  } catch (const index::ShardUnavailableError&) {
    throw;
  } catch (const std::exception& e) {
    throw SnapshotOpenError(e.what());
  } catch (const Xapian::Error& e) {
    // Not a std::exception: without this it left the reloader unlogged (issue 22, item 2).
    throw SnapshotOpenError(dir.string() + ": error: Xapian::" + e.get_type() + ": " + e.get_msg());
  }
  // Loading parses a file-sized buffer and a string table that are freed by now: hand that memory
  // back to the system instead of keeping it in the heap of a long-running server.
  if (trim_heap) ::malloc_trim(0);
  check_ids(*snap);
  return snap;
}

std::shared_ptr<const Snapshot> open_snapshot_with_graph(
    const std::filesystem::path& dir, std::shared_ptr<const graph::KnowledgeGraph> graph,
    size_t searcher_pool_size, bool build_graph_indexes) {
  std::shared_ptr<Snapshot> snap;
  try {
    snap = read_metadata(dir);
    auto count = [&](const char* key) {
      auto it = snap->manifest.counts.find(key);
      return it == snap->manifest.counts.end() ? std::uint64_t{0}
                                               : static_cast<std::uint64_t>(it->second);
    };
    if (!graph || count("nodes") != graph->node_count() || count("edges") != graph->edge_count())
      throw SnapshotOpenError(dir.string() + ": error: the graph in memory is not this snapshot's");
    finish_open(*snap, std::move(graph), searcher_pool_size, build_graph_indexes);
  } catch (const SnapshotOpenError&) {
    throw;
  } catch (const std::exception& e) {
    throw SnapshotOpenError(e.what());
  } catch (const Xapian::Error& e) {
    throw SnapshotOpenError(dir.string() + ": error: Xapian::" + e.get_type() + ": " + e.get_msg());
  }
  check_ids(*snap);
  return snap;
}

void check_snapshot_index(const std::filesystem::path& dir) {
  try {
    index::check_index(dir / kIndexDir);
  } catch (const std::exception& e) {
    throw SnapshotOpenError(e.what());
  }
}

std::shared_ptr<const Snapshot> open_current_snapshot(const std::filesystem::path& data_dir,
                                                      size_t searcher_pool_size, bool trim_heap) {
  return open_current_snapshot(data_dir, searcher_pool_size, index::RemoteShards{}, trim_heap);
}

std::shared_ptr<const Snapshot> open_current_snapshot(const std::filesystem::path& data_dir,
                                                      size_t searcher_pool_size,
                                                      const index::RemoteShards& remote,
                                                      bool trim_heap) {
  SnapshotStore store(data_dir);
  auto id = store.current_id();
  if (!id)
    throw SnapshotOpenError(data_dir.string() +
                            ": error: no current snapshot (run `regkg ingest` first)");
  return open_snapshot(store.snapshot_dir(*id), searcher_pool_size, remote, trim_heap);
}

}  // namespace regkg::snapshot
