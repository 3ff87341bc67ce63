// The data directory: immutable snapshot directories and the CURRENT pointer that names the one
// being served. A snapshot is built in a staging directory and becomes current by two atomic
// renames (staging -> snapshots/<id>, CURRENT.tmp -> CURRENT), so a crash or failed ingest at any
// point leaves the previous snapshot current and nothing half-written visible.
//
// Layout:  DATA/CURRENT                 one line: the current snapshot id
//          DATA/snapshots/<id>/         graph.bin, index/ (Xapian), manifest.json
//          DATA/snapshots/.staging-*/   work in progress (removed on the next begin())
//          DATA/ingest.lock             held (flock) while an ingest runs
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace regkg::snapshot {

class SnapshotStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kGraphFile = "graph.bin";
inline constexpr const char* kIndexDir = "index";
inline constexpr const char* kManifestFile = "manifest.json";

// A snapshot being built. Files go under dir(); commit it with SnapshotStore::commit().
struct StagedSnapshot {
  std::string id;
  std::filesystem::path dir;
};

class SnapshotStore {
 public:
  // Creates DATA (and snapshots/) if needed. Throws SnapshotStoreError if it is not writable
  // when `writable` is true.
  explicit SnapshotStore(std::filesystem::path data_dir, bool writable = false);
  ~SnapshotStore();
  SnapshotStore(const SnapshotStore&) = delete;
  SnapshotStore& operator=(const SnapshotStore&) = delete;

  // Takes the ingest lock (fails fast with SnapshotStoreError if another ingest holds it), removes
  // stale staging directories and creates a new one with a fresh id.
  StagedSnapshot begin();
  // The same for a copy of another store's snapshot (a replica), which keeps its id. Throws if
  // the id is malformed or already present.
  StagedSnapshot begin_copy(const std::string& id);
  // fsyncs the staged files, renames the directory into place and switches CURRENT to it.
  void commit(const StagedSnapshot& staged);
  // Removes the staged directory (after a failure). Never touches CURRENT.
  void abandon(const StagedSnapshot& staged) noexcept;

  // The current snapshot id, or nullopt when there is none yet.
  std::optional<std::string> current_id() const;
  std::filesystem::path snapshot_dir(const std::string& id) const;
  // Completed snapshot ids, oldest first.
  std::vector<std::string> list() const;
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // Removes all but the `keep` newest snapshots (never the current one); returns how many went.
  // Problems are logged as warnings, not thrown: the new snapshot is already committed.
  size_t collect_garbage(size_t keep, std::ostream& log);

 private:
  StagedSnapshot begin_staging(const std::optional<std::string>& id);
  std::filesystem::path data_dir_;
  int lock_fd_ = -1;
};

// A new snapshot id: UTC time to the millisecond plus a random suffix, e.g.
// 20261128T150524123Z-3a64f5; ids sort by creation time.
std::string make_snapshot_id();
// Current UTC time as "2026-11-28T12:13:14Z".
std::string utc_now_iso8601();

}  // namespace regkg::snapshot
