// ParseCache: parsed files by path, valid while the file's stat stamp is unchanged.
#include "ingest/sources/parse_cache.h"

#include "ingest/sources/cache_sweep.h"

#include <sys/stat.h>

namespace regkg::ingest {

std::optional<FileStamp> stamp_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  FileStamp s;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  s.device = static_cast<std::uint64_t>(st.st_dev);
  s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  return s;
}

const ParsedFile* ParseCache::find(const std::filesystem::path& path,
                                   const FileStamp& stamp) const {
  auto it = entries_.find(path);
  if (it == entries_.end() || !(it->second.stamp == stamp)) return nullptr;
  it->second.used = true;
  return &it->second.parsed;
}

void ParseCache::store(const std::filesystem::path& path, const FileStamp& stamp,
                       ParsedFile parsed) {
  Entry& e = entries_[path];
  e.stamp = stamp;
  e.parsed = std::move(parsed);
  e.used = true;
}

size_t ParseCache::sweep() { return sweep_unused(entries_); }

}  // namespace regkg::ingest
