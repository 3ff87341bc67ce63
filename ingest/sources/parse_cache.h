// Parsed sources remembered by a long-running ingest (regkg watch) between runs, keyed by the
// file's identity: its path, size, inode, and modification and change times (as git's index
// does). A file whose identity is unchanged is neither read nor parsed again; its parse
// diagnostics are replayed. Owned by whoever keeps it across ingests. find() may be called from
// several threads at once for different paths; store() and sweep() from one, never alongside.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/sources/source_reader.h"

namespace regkg::ingest {

struct FileStamp {
  std::uint64_t size = 0, inode = 0, device = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp& o) const {
    return size == o.size && inode == o.inode && device == o.device && mtime_ns == o.mtime_ns &&
           ctime_ns == o.ctime_ns;
  }
};

// The stamp of `path`, or nullopt when it cannot be stat'ed.
std::optional<FileStamp> stamp_file(const std::filesystem::path& path);

class ParseCache {
 public:
  // The remembered result for `path` if it was stored with the same stamp.
  const ParsedFile* find(const std::filesystem::path& path, const FileStamp& stamp) const;
  void store(const std::filesystem::path& path, const FileStamp& stamp, ParsedFile parsed);
  // Forgets every file not stored or found since the previous sweep. Returns how many.
  size_t sweep();
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    FileStamp stamp;
    ParsedFile parsed;
    mutable bool used = false;
  };
  std::map<std::filesystem::path, Entry> entries_;
};

}  // namespace regkg::ingest
