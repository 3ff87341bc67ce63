// The fetch state kept in the --into folder (DIR/.fetch-state.json, hidden so the ingest skips
// it): per source, the validators of the last good response (ETag, Last-Modified), the SHA-256 of
// the page and of the file written from it, and that file's path, so the next run can ask for a
// 304 and tell new, changed and unchanged sources apart. Not thread-safe; one per run.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace regkg::fetch {

inline constexpr const char* kFetchStateFile = ".fetch-state.json";

struct SourceState {
  std::string url;        // the manifest URL fetched
  std::string final_url;  // after redirects
  std::string etag, last_modified;
  std::string body_sha256;  // of the page bytes as received
  std::string file;         // written file, relative to the --into folder
  std::string file_sha256;  // of that file's bytes
  std::string title, version_date;
  std::string fetched_at;  // UTC, ISO 8601
};

class FetchState {
 public:
  // Reads `path`; a missing file is an empty state. A corrupt one is also an empty state, with a
  // message in *warnings (a fetch then starts over instead of failing).
  static FetchState load(const std::filesystem::path& path, std::vector<std::string>* warnings);
  // Writes atomically (a temporary file renamed over `path`). Throws std::runtime_error naming
  // the path when it cannot be written.
  void save(const std::filesystem::path& path) const;

  const SourceState* find(const std::string& id) const;
  void put(const std::string& id, SourceState state) { sources_[id] = std::move(state); }
  size_t size() const { return sources_.size(); }

 private:
  std::map<std::string, SourceState> sources_;
};

// Writes `content` to `path` atomically (".name.tmp" beside it, then rename). Throws
// std::runtime_error "path: error: …".
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace regkg::fetch
