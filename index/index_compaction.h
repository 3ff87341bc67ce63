// Compaction of a freshly written index layer: Xapian's compactor rewrites its tables with full
// blocks (documents and their ids unchanged), about a third smaller and read with fewer blocks.
// The ingest compacts each base shard once after writing it in full (they are immutable
// afterwards and hard-linked into later snapshots); delta layers stay as written.
#pragma once

#include <filesystem>
#include <string>

namespace regkg::index {

// Replaces the closed database in `dir` by its compact copy (written beside it, then swapped by
// renames). Returns an empty string, or why it did not compact: the database in `dir` is then
// left as it was, complete and searchable.
std::string compact_database(const std::filesystem::path& dir);

}  // namespace regkg::index
