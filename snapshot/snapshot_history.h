// When each version entered regkg and when its text last changed, carried from snapshot to
// snapshot (history.json in the snapshot directory). Ingest writes it by comparing the version
// fingerprints of the new index with the previous snapshot's history; the server's Atom feed
// reads it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace regkg::snapshot {

inline constexpr const char* kHistoryFile = "history.json";

struct VersionHistory {
  std::string first_seen;   // ISO 8601 UTC time of the snapshot that first had the version
  std::string changed;      // ... that last saw its documents change (== first_seen if never)
  std::string snapshot_id;  // the snapshot of `changed`
  std::uint64_t fingerprint = 0;
};

struct SnapshotHistory {
  std::map<std::string, VersionHistory> versions;  // by version id
};

// The history of a new snapshot: versions kept from `previous` (changed when their fingerprint
// differs), new ones first seen `now`, and versions gone dropped.
SnapshotHistory next_history(const SnapshotHistory& previous,
                             const std::map<std::string, std::uint64_t>& fingerprints,
                             const std::string& now, const std::string& snapshot_id);

void write_history(const SnapshotHistory& history, const std::filesystem::path& path);
// A missing file is an empty history; a malformed one throws std::runtime_error naming the file.
SnapshotHistory read_history(const std::filesystem::path& path);

}  // namespace regkg::snapshot
